using System.Globalization;

namespace Maabar.Names.Tests;

// Arabic names are written as \u escapes (STYLE.md); each row's comment gives the name.
public sealed class NameMatcherTests
{
    private static NameMatch Compare(string a, string b) => NameMatcher.Compare(new PersonDescription(a), new PersonDescription(b));

    public static TheoryData<string, string> SamePerson => new()
    {
        // Compounds, glued or spaced, Maghrebi and English spellings, and the Arabic script.
        { "Abdelkader Jaziri", "Abd al-Qadir al-Jaziri" },
        { "\u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A", "Abdelkader Djaziri" }, // Abd al-Qadir al-Jaziri
        { "\u0639\u0628\u062F\u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A", "\u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A" }, // glued / spaced
        { "Abderrahmane Ben Youssef", "Abdulrahman bin Yusuf" },
        { "Noureddine Trabelsi", "Nour Eddine Trabelsi" },
        { "\u0646\u0648\u0631 \u0627\u0644\u062F\u064A\u0646 \u0627\u0644\u0637\u0631\u0627\u0628\u0644\u0633\u064A", "Nur al-Din al-Trabulsi" }, // Nur al-Din al-Trabulsi
        { "Chedli Ouertani", "Shadhli Wartani" },
        { "\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A", "Chedli Ouertani" }, // al-Shadhli al-Wartani
        { "Essaadi", "al-Saadi" },
        { "as-Sa'di", "Essaadi" },
        { "Mohamed Ben Salah", "Muhammad bin Salih" },
        { "\u0645\u062D\u0645\u062F \u0627\u0644\u0623\u0645\u064A\u0646 \u0628\u0646 \u0635\u0627\u0644\u062D", "Mohamed El Amine Ben Salah" }, // Muhammad al-Amin ben Salih
        { "MOHAMED<LAMINE<<BEN<SALAH", "Mohamed Lamine Ben Salah" }, // an MRZ-style name

        // A nasab written glued, in either script and across them.
        { "Mohamed Bensalah", "Mohamed Ben Salah" },
        { "Hedi Benali Trabelsi", "Hedi Ben Ali Trabelsi" },
        { "MOHAMED<LAMINE<BENSALAH", "Mohamed Lamine Ben Salah" },
        { "\u062D\u0633\u064A\u0646 \u0628\u0646\u062D\u0633\u064A\u0646", "\u062D\u0633\u064A\u0646 \u0628\u0646 \u062D\u0633\u064A\u0646" }, // Hussein Benhussein / Hussein Ben Hussein
        { "Mohamed Bensalah", "\u0645\u062D\u0645\u062F \u0628\u0646 \u0635\u0627\u0644\u062D" }, // Muhammad bin Salih
    };

    [Theory]
    [MemberData(nameof(SamePerson))]
    public void Compare_SpellingsOfOneName_AreStrong(string a, string b)
    {
        NameMatch m = Compare(a, b);

        Assert.True(m.Band == MatchBand.Strong, $"{a} ~ {b}: {m.Score:F3}");
    }

    public static TheoryData<string, string> NotThePerson => new()
    {
        { "Ali Ben Omar", "Omar Ben Ali" },                 // swapped nasab: X ben Y is not Y ben X
        { "Ali Benomar", "Omar Benali" },                   // the same, glued
        { "Mohamed Ali", "Ali Mohamed" },
        { "Ahmed Khaled Ben Salah", "Khaled Ben Salah" },   // the son's name holds the father's
        { "Mohamed Trabelsi", "Mahmoud Trabelsi" },         // one root, different names; brothers share the family name
        { "Khaled Hammami", "Karim Hammami" },
        { "Sami Gharbi", "Hedi Kefi" },
        // The UN sample: IQi.001 is the father, IQi.002 and IQi.003 his sons.
        { "QUSAY SADDAM HUSSEIN AL-TIKRITI", "SADDAM HUSSEIN AL-TIKRITI" },
        { "UDAY SADDAM HUSSEIN AL-TIKRITI", "SADDAM HUSSEIN AL-TIKRITI" },
        { "UDAY SADDAM HUSSEIN AL-TIKRITI", "QUSAY SADDAM HUSSEIN AL-TIKRITI" },
        { "\u0642\u0635\u064A \u0635\u062F\u0627\u0645 \u062D\u0633\u064A\u0646 \u0627\u0644\u062A\u0643\u0631\u064A\u062A\u064A", "\u0635\u062F\u0627\u0645 \u062D\u0633\u064A\u0646 \u0627\u0644\u062A\u0643\u0631\u064A\u062A\u064A" }, // the same in Arabic
    };

