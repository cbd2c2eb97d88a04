using Maabar.Tests;
namespace Maabar.Names.Tests;

public sealed class PreparedComparisonTests
{
    /// <summary>
    /// A prepared person is reused across many comparisons (an index keeps one per entry): reuse must give
    /// exactly what a fresh preparation gives, so no comparison may leave state behind.
    /// </summary>
    [Fact]
    public void ComparePrepared_ReusedAcrossComparisons_GivesWhatFreshPreparationGives()
    {
        PersonDescription[] people = [.. File.ReadLines(RepositoryPaths.SharedData("names/background-population-global.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length >= 8)
            .Take(400)
            .Select((f, i) => new PersonDescription(f[0], f[5], f[4] == "male" ? "M" : f[4] == "female" ? "F" : null, FatherName: i % 3 == 0 ? f[1] : null, DocumentNumber: i % 5 == 0 ? "X" + i : null))];
        PreparedPerson[] prepared = [.. people.Select(NameMatcher.Prepare)];
        var random = new Random(11);

        for (int n = 0; n < 2000; n++)
        {
            int a = random.Next(people.Length), b = random.Next(people.Length);
            NameMatch plain = NameMatcher.Compare(people[a], people[b]);
            NameMatch fast = NameMatcher.ComparePrepared(prepared[a], prepared[b]);

            Assert.Equal(plain.Score, fast.Score, 12);
            Assert.Equal(plain.Band, fast.Band);
            Assert.Equal(plain.Explanation.Words, fast.Explanation.Words);
            Assert.Equal(plain.Explanation.Attributes, fast.Explanation.Attributes);
        }
    }

    [Fact]
    public void ScorePrepared_EqualsComparePrepared_ToTheLastBit()
    {
        PersonDescription[] people = [.. File.ReadLines(RepositoryPaths.SharedData("names/background-population-global.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length >= 8)
            .Take(600)
            .Select((f, i) => new PersonDescription(f[0], i % 2 == 0 ? f[5] : null, f[4] == "male" ? "M" : "F", FatherName: i % 4 == 0 ? f[1] : null))];
        // Long names (more than 15 words) take the heap path instead of the stack.
        people = [.. people, new(string.Join(' ', Enumerable.Repeat("Ali Omar Hedi Sami", 5))), new(string.Join(' ', Enumerable.Repeat("Ali Omar Hedi Karim", 5)))];
        PreparedPerson[] prepared = [.. people.Select(NameMatcher.Prepare)];
        var random = new Random(5);

        for (int n = 0; n < 3000; n++)
        {
            int a = random.Next(prepared.Length), b = n % 10 == 0 ? a : random.Next(prepared.Length);
            NameMatch full = NameMatcher.ComparePrepared(prepared[a], prepared[b]);
            (double score, MatchBand band) = NameMatcher.ScorePrepared(prepared[a], prepared[b]);

            Assert.Equal(full.Score, score);
            Assert.Equal(full.Band, band);
        }

        Assert.Equal(NameMatcher.ComparePrepared(prepared[^1], prepared[^2]).Score, NameMatcher.ScorePrepared(prepared[^1], prepared[^2]).Score);
    }

    [Fact]
    public void Prepare_KeepsTheSourceDescription()
    {
        var person = new PersonDescription("Chedli Ouertani", "1970", "M");

        Assert.Same(person, NameMatcher.Prepare(person).Source);
    }
}
