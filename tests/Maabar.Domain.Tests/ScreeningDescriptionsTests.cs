using Maabar.Names;

namespace Maabar.Domain.Tests;

public sealed class ScreeningDescriptionsTests
{
    private static WatchlistEntry Entry()
    {
        var entry = new WatchlistEntry { OwnerAgency = "TUN", Reference = "R1", Sex = Sex.Male, FatherName = "Faraj", Nationality = "LBY" };
        // \u062D\u0645\u0632\u0629 \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A: Hamza al-Zintani
        entry.SetNames("\u062D\u0645\u0632\u0629 \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A", "Hamza Zintani");
        PartialDate.TryParse("1966", out PartialDate birth);
        entry.BirthDate = birth;
        entry.OtherBirthDates = ["1968-02-01", "1966"];
        entry.Aliases = ["Abu Faraj", "Hamza Zintani"];
        entry.Documents = [new ListedDocument { Type = "P", Number = "LY123", IssuingState = "LBY" }];
        return entry;
    }

    [Fact]
    public void Describe_GivesOneIdentityPerDistinctBirthDate_WithEveryOtherName()
    {
        WatchlistEntry entry = Entry();

        IReadOnlyList<IndexedIdentity> identities = ScreeningDescriptions.Describe(entry);

        Assert.Equal([entry.Id.ToString(), entry.Id + "#1"], identities.Select(i => i.Id));
        Assert.Equal(["1966", "1968-02-01"], identities.Select(i => i.Person.BirthDate.ToString()));
        Assert.All(identities, i =>
        {
            Assert.Equal(entry.FullNameArabic, i.Person.Name);
            Assert.Equal(["Hamza Zintani", "Abu Faraj"], i.Aliases);
            Assert.Equal("Faraj", i.Person.FatherName);
            Assert.Equal(PersonSex.Male, i.Person.Sex);
            Assert.Equal("LY123", i.Person.DocumentNumber);
        });
        Assert.All(identities, i => Assert.Equal(entry.Id, ScreeningDescriptions.EntryIdOf(i.Id)));
    }

    [Fact]
    public void LearnFrequencies_CountsEachEntryInForceOnce()
    {
        // 15 entries in force with two dates of birth each, 10 withdrawn: Zintani is met 15 times, under the
        // 20 a list needs to teach a word (counting identities, or withdrawn entries, would reach it).
        List<WatchlistEntry> entries = [.. Enumerable.Range(0, 25).Select(i =>
        {
            WatchlistEntry entry = Entry();
            entry.WithdrawnUtc = i < 10 ? new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc) : null;
            return entry;
        })];
        Assert.Equal(2, ScreeningDescriptions.Describe(entries[^1]).Count);
        Assert.Equal(NameFrequencies.Default.WeightOf("zintani"), ScreeningDescriptions.LearnFrequencies(entries).WeightOf("zintani"));

        // Five more in force: 20, a third of the list's Latin words.
        entries.AddRange(Enumerable.Range(0, 5).Select(_ => Entry()));
        Assert.Equal(NameFrequencies.LeastWeight, ScreeningDescriptions.LearnFrequencies(entries).WeightOf("zintani"));
    }

    [Fact]
    public void Describe_WithdrawnEntry_GivesNothingToScreenAgainst()
    {
        WatchlistEntry entry = Entry();
        entry.WithdrawnUtc = new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc);

        Assert.Empty(ScreeningDescriptions.Describe(entry));
    }

    [Fact]
    public void Describe_WithoutBirthDate_GivesOneIdentityWithNone()
    {
        var entry = new WatchlistEntry { OwnerAgency = "TUN", Reference = "R2" };
        entry.SetNames(null, "Salem Souihli");

        IndexedIdentity identity = Assert.Single(ScreeningDescriptions.Describe(entry));

        Assert.Null(identity.Person.BirthDate);
        Assert.Equal("Salem Souihli", identity.Person.Name);
        Assert.Empty(identity.Aliases);
    }

    [Fact]
    public void StoredExplanation_ReadsBack_AndOldRowsReadAsNone()
    {
        NameMatch match = NameMatcher.Compare(new PersonDescription("Chedli Ouertani", PartialBirthDate.Parse("1975")), new PersonDescription("Shadhli Wartani", PartialBirthDate.Parse("1975-04-02")));

        MatchExplanation? read = ScreeningDescriptions.Read(ScreeningDescriptions.Store(match.Explanation));

        Assert.NotNull(read);
        Assert.Equal(match.Explanation.Words, read.Words);
        Assert.Equal(match.Explanation.Attributes, read.Attributes);
        Assert.Null(ScreeningDescriptions.Read("name.latin.exact,birth_date.compatible"));
        Assert.Null(ScreeningDescriptions.Read("{not json"));
    }
}