    [Theory]
    [MemberData(nameof(NotThePerson))]
    public void Compare_DifferentPeopleSharingWords_DoNotAlert(string a, string b)
    {
        NameMatch m = Compare(a, b);

        Assert.False(m.Alert, $"{a} ~ {b}: {m.Score:F3}");
    }

    [Theory]
    [InlineData("Ben", "Bin")]
    [InlineData("\u0628\u0646", "Ibn")] // ben / ibn
    [InlineData("Ben", "Ben")]
    [InlineData("", "Mohamed")]
    public void Compare_ParticlesOnlyOrEmpty_IsZero(string a, string b) => Assert.Equal(0.0, Compare(a, b).Score);

    [Theory]
    [InlineData("Mohamed Ben Salah")]
    [InlineData("\u0645\u062D\u0645\u062F \u0628\u0646 \u0635\u0627\u0644\u062D")]
    public void Compare_Identical_IsOne(string name) => Assert.Equal(1.0, Compare(name, name).Score);

    [Fact]
    public void Compare_IsSymmetric()
    {
        var people = new PersonDescription[]
        {
            new("Khaled Ben Salah", PartialBirthDate.Parse("1979"), PersonSex.Male, "TUN", "Hedi", null, "X1234567"),
            new("Khaled Ben Salah", PartialBirthDate.Parse("1979-03-05"), PersonSex.Male),
            new("Ahmed Khaled Ben Salah", PartialBirthDate.Parse("1990")),
            new("\u062E\u0627\u0644\u062F \u0628\u0646 \u0635\u0627\u0644\u062D", null, PersonSex.Female, "LBY", "Moncef"),
            new("Sami Gharbi", DocumentNumber: "x1234567"),
        };
        foreach (PersonDescription a in people)
        {
            foreach (PersonDescription b in people)
            {
                Assert.Equal(NameMatcher.Compare(a, b).Score, NameMatcher.Compare(b, a).Score, 12);
            }
        }
    }

    [Theory]
    [InlineData("1979", "1990-02-03")]
    [InlineData("1979-05-02", "1979-06-02")]
    [InlineData("1979-05-02", "1981-05-02")]
    public void Compare_PerfectNameWithConflictingBirthDate_IsNeverAlerted(string left, string right)
    {
        NameMatch m = NameMatcher.Compare(new PersonDescription("Khaled Ben Salah", PartialBirthDate.Parse(left)), new PersonDescription("Khaled Ben Salah", PartialBirthDate.Parse(right)));

        Assert.False(m.Alert);
        Assert.Equal(NameMatcher.ConflictCap, m.Score, 6);
        Assert.Contains(m.Explanation.Attributes, e => e.Attribute == "birthDate" && e.Effect == "conflict");
    }

    [Theory]
    [InlineData("1979-05-02", "1979-05-02", "exact")]
    [InlineData("1979", "1979-05-02", "compatible")]
    [InlineData("1979-05-02", "1979-02-05", "swapped")]
    [InlineData("1979-05-02", "1980-05-02", "nearYear")]
    public void Compare_BirthDates_AreExplained(string left, string right, string effect)
    {
        NameMatch m = NameMatcher.Compare(new PersonDescription("Khaled Ben Salah", PartialBirthDate.Parse(left)), new PersonDescription("Khaled Ben Salah", PartialBirthDate.Parse(right)));

        Assert.True(m.Alert);
        Assert.Contains(m.Explanation.Attributes, e => e.Attribute == "birthDate" && e.Effect == effect);
    }

    [Fact]
    public void Compare_DifferentSex_IsNotAlerted() =>
        Assert.False(NameMatcher.Compare(new PersonDescription("Nour Trabelsi", Sex: PersonSex.Male), new PersonDescription("Nour Trabelsi", Sex: PersonSex.Female)).Alert);

    [Fact]
    public void Compare_DifferentFather_CountsAgainstAndAMissingOneDoesNot()
    {
        double different = NameMatcher.Compare(new("Khaled Ben Salah", FatherName: "Hedi"), new("Khaled Ben Salah", FatherName: "Moncef")).Score;
        double missing = NameMatcher.Compare(new("Khaled Ben Salah", FatherName: "Hedi"), new("Khaled Ben Salah")).Score;
        double same = NameMatcher.Compare(new("Khaled Ben Salah", FatherName: "Hedi"), new("Khaled Ben Salah", FatherName: "\u0627\u0644\u0647\u0627\u062F\u064A")).Score; // al-Hadi

        Assert.True(different < missing, $"{different} < {missing}");
        Assert.Equal(1.0, missing);
        Assert.Equal(1.0, same);
    }

