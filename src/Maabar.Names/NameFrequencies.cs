using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Maabar.Names;

/// <summary>
/// How much each name word weighs as evidence, learned from how often it occurs: a word a name shares
/// with one in a hundred others says little (weight <see cref="LeastWeight"/>), a word met once in ten
/// thousand or less says a lot (weight 1), and between the two the weight falls with the logarithm of
/// the word's share. Shares are counted per script (a word's count over all words of its script), so that
/// an Arabic-script list and a Latin one are judged alike. Frequent given names of the matcher's lexicon
/// weigh <see cref="LeastWeight"/> whatever the counts say.
/// <para>
/// A model is learned from a corpus of names (<see cref="Default"/>: name words of Wikidata people's
/// labels, Latin and Arabic, with their counts) and may learn again from a watchlist itself
/// (<see cref="LearnFrom"/>): a word frequent in the list is frequent in the population the list is drawn
/// from, which is where namesakes come from. A word of the list counts only from
/// <see cref="MinListOccurrences"/> occurrences, so that a short list teaches nothing by chance. Learning
/// only ever lowers weights. Every comparison and every index is made with one model, named by its
/// <see cref="Version"/>: the same model gives the same decision everywhere. Immutable and thread-safe.
/// </para>
/// </summary>
public sealed class NameFrequencies
{
    /// <summary>A word with at most this share of its script's words weighs 1.</summary>
    public const double RareShare = 1e-4;

    /// <summary>A word with at least this share of its script's words weighs <see cref="LeastWeight"/>.</summary>
    public const double CommonShare = 1e-2;

    /// <summary>The least a word weighs: a lexicon given name, or a word at <see cref="CommonShare"/> or more.</summary>
    public const float LeastWeight = 0.4f;

    /// <summary>A watchlist's word counts from this many occurrences; fewer say nothing reliable about its share.</summary>
    public const int MinListOccurrences = 20;

    private const string ResourceName = "Maabar.Names.Frequencies.name-word-counts.tsv";

    // Weights below 1, by folded word; every other word weighs 1.
    private readonly Dictionary<string, float> weights;

    private NameFrequencies(Dictionary<string, float> weights, string origin)
    {
        this.weights = weights;
        Origin = origin;
        Version = VersionOf(weights);
    }

    /// <summary>
    /// The model learned from the name-word counts shipped with Maabar (Wikidata labels of people, Latin
    /// and Arabic; see <c>Frequencies/name-word-counts.tsv</c> and the command that wrote it).
    /// </summary>
    public static NameFrequencies Default { get; } = LoadDefault();

    /// <summary>No counts at all: only lexicon given names weigh less. For comparison in tests and measurements.</summary>
    public static NameFrequencies LexiconOnly { get; } = new([], "lexicon");

    /// <summary>
    /// Names the model by its weights: <c>nf1-</c> and the first 12 hex digits of the SHA-256 of the sorted
    /// (word, weight) pairs. Two models with the same version weigh every word alike.
    /// </summary>
    public string Version { get; }

    /// <summary>Where the model was learned from, for people: <c>corpus</c>, <c>corpus+list</c>, <c>lexicon</c>...</summary>
    public string Origin { get; }

    /// <summary>How many words weigh less than 1 in this model (lexicon names aside).</summary>
    public int LearnedWords => weights.Count;

    /// <summary>The weight of a folded name word (as <see cref="NameParts"/> gives it), lexicon aside.</summary>
    /// <param name="word">A folded word.</param>
    public float WeightOf(string word) => weights.TryGetValue(word, out float w) ? w : 1f;

    /// <summary>The weight the matcher gives a word: the lexicon's for a frequent given name, else the learned one.</summary>
    internal float WeightOf(string word, int group) => group >= 0 ? LeastWeight : WeightOf(word);

    /// <summary>The weight of a word with this share of its script's words.</summary>
    /// <param name="share">Occurrences over all words of the script, in [0, 1].</param>
    public static float WeightForShare(double share)
    {
        if (!(share > RareShare))
        {
            return 1f;
        }

        double t = Math.Min(1, Math.Log(share / RareShare) / Math.Log(CommonShare / RareShare));
        return (float)Math.Round(1 - ((1 - LeastWeight) * t), 2);
    }

