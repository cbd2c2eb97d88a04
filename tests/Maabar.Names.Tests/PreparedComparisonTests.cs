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
        PersonDescription[] people = [.. File.ReadLines(SharedData.PathOf("names/background-population-global.csv")).Skip(1)
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
    public void Prepare_KeepsTheSourceDescription()
    {
        var person = new PersonDescription("Chedli Ouertani", "1970", "M");

        Assert.Same(person, NameMatcher.Prepare(person).Source);
    }
}