    public static TheoryData<string, string, bool> ChainLinkLeftOut => new()
    {
        { "Hamza Zintani", "Hamza Ben Salah Zintani", true },             // a passport's given and family names against the listed chain
        { "Mohamed Ben Salah", "Mohamed Lamine Ben Salah", true },        // a second given name left out
        { "Ali Trabelsi", "Ali Ben Hedi Ben Mohamed Trabelsi", true },    // father and grandfather left out
        { "\u062D\u0645\u0632\u0629 \u0628\u0646 \u0635\u0627\u0644\u062D \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A", "\u062D\u0645\u0632\u0629 \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A", true }, // Hamza bin Salih al-Zintani / Hamza al-Zintani
        // Across scripts the family name is a near pair, not the same word: 0.699 on the name alone.
        { "Hamza Ben Salah Zintani", "\u062D\u0645\u0632\u0629 \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A", false }, // Hamza al-Zintani
    };

    /// <summary>
    /// A missing father's name is not evidence against identity: a name that leaves out links of the other's
    /// chain (between two words both hold) alerts with the same date of birth, and in one script on the name
    /// alone. The links still count for something: the whole chain agreeing is stronger.
    /// </summary>
    [Theory]
    [MemberData(nameof(ChainLinkLeftOut))]
    public void Compare_ANameLeavingOutChainLinks_Alerts(string shorter, string longer, bool onTheNameAlone)
    {
        NameMatch onName = Compare(shorter, longer);
        NameMatch sameBirth = NameMatcher.Compare(new PersonDescription(shorter, PartialBirthDate.Parse("1984-07-21")), new PersonDescription(longer, PartialBirthDate.Parse("1984-07-21")));

        Assert.True(sameBirth.Alert, $"{shorter} ~ {longer}: {sameBirth.Score:F3}");
        Assert.Equal(onTheNameAlone, onName.Alert);
        Assert.True(onName.Score < 1.0, $"{shorter} ~ {longer}: {onName.Score:F3}");
        Assert.True(sameBirth.Score > onName.Score);
        Assert.Equal(onName.Score, Compare(longer, shorter).Score, 12);
    }

    /// <summary>A different father's name between the same given and family names counts whole: no alert, and below a left-out one, which the explanation names.</summary>
    [Fact]
    public void Compare_ADifferentChainLink_CountsMoreThanALeftOutOne()
    {
        NameMatch different = Compare("Hamza Ben Ali Zintani", "Hamza Ben Salah Zintani");
        NameMatch leftOut = Compare("Hamza Zintani", "Hamza Ben Salah Zintani");

        Assert.False(different.Alert, $"{different.Score:F3}");
        Assert.True(different.Score < leftOut.Score, $"{different.Score:F3} < {leftOut.Score:F3}");
        Assert.Equal(["salah"], leftOut.Explanation.UnmatchedRight);
        Assert.Equal(["salah"], leftOut.Explanation.LeftOut);
        Assert.Empty(different.Explanation.LeftOut!);
    }

    [Fact]
    public void Compare_SameDocumentNumber_RaisesAnAbbreviatedName()
    {
        double without = Compare("M Jaziri", "Mohamed Jaziri").Score;
        NameMatch with = NameMatcher.Compare(new("M Jaziri", DocumentNumber: "X 123-4567"), new("Mohamed Jaziri", DocumentNumber: "x1234567"));

        Assert.True(with.Score > without);
        Assert.Equal(MatchBand.Strong, with.Band);
    }

    [Fact]
    public void Compare_UnrelatedNameWithSameBirthDateAndNationality_StaysBelowTheAlert() =>
        Assert.False(NameMatcher.Compare(new("Sami Gharbi", PartialBirthDate.Parse("1980-01-01"), PersonSex.Male, "TUN"), new("Hedi Kefi", PartialBirthDate.Parse("1980-01-01"), PersonSex.Male, "TUN")).Alert);

    [Fact]
    public void Explanation_AlignsTheWordsSideBySide()
    {
        NameMatch m = Compare("Chedli Ouertani", "\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A");

        Assert.Equal(2, m.Explanation.Words.Count);
        Assert.Equal("chedli", m.Explanation.Words[0].Left);
        Assert.Equal("\u0634\u0627\u0630\u0644\u064A", m.Explanation.Words[0].Right);
        Assert.Empty(m.Explanation.UnmatchedLeft);
    }

    [Fact]
    public void Compare_IsIndependentOfCurrentCulture()
    {
        double invariant = Compare("IBRAHIM ISMAIL", "Ibrahim Ismail").Score;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal(invariant, Compare("IBRAHIM ISMAIL", "Ibrahim Ismail").Score);
            CultureInfo.CurrentCulture = new CultureInfo("ar-TN");
            Assert.Equal(invariant, Compare("IBRAHIM ISMAIL", "Ibrahim Ismail").Score);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
