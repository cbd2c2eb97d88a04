using System.Globalization;

namespace Maabar.Names.Tests;

// Arabic letters are written as \u escapes (STYLE.md); each row's comment names what it shows.
public sealed class NameNormalizerTests
{
    public static TheoryData<string, string> Equivalent => new()
    {
        // Alef with hamza above / below / madda / wasla fold to bare alef: \u0623\u062D\u0645\u062F (Ahmad).
        { "\u0623\u062D\u0645\u062F", "\u0627\u062D\u0645\u062F" },
        { "\u0625\u0628\u0631\u0627\u0647\u064A\u0645", "\u0627\u0628\u0631\u0627\u0647\u064A\u0645" },
        { "\u0622\u0645\u0646\u0629", "\u0627\u0645\u0646\u0647" },
        { "\u0671\u0644\u0644\u0647", "\u0627\u0644\u0644\u0647" },
        // Ta marbuta and heh: \u0641\u0627\u0637\u0645\u0629 / \u0641\u0627\u0637\u0645\u0647 (Fatima).
        { "\u0641\u0627\u0637\u0645\u0629", "\u0641\u0627\u0637\u0645\u0647" },
        // Alef maqsura and Farsi yeh fold to yeh: \u0645\u0635\u0637\u0641\u0649 (Mustafa).
        { "\u0645\u0635\u0637\u0641\u0649", "\u0645\u0635\u0637\u0641\u064A" },
        { "\u0639\u0644\u06CC", "\u0639\u0644\u064A" },
        // Keheh to kaf, heh doachashmee to heh.
        { "\u06A9\u0631\u064A\u0645", "\u0643\u0631\u064A\u0645" },
        { "\u0632\u06BE\u0631\u0627", "\u0632\u0647\u0631\u0627" },
        // Harakat and tatweel are dropped: \u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F and \u0645\u062D\u0640\u0640\u0645\u062F.
        { "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F", "\u0645\u062D\u0645\u062F" },
        { "\u0645\u062D\u0640\u0640\u0645\u062F", "\u0645\u062D\u0645\u062F" },
        // Tunisian qaf with three dots (Gabes) to qaf, veh to feh.
        { "\u06A8\u0627\u0628\u0633", "\u0642\u0627\u0628\u0633" },
        { "\u06A4\u064A\u0643\u062A\u0648\u0631", "\u0641\u064A\u0643\u062A\u0648\u0631" },
        // Bidi marks and joiners inside a name are invisible and dropped.
        { "\u200F\u0639\u0644\u064A\u200C", "\u0639\u0644\u064A" },
        // Arabic-Indic and extended digits become ASCII.
        { "\u0661\u0669\u0668\u0660", "1980" },
        { "\u06F1\u06F9\u06F8\u06F0", "1980" },
        // Latin: case, diacritics, apostrophes for ayn, hyphens and MRZ fillers.
        { "MOHAMED", "mohamed" },
        { "Chedl\u00EE Ben S\u00E2lah", "chedli ben salah" }, // i with circumflex, a with circumflex
        { "'Abd al-Qadir", "abd al qadir" },
        { "\u2018Abd al\u2011Qadir", "abd al qadir" },
        { "BEN<SALAH<<MOHAMED", "ben salah mohamed" },
        { "  Ali   Ben\tOmar ", "ali ben omar" },
        { "Ma'mun", "mamun" },
        { "Stra\u00DFe \u00C6lfric \u0141\u00F3d\u017A", "strasse aelfric lodz" },
    };

    [Theory]
    [MemberData(nameof(Equivalent))]
    public void Normalize_Variant_FoldsToCanonicalForm(string variant, string canonical) =>
        Assert.Equal(NameNormalizer.Normalize(canonical), NameNormalizer.Normalize(variant));

    [Theory]
    [InlineData("\u0639\u0628\u062F\u0627\u0644\u0644\u0647", "\u0639\u0628\u062F \u0627\u0644\u0644\u0647")] // Abdallah glued / spaced
    [InlineData("Benali", "Ben Ali")]
    [InlineData("Abdel-Kader", "Abdelkader")]
    public void CompactKey_GluedAndSpacedSpellings_AreEqual(string a, string b) =>
        Assert.Equal(NameNormalizer.CompactKey(a), NameNormalizer.CompactKey(b));

    [Theory]
    [InlineData("Mohamed", "Mahmoud")]
    [InlineData("\u0645\u062D\u0645\u062F", "\u0645\u062D\u0645\u0648\u062F")] // Muhammad vs Mahmud
    [InlineData("Ali Ben Omar", "Omar Ben Ali")]
    public void CompactKey_DifferentNames_Differ(string a, string b) =>
        Assert.NotEqual(NameNormalizer.CompactKey(a), NameNormalizer.CompactKey(b));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<<<")]
    [InlineData("- ' .")]
    [InlineData("\u064E\u0640")] // a fatha and a tatweel: marks only
    public void Normalize_NoLetters_IsEmpty(string name) => Assert.Equal(string.Empty, NameNormalizer.Normalize(name));

    [Fact]
    public void Normalize_VeryLongInput_IsCutAtTheDocumentedMaximum()
    {
        string name = new('a', NameNormalizer.MaxInputLength * 3);

        Assert.Equal(NameNormalizer.MaxInputLength, NameNormalizer.Normalize(name).Length);
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("ar-TN")]
    [InlineData("fr-FR")]
    public void Normalize_IsIndependentOfCurrentCulture(string culture)
    {
        string[] names = ["IBRAHIM ISMAIL", "Idris Ilyas", "\u0625\u0633\u0645\u0627\u0639\u064A\u0644"];
        string[] expected = [.. names.Select(n => NameNormalizer.Normalize(n))];
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(expected, names.Select(n => NameNormalizer.Normalize(n)));
            Assert.Equal("ibrahim ismail", NameNormalizer.Normalize("IBRAHIM ISMAIL"));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = saved;
        }
    }

    [Theory]
    [InlineData("Mohamed", NameScript.Latin)]
    [InlineData("Nguy\u1EC5n", NameScript.Latin)]
    [InlineData("\u0645\u062D\u0645\u062F", NameScript.Arabic)]
    [InlineData("\u0645\u062D\u0645\u062F Ali", NameScript.Mixed)]
    [InlineData("\u0418\u0432\u0430\u043D", NameScript.Other)]
    [InlineData("1234 <<", NameScript.None)]
    public void DetectScript_TellsTheScript(string name, NameScript expected) => Assert.Equal(expected, NameNormalizer.DetectScript(name));

    [Fact]
    public void Normalize_RandomInput_NeverThrowsAndIsIdempotent()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            char[] chars = new char[random.Next(0, 40)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0x0800);
            }

            string once = NameNormalizer.Normalize(chars);
            Assert.Equal(once, NameNormalizer.Normalize(once));
        }
    }
}
