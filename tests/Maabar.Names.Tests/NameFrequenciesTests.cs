using System.Globalization;
using System.Reflection;
using Maabar.Tests;

namespace Maabar.Names.Tests;

/// <summary>
/// Word weights learned from counts: from the corpus shipped with Maabar and from a watchlist itself. A
/// frequent word shared is weak evidence; a word not shared costs the same however frequent it is.
/// </summary>
public sealed class NameFrequenciesTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(NameFrequencies.RareShare, 1.0)]
    [InlineData(1e-3, 0.7)]
    [InlineData(NameFrequencies.CommonShare, 0.4)]
    [InlineData(0.3, 0.4)]
    public void WeightForShare_FallsWithTheLogarithmOfTheShare(double share, double weight) =>
        Assert.Equal(weight, NameFrequencies.WeightForShare(share), 3);

    [Fact]
    public void WeightForShare_NeverRisesAsTheShareGrows()
    {
        float previous = 1f;
        for (double share = 1e-6; share < 1; share *= 1.1)
        {
            float w = NameFrequencies.WeightForShare(share);
            Assert.InRange(w, NameFrequencies.LeastWeight, previous);
            previous = w;
        }
    }

    [Fact]
    public void Default_WeighsFrequentWordsLess_InBothScripts()
    {
        NameFrequencies model = NameFrequencies.Default;
        Assert.StartsWith("nf1-", model.Version, StringComparison.Ordinal);
        Assert.True(model.LearnedWords > 1000, $"{model.LearnedWords} words learned");
        Assert.Equal(NameFrequencies.LeastWeight, model.WeightOf("smith"));
        Assert.True(model.WeightOf("hassan") < 0.8f);
        Assert.True(model.WeightOf("\u062D\u0633\u0646") < 0.8f); // HASAN
        Assert.InRange(model.WeightOf("hassan") - model.WeightOf("\u062D\u0633\u0646"), -0.1f, 0.1f);
        Assert.Equal(1f, model.WeightOf("trabelsi"));
        Assert.Equal(1f, model.WeightOf("ouerfelli"));
    }

    /// <summary>The shipped counts are what <c>maabar names learn</c> writes from the shared Wikidata pairs: nothing edited by hand.</summary>
    [Fact]
    public void ShippedCounts_AreWhatTheLearnerWritesFromTheCorpus()
    {
        var corpus = new List<(string, long)>();
        foreach (string row in File.ReadLines(RepositoryPaths.SharedData("names/wikidata-latin-arabic-80.tsv")))
        {
            string[] f = row.Split('\t');
            long count = long.Parse(f[2], CultureInfo.InvariantCulture);
            corpus.Add((f[0], count));
            corpus.Add((f[1].Replace(" ", string.Empty, StringComparison.Ordinal), count));
        }

        var written = new StringWriter(CultureInfo.InvariantCulture);
        NameFrequencies.WriteCounts(corpus, written, []);
        NameFrequencies relearned = NameFrequencies.ReadCounts(new StringReader(written.ToString()));
        Assert.Equal(NameFrequencies.Default.Version, relearned.Version);

        using Stream shipped = typeof(NameFrequencies).Assembly.GetManifestResourceStream("Maabar.Names.Frequencies.name-word-counts.tsv")!;
        string[] shippedLines = [.. new StreamReader(shipped).ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal))];
        string[] writtenLines = [.. written.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
        Assert.Equal(writtenLines, shippedLines);
    }

    [Theory]
    [InlineData("#total latin x\n", 1)]
    [InlineData("#total greek 10\n", 1)]
    [InlineData("#total latin 10\nsmith\n", 2)]
    [InlineData("#total latin 10\n\nsmith\t-3\n", 3)]
    [InlineData("#total latin 10\nsmith\t3\tx\n", 2)]
    public void ReadCounts_MalformedLine_IsAFormatErrorNamingTheLine(string text, int line)
    {
        var ex = Assert.Throws<FormatException>(() => NameFrequencies.ReadCounts(new StringReader(text)));
        Assert.StartsWith($"Line {line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearnFrom_AList_LowersOnlyWordsMetOftenEnough_AndIsDeterministic()
    {
        // 400 names: "zarrouk" in 40 of them (10 % of names, 3.3 % of words), "kchaou" in 19 (too few to say).
        var names = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            string given = "Given" + ((char)('a' + (i % 26))) + ((char)('a' + (i / 26)));
            string family = i % 10 == 0 ? "Zarrouk" : i < 19 * 10 && i % 10 == 1 ? "Kchaou" : "Family" + ((char)('a' + (i % 26))) + ((char)('a' + (i / 26 % 26)));
            names.Add($"{given} Ben Omar {family}");
        }

        NameFrequencies learned = NameFrequencies.Default.LearnFrom(names);
        Assert.True(learned.WeightOf("zarrouk") < 0.6f, $"zarrouk {learned.WeightOf("zarrouk")}");
        Assert.Equal(1f, learned.WeightOf("kchaou"));
        Assert.Equal(NameFrequencies.Default.WeightOf("smith"), learned.WeightOf("smith"));
        Assert.NotEqual(NameFrequencies.Default.Version, learned.Version);
        Assert.Equal(learned.Version, NameFrequencies.Default.LearnFrom(Enumerable.Reverse(names)).Version);
        Assert.Equal("corpus+list", learned.Origin);

        // A list can only lower a weight: a word the corpus finds frequent stays so when the list rarely has it.
        Assert.Equal(NameFrequencies.Default.WeightOf("john"), NameFrequencies.Default.LearnFrom(["John Zarrouk"]).WeightOf("john"));
    }

    [Fact]
    public void SharingAFrequentWord_IsWeakerEvidence_ButNotSharingOneCostsTheSame()
    {
        // Zarrouk is made frequent by a list; Kchaou is not.
        NameFrequencies model = NameFrequencies.LexiconOnly.LearnFrom(Enumerable.Range(0, 100).Select(i => $"Name{(char)('a' + (i % 26))}{(char)('a' + (i / 26))} Zarrouk"));
        Assert.True(model.WeightOf("zarrouk") < 0.5f);

        double sharedFrequent = NameMatcher.CompareNamesOnly("Hedi Zarrouk", "Anis Zarrouk", model);
        double sharedRare = NameMatcher.CompareNamesOnly("Hedi Kchaou", "Anis Kchaou", model);
        Assert.True(sharedFrequent < sharedRare, $"{sharedFrequent} against {sharedRare}");

        // A word one side lacks costs the same whether it is frequent or not.
        Assert.Equal(
            NameMatcher.CompareNamesOnly("Hedi Kchaou Zarrouk", "Hedi Kchaou", NameFrequencies.LexiconOnly),
            NameMatcher.CompareNamesOnly("Hedi Kchaou Zarrouk", "Hedi Kchaou", model),
            10);

        // Identity is still 1, and the explanation shows the weight that counted.
        Assert.Equal(1.0, NameMatcher.CompareNamesOnly("Anis Zarrouk", "Anis Zarrouk", model), 10);
        NameMatch match = NameMatcher.Compare(new PersonDescription("Anis Zarrouk"), new PersonDescription("Anis Zarrouk"), model);
        Assert.Equal(model.WeightOf("zarrouk"), match.Explanation.Words.Single(w => w.Left == "zarrouk").Weight, 5);

        // The explanation names the model, so that the score can be reproduced.
        Assert.Equal(model.Version, match.Explanation.FrequencyModel);
        Assert.Equal(NameFrequencies.Default.Version, NameMatcher.Compare(new PersonDescription("Anis Zarrouk"), new PersonDescription("Anis Zarrouk")).Explanation.FrequencyModel);
    }

    [Fact]
    public void PeoplePreparedWithDifferentModels_AreNotCompared()
    {
        NameFrequencies other = NameFrequencies.Default.LearnFrom(Enumerable.Repeat("Hedi Zarrouk", 50));
        PreparedPerson a = NameMatcher.Prepare(new PersonDescription("Hedi Zarrouk"));
        PreparedPerson b = NameMatcher.Prepare(new PersonDescription("Hedi Zarrouk"), other);
        Assert.Throws<ArgumentException>(() => NameMatcher.ComparePrepared(a, b));
        Assert.Throws<ArgumentException>(() => NameMatcher.ScorePrepared(a, b));
        Assert.Equal(1.0, NameMatcher.ComparePrepared(b, NameMatcher.Prepare(new PersonDescription("Hedi Zarrouk"), other)).Score, 10);
    }

    [Fact]
    public void AnIndex_WeighsQueriesByItsOwnModel()
    {
        NameFrequencies model = NameFrequencies.Default.LearnFrom(Enumerable.Range(0, 100).Select(i => $"Name{(char)('a' + (i % 26))}{(char)('a' + (i / 26))} Zarrouk"));
        using var index = new NameIndex(model);
        index.AddOrUpdate(new IndexedIdentity("E1", new PersonDescription("Hedi Ben Salah Zarrouk", PartialBirthDate.Parse("1970")), []));
        IndexHit hit = Assert.Single(index.Search(new PersonDescription("Hedi Ben Salah Zarrouk", PartialBirthDate.Parse("1970"))).Hits);
        Assert.Same(model, index.Frequencies);
        Assert.Equal(NameMatcher.Compare(new PersonDescription("Hedi Ben Salah Zarrouk", PartialBirthDate.Parse("1970")), new PersonDescription("Hedi Ben Salah Zarrouk", PartialBirthDate.Parse("1970")), model).Score, hit.Match.Score, 10);
        Assert.Equal(model.WeightOf("zarrouk"), hit.Match.Explanation.Words.Single(w => w.Left == "zarrouk").Weight, 5);
    }
}
