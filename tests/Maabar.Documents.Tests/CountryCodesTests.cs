namespace Maabar.Documents.Tests;

public sealed class CountryCodesTests
{
    [Fact]
    public void AllIso3166_HasThe249AssignedCodesOnceEach()
    {
        Assert.Equal(249, CountryCodes.AllIso3166.Count);
        Assert.All(CountryCodes.AllIso3166, c => Assert.Matches("^[A-Z]{3}$", c));
    }

    [Theory]
    [InlineData("TUN", CountryCodeKind.Iso3166)]
    [InlineData("LBY", CountryCodeKind.Iso3166)]
    [InlineData("DZA", CountryCodeKind.Iso3166)]
    [InlineData("NER", CountryCodeKind.Iso3166)]
    [InlineData("TCD", CountryCodeKind.Iso3166)]
    [InlineData("SDN", CountryCodeKind.Iso3166)]
    [InlineData("EGY", CountryCodeKind.Iso3166)]
    [InlineData("D<<", CountryCodeKind.IcaoSpecial)]
    [InlineData("D", CountryCodeKind.IcaoSpecial)]
    [InlineData("XXA", CountryCodeKind.IcaoSpecial)]
    [InlineData("XXX", CountryCodeKind.IcaoSpecial)]
    [InlineData("UNO", CountryCodeKind.IcaoSpecial)]
    [InlineData("EUE", CountryCodeKind.IcaoSpecial)]
    [InlineData("GBD", CountryCodeKind.IcaoSpecial)]
    [InlineData("ZZZ", CountryCodeKind.Unknown)]
    [InlineData("tun", CountryCodeKind.Unknown)]
    [InlineData("", CountryCodeKind.Unknown)]
    [InlineData("TUNI", CountryCodeKind.Unknown)]
    public void Classify_Code_GivesItsKind(string code, CountryCodeKind expected) => Assert.Equal(expected, CountryCodes.Classify(code));

    [Theory]
    [InlineData("TUN", true)]
    [InlineData("D", false)]
    [InlineData("XXA", false)]
    [InlineData("TN", false)]
    public void IsIso3166Alpha3_OnlyForIsoCodes(string code, bool expected) => Assert.Equal(expected, CountryCodes.IsIso3166Alpha3(code));
}