    /// <summary>
    /// A model from word counts: each word's share is its count over the total of its script.
    /// </summary>
    /// <param name="counts">Folded words and how often each occurred.</param>
    /// <param name="latinTotal">All Latin-letter words counted (at least the sum of the Latin counts given).</param>
    /// <param name="arabicTotal">All Arabic-script words counted.</param>
    /// <param name="origin">Where the counts come from.</param>
    public static NameFrequencies FromCounts(IEnumerable<KeyValuePair<string, long>> counts, long latinTotal, long arabicTotal, string origin = "counts")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var learned = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach ((string word, long count) in counts)
        {
            float w = WeightForShare(Share(word, count, latinTotal, arabicTotal));
            if (w < 1f)
            {
                learned[word] = w;
            }
        }

        return new NameFrequencies(learned, origin);
    }

    /// <summary>
    /// This model and what a watchlist's names teach: every word of the list met at least
    /// <see cref="MinListOccurrences"/> times weighs at most as its share in the list says. Reads the
    /// names once; a million names take a few seconds on two cores.
    /// </summary>
    /// <param name="names">Every name of the list: primary names and aliases (parents' names too, if wished).</param>
    public NameFrequencies LearnFrom(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var learner = new NameFrequencyLearner();
        foreach (string name in names)
        {
            learner.Add(name);
        }

        return learner.LearnOnto(this);
    }

    internal NameFrequencies LearnFromCounts(WordCounts counts)
    {
        var learned = new Dictionary<string, float>(weights, StringComparer.Ordinal);
        foreach ((string word, long count) in counts.Words)
        {
            if (count < MinListOccurrences)
            {
                continue;
            }

            float w = WeightForShare(Share(word, count, counts.LatinTotal, counts.ArabicTotal));
            if (w < WeightOf(word))
            {
                learned[word] = w;
            }
        }

        return new NameFrequencies(learned, Origin + "+list");
    }

    /// <summary>
    /// Reads counts written by <see cref="WriteCounts"/>: comment lines (<c>#</c>), the script totals
    /// (<c>#total latin N</c>, <c>#total arabic N</c>), then <c>word TAB count</c>.
    /// </summary>
    /// <param name="reader">The counts.</param>
    /// <param name="origin">Where the counts come from.</param>
    /// <exception cref="FormatException">A line that is neither a comment, a total nor a word and its count.</exception>
    public static NameFrequencies ReadCounts(TextReader reader, string origin = "counts")
    {
        ArgumentNullException.ThrowIfNull(reader);
        long latin = 0, arabic = 0;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        int number = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.StartsWith("#total ", StringComparison.Ordinal))
            {
                string[] t = line.Split(' ');
                if (t.Length != 3 || !long.TryParse(t[2], NumberStyles.None, CultureInfo.InvariantCulture, out long n) || (t[1] != "latin" && t[1] != "arabic"))
                {
                    throw new FormatException($"Line {number}: expected '#total latin N' or '#total arabic N'.");
                }

                if (t[1] == "latin")
                {
                    latin = n;
                }
                else
                {
                    arabic = n;
                }

                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] f = line.Split('\t');
            if (f.Length != 2 || f[0].Length == 0 || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                throw new FormatException($"Line {number}: expected a word, a tab and a count.");
            }

            counts[f[0]] = count;
        }

        return FromCounts(counts, latin, arabic, origin);
    }

    /// <summary>
    /// Counts the name words of a corpus and writes them in the form <see cref="ReadCounts"/> reads: the
    /// script totals, then the words whose share makes them weigh less than 1, most frequent first.
    /// </summary>
    /// <param name="names">Names and how many times each occurred.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="header">Comment lines to put first (source, licence, the command that wrote the file).</param>
    public static void WriteCounts(IEnumerable<(string Name, long Count)> names, TextWriter writer, IEnumerable<string> header)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        var counts = new WordCounts();
        foreach ((string name, long count) in names)
        {
            counts.Add(name, count);
        }

        counts.Flush();
        foreach (string line in header)
        {
            writer.WriteLine("# " + line);
        }

        writer.WriteLine(FormattableString.Invariant($"#total latin {counts.LatinTotal}"));
        writer.WriteLine(FormattableString.Invariant($"#total arabic {counts.ArabicTotal}"));
        foreach ((string word, long count) in counts.Words
            .Where(p => WeightForShare(Share(p.Key, p.Value, counts.LatinTotal, counts.ArabicTotal)) < 1f)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(FormattableString.Invariant($"{word}\t{count}"));
        }
    }

    private static NameFrequencies LoadDefault()
    {
        using Stream stream = typeof(NameFrequencies).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The name-word counts ({ResourceName}) are missing from {typeof(NameFrequencies).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ReadCounts(reader, "corpus");
    }

    private static bool IsArabic(string word) => word.Length > 0 && NameNormalizer.DetectScript(word) == NameScript.Arabic;

    // A word's share of the words of its script; 0 when nothing of that script was counted.
    private static double Share(string word, long count, long latinTotal, long arabicTotal)
    {
        long total = IsArabic(word) ? arabicTotal : latinTotal;
        return total > 0 ? (double)count / total : 0;
    }

    private static string VersionOf(Dictionary<string, float> weights)
    {
        var text = new StringBuilder();
        foreach ((string word, float w) in weights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(word).Append('\t').Append(w.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }

        return "nf1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>Name words counted per folded word, and all words per script; particles are not counted.</summary>
    internal sealed class WordCounts
    {
        private readonly List<(string Name, long Count)> chunk = new(16384);

        public Dictionary<string, long> Words { get; } = new(StringComparer.Ordinal);

        public long LatinTotal { get; private set; }

        public long ArabicTotal { get; private set; }

        public void Add(string? name, long count)
        {
            chunk.Add((name ?? string.Empty, count));
            if (chunk.Count == chunk.Capacity)
            {
                Flush();
            }
        }

        // Parsing is the cost: a chunk is parsed on every core, then merged here.
        public void Flush()
        {
            var parsed = new string[chunk.Count][];
            Parallel.For(0, chunk.Count, i => parsed[i] = [.. NameParts.Parse(chunk[i].Name).Where(p => p.Kind == NamePartKind.Word).Select(p => p.Text)]);
            for (int i = 0; i < chunk.Count; i++)
            {
                long count = chunk[i].Count;
                foreach (string word in parsed[i])
                {
                    Words[word] = Words.GetValueOrDefault(word) + count;
                    if (IsArabic(word))
                    {
                        ArabicTotal += count;
                    }
                    else
                    {
                        LatinTotal += count;
                    }
                }
            }

            chunk.Clear();
        }
    }
}

/// <summary>
/// Counts the name words of a watchlist one name at a time (a list streamed from a database), then learns a
/// model from them (<see cref="NameFrequencies.LearnFrom"/>). Not thread-safe: one writer.
/// </summary>
public sealed class NameFrequencyLearner
{
    private readonly NameFrequencies.WordCounts counts = new();

    /// <summary>Names counted so far.</summary>
    public long Names { get; private set; }

    /// <summary>Counts the words of one name (a primary name or an alias).</summary>
    /// <param name="name">A name; null or empty counts nothing.</param>
    public void Add(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            counts.Add(name, 1);
            Names++;
        }
    }

    /// <summary>Counts the names of one listed identity: its name and every alias (parents' names are other people's).</summary>
    /// <param name="identity">The identity.</param>
    public void Add(IndexedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Add(identity.Person.Name);
        foreach (string alias in identity.Aliases ?? [])
        {
            Add(alias);
        }
    }

    /// <summary>The model <paramref name="baseModel"/> and what the names counted teach (see <see cref="NameFrequencies.LearnFrom"/>).</summary>
    /// <param name="baseModel">The model to start from, usually <see cref="NameFrequencies.Default"/>.</param>
    public NameFrequencies LearnOnto(NameFrequencies baseModel)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        counts.Flush();
        return baseModel.LearnFromCounts(counts);
    }
}
