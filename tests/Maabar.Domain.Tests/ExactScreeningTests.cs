namespace Maabar.Domain.Tests;

public sealed class ExactScreeningTests
{
    private static Traveller Traveller(string? arabic, string? latin, string? birthDate)
    {
        var identity = IdentityRules.Validate(new IdentityInput(FullNameArabic: arabic, FullNameLatin: latin, BirthDate: birthDate), new DateOnly(2026, 11, 29)).Identity!;
        return Domain.Traveller.FromIdentity("TUN", identity, new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
    }

    private static WatchlistEntry Entry(string? arabic, string? latin, string? birthDate, string owner = "TUN", string shared = "")
    {
        var entry = new WatchlistEntry { OwnerAgency = owner, Reference = "R1", SharedWith = shared };
        entry.SetNames(arabic, latin);
        if (birthDate is not null)
        {
            PartialDate.TryParse(birthDate, out PartialDate d);
            entry.BirthDate = d;
        }

        return entry;
    }

    [Fact]
    public void Screen_SameArabicNameWrittenDifferently_Hits()
    {
        // \u0623\u062D\u0645\u062F \u0627\u0644\u0637\u0631\u0627\u0628\u0644\u0633\u064A (Ahmed al-Trabelsi) with hamza and with a fatha.
        Traveller t = Traveller("\u0627\u062D\u0645\u062F \u0627\u0644\u0637\u0631\u0627\u0628\u0644\u0633\u064A", null, "1970-01-01");
        WatchlistEntry e = Entry("\u0623\u064E\u062D\u0645\u062F \u0627\u0644\u0637\u0631\u0627\u0628\u0644\u0633\u064A", null, "1970");

        ScreeningMatch match = Assert.Single(ExactScreening.Screen(t, [e]));

        Assert.Equal(["name.arabic.exact", "birth_date.compatible"], match.Reasons);
    }

    [Fact]
    public void Screen_NamesakeWithConflictingBirthDate_IsNeverAlerted() =>
        Assert.Empty(ExactScreening.Screen(Traveller(null, "Khaled Ben Salah", "1991-02-03"), [Entry(null, "Khaled Ben Salah", "1979")]));

    [Fact]
    public void Screen_UnknownBirthDateOnEitherSide_StillAlertsOnTheName() =>
        Assert.Equal("birth_date.unknown", Assert.Single(ExactScreening.Screen(Traveller(null, "Khaled Ben Salah", null), [Entry(null, "Khaled Ben Salah", "1979")])).Reasons[^1]);

    [Fact]
    public void Screen_SwappedNasabOrder_IsNotTheSameName() =>
        Assert.Empty(ExactScreening.Screen(Traveller(null, "Ali Ben Omar", null), [Entry(null, "Omar Ben Ali", null)]));

    [Fact]
    public void Screen_SonContainingFathersName_IsNotTheFather() =>
        Assert.Empty(ExactScreening.Screen(Traveller(null, "Ahmed Khaled Ben Salah", null), [Entry(null, "Khaled Ben Salah", null)]));

    [Theory]
    [InlineData("TUN", "", "TUN", true)]
    [InlineData("LBY", "", "TUN", false)]
    [InlineData("LBY", "TUN", "TUN", true)]
    [InlineData("LBY", "DZA,TUN", "TUN", true)]
    [InlineData("LBY", "DZA", "TUN", false)]
    [InlineData("LBY", "TUNX", "TUN", false)]
    public void IsVisibleTo_OwnerOrNamedPartnerOnly(string owner, string shared, string agency, bool expected) =>
        Assert.Equal(expected, Entry(null, "X", null, owner, shared).IsVisibleTo(agency));
}
