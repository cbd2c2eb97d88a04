namespace Maabar.Names.Tests;

public sealed class PartialBirthDateTests
{
    [Theory]
    [InlineData("1979", 1979, null, null)]
    [InlineData("1979-05", 1979, 5, null)]
    [InlineData(" 1979-05-02 ", 1979, 5, 2)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    public void TryParse_YearMonthOrDay_ReadsTheKnownParts(string text, int year, int? month, int? day)
    {
        Assert.True(PartialBirthDate.TryParse(text, out PartialBirthDate date));

        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
        Assert.Equal(text.Trim(), date.ToString());
        Assert.Equal(date, PartialBirthDate.Of(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("79")]
    [InlineData("1979-5")]
    [InlineData("1979-13")]
    [InlineData("1979-00-10")]
    [InlineData("1979-02-30")]
    [InlineData("1979/05/02")]
    [InlineData("\u0661\u0669\u0667\u0669")] // 1979 in Arabic-Indic digits (ARABIC-INDIC DIGIT ONE, NINE, SEVEN, NINE)
    public void TryParse_NotADate_IsFalseAndUnknown(string text)
    {
        Assert.False(PartialBirthDate.TryParse(text, out _));
        Assert.Null(PartialBirthDate.ParseOrNull(text));
        Assert.Throws<FormatException>(() => PartialBirthDate.Parse(text));
    }

    [Fact]
    public void Of_DayWithoutMonth_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PartialBirthDate.Of(1979, null, 2));

    [Fact]
    public void Compare_UnknownSex_NeverConflicts()
    {
        NameMatch unknown = NameMatcher.Compare(new PersonDescription("Nour Trabelsi", Sex: PersonSex.Unknown), new PersonDescription("Nour Trabelsi", Sex: PersonSex.Female));
        NameMatch conflict = NameMatcher.Compare(new PersonDescription("Nour Trabelsi", Sex: PersonSex.Male), new PersonDescription("Nour Trabelsi", Sex: PersonSex.Female));

        Assert.DoesNotContain(unknown.Explanation.Attributes, e => e.Attribute == "sex");
        Assert.Contains(conflict.Explanation.Attributes, e => e.Attribute == "sex" && e.Effect == "conflict");
    }
}
