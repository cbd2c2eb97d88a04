namespace Maabar.Domain.Tests;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("1980", 1980, null, null)]
    [InlineData("1980-05", 1980, 5, null)]
    [InlineData("1980-05-17", 1980, 5, 17)]
    [InlineData(" 2000-02-29 ", 2000, 2, 29)]
    public void TryParse_WellFormed_GivesParts(string text, int year, int? month, int? day)
    {
        Assert.Null(PartialDate.TryParse(text, out PartialDate date));
        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
        Assert.Equal(text.Trim(), date.ToString());
    }

    [Theory]
    [InlineData("", ErrorCodes.DateFormat)]
    [InlineData("80", ErrorCodes.DateFormat)]
    [InlineData("1980/05/17", ErrorCodes.DateFormat)]
    [InlineData("17-05-1980", ErrorCodes.DateFormat)]
    [InlineData("1980-5-17", ErrorCodes.DateFormat)]
    [InlineData("\u0661\u0669\u0668\u0660", ErrorCodes.DateFormat)] // Arabic-Indic digits are not ISO 8601
    [InlineData("0000", ErrorCodes.DateNotExisting)]
    [InlineData("1980-13", ErrorCodes.DateNotExisting)]
    [InlineData("1980-00-10", ErrorCodes.DateNotExisting)]
    [InlineData("2023-02-29", ErrorCodes.DateNotExisting)]
    [InlineData("1990-02-31", ErrorCodes.DateNotExisting)]
    [InlineData("1990-04-31", ErrorCodes.DateNotExisting)]
    public void TryParse_Malformed_GivesCode(string text, string code) => Assert.Equal(code, PartialDate.TryParse(text, out _));

    [Theory]
    [InlineData("1980", "1980-05-17", true)]
    [InlineData("1980-05", "1980-05-17", true)]
    [InlineData("1980-05-17", "1980-05-17", true)]
    [InlineData("1980-05", "1980-06-01", false)]
    [InlineData("1980", "1981", false)]
    [InlineData("1980-05-17", "1980-05-18", false)]
    public void IsCompatibleWith_IsSymmetricAndComparesKnownParts(string a, string b, bool expected)
    {
        PartialDate.TryParse(a, out PartialDate x);
        PartialDate.TryParse(b, out PartialDate y);

        Assert.Equal(expected, x.IsCompatibleWith(y));
        Assert.Equal(expected, y.IsCompatibleWith(x));
    }

    [Fact]
    public void EarliestAndLatest_SpanTheUnknownParts()
    {
        PartialDate.TryParse("2024-02", out PartialDate date);

        Assert.Equal(new DateOnly(2024, 2, 1), date.Earliest);
        Assert.Equal(new DateOnly(2024, 2, 29), date.Latest);
    }

    [Fact]
    public void TextForm_SortsChronologically()
    {
        string[] dates = ["1980-05-17", "1979", "1980", "1980-05", "1980-11-02"];

        Assert.Equal(["1979", "1980", "1980-05", "1980-05-17", "1980-11-02"], dates.Order(StringComparer.Ordinal));
    }
}
