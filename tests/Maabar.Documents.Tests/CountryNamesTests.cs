namespace Maabar.Documents.Tests;

public sealed class CountryNamesTests
{
    [Theory]
    [InlineData("Libya", "LBY")]
    [InlineData("Tunisia", "TUN")]
    [InlineData("Iraq", "IRQ")]
    [InlineData("Sweden", "SWE")]
    [InlineData("Democratic Republic of the Congo", "COD")]
    [InlineData("Democratic People's Republic of Korea ", "PRK")]
    [InlineData("Iran (Islamic Republic of)", "IRN")]
    [InlineData("central african republic", "CAF")]
    [InlineData("C\u00F4te d'Ivoire", "CIV")]
    [InlineData("Germany", "DEU")]
    [InlineData("France", "FRA")]
    public void KnownNames_MapToTheirCodes(string name, string code) => Assert.Equal(code, CountryNames.ToAlpha3(name));

    [Theory]
    [InlineData("na")]
    [InlineData("Sudan/South Sudan")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownOrAmbiguousNames_MapToNothing(string? name) => Assert.Null(CountryNames.ToAlpha3(name));
}
