using Maabar.Names.Synthetic;
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
            .Select((f, i) => new PersonDescription(f[0], PartialBirthDate.ParseOrNull(f[5]), f[4] == "male" ? PersonSex.Male : f[4] == "female" ? PersonSex.Female : PersonSex.Unknown, FatherName: i % 3 == 0 ? f[1] : null, DocumentNumber: i % 5 == 0 ? "X" + i : null))];
        PreparedPerson[] prepared = [.. people.Select(p => NameMatcher.Prepare(p))];
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
            .Select((f, i) => new PersonDescription(f[0], i % 2 == 0 ? PartialBirthDate.ParseOrNull(f[5]) : null, f[4] == "male" ? PersonSex.Male : PersonSex.Female, FatherName: i % 4 == 0 ? f[1] : null))];
        // Long names (more than 15 words) take the heap path instead of the stack.
        people = [.. people, new(string.Join(' ', Enumerable.Repeat("Ali Omar Hedi Sami", 5))), new(string.Join(' ', Enumerable.Repeat("Ali Omar Hedi Karim", 5)))];
        PreparedPerson[] prepared = [.. people.Select(p => NameMatcher.Prepare(p))];
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
        var person = new PersonDescription("Chedli Ouertani", PartialBirthDate.Parse("1970"), PersonSex.Male);

        Assert.Same(person, NameMatcher.Prepare(person).Source);
    }
    /// <summary>
    /// What the index prunes by must follow from the matcher's own rules: whenever a pair reaches a minimum
    /// score, its names' similarity is at least the floor the attributes leave (per pair and per query), and
    /// a birth year more than a year apart or the other sex never reaches a minimum above the conflict cap.
    /// Pairs are people written other ways, with dates exact, partial, swapped, a year off or conflicting,
    /// sex known or not, parents and documents the same, near, different or missing.
    /// </summary>
    [Fact]
    public void NameFloors_AndBirthOrSexRuleOut_NeverDropAPairThatReachesTheMinimum()
    {
        var generator = new SyntheticPeople(17);
        var random = new Random(23);
        int reached = 0, ruledOut = 0;
        for (int n = 0; n < 4000; n++)
        {
            SyntheticPeople.Person person = generator.NextPerson();
            IndexedIdentity entry = generator.Entry("E" + n, person);
            PersonDescription listed = entry.Person with
            {
                DocumentNumber = random.Next(3) == 0 ? "A1234567" : null,
                Sex = random.Next(5) == 0 ? PersonSex.Unknown : entry.Person.Sex,
                Nationality = random.Next(2) == 0 ? "TUN" : "LBY",
            };
            string name = random.Next(3) switch
            {
                0 => SyntheticPeople.French(person),
                1 => SyntheticPeople.English(person),
                _ => entry.Aliases[^1],
            };
            DateOnly birth = DateOnly.ParseExact(person.BirthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            string? date = random.Next(7) switch
            {
                0 => null,
                1 => person.BirthDate[..4],
                2 => birth.AddYears(random.Next(2) == 0 ? 1 : -1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                3 => birth.AddDays(random.Next(1, 4000)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                4 when birth.Day <= 12 => $"{birth.Year:D4}-{birth.Day:D2}-{birth.Month:D2}",
                _ => person.BirthDate,
            };
            var traveller = new PersonDescription(
                name,
                PartialBirthDate.ParseOrNull(date),
                random.Next(6) == 0 ? (person.SexValue == PersonSex.Male ? PersonSex.Female : PersonSex.Male) : random.Next(4) == 0 ? PersonSex.Unknown : person.SexValue,
                random.Next(3) == 0 ? null : "TUN",
                FatherName: random.Next(3) == 0 ? entry.Person.FatherName : random.Next(2) == 0 ? "Karim" : null,
                MotherName: random.Next(3) == 0 ? entry.Person.MotherName : null,
                DocumentNumber: random.Next(4) switch { 0 => "A1234567", 1 => "A1234568", _ => null });
            PreparedPerson query = NameMatcher.Prepare(traveller), candidate = NameMatcher.Prepare(listed);
            NameMatch match = NameMatcher.ComparePrepared(query, candidate);
            foreach (double minScore in new[] { 0.6, NameMatcher.PossibleThreshold, NameMatcher.StrongThreshold })
            {
                bool conflict = (query.Birth is { } q && candidate.Birth is { } l && Math.Abs(q.Year - l.Year) > 1)
                    || (NameMatcher.SexCode(traveller.Sex) * NameMatcher.SexCode(listed.Sex) == 2);
                if (match.Score < minScore)
                {
                    ruledOut += conflict && NameMatcher.RulesOutByBirthOrSex(query, minScore) ? 1 : 0;
                    continue;
                }

                reached++;
                Assert.True(match.Explanation.NameScore >= NameMatcher.NameFloorFor(query, candidate, minScore), $"{traveller} / {listed} at {minScore}");
                Assert.True(match.Explanation.NameScore >= NameMatcher.NameFloorFor(query, minScore), $"{traveller} at {minScore}");
                Assert.False(conflict && NameMatcher.RulesOutByBirthOrSex(query, minScore), $"{traveller} / {listed} at {minScore}: ruled out but scores {match.Score}");
            }
        }

        Assert.True(reached > 2000, $"only {reached} pairs reached a minimum");
        Assert.True(ruledOut > 500, $"only {ruledOut} pairs ruled out");
    }
}
