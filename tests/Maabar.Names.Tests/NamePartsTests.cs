namespace Maabar.Names.Tests;

// Arabic names are written as \u escapes (STYLE.md); each row's comment gives the name.
public sealed class NamePartsTests
{
    private static string Words(string name) => string.Join(' ', NameParts.Parse(name).Select(p => p.Kind == NamePartKind.Particle ? "(" + p.Text + ")" : p.Text));

    [Theory]
    [InlineData("Mohamed Bensalah", "mohamed (ben) salah")]
    [InlineData("Benali", "(ben) ali")]
    [InlineData("Osama Binladen", "osama (ben) laden")]
    [InlineData("Bennour Abdelkader", "(ben) nour abdkader")]
    [InlineData("\u0628\u0646\u062D\u0633\u064A\u0646", "(\u0628\u0646) \u062D\u0633\u064A\u0646")] // Benhussein
    [InlineData("Benjamin Benoit", "benjamin benoit")] // Western names that begin with "ben"
    [InlineData("Ben Salah", "(ben) salah")] // spaced, as before
    [InlineData("Bena", "bena")] // too short to hold a father's name
    [InlineData("\u0628\u0646\u062F\u0631", "\u0628\u0646\u062F\u0631")] // Bandar: a name of its own, too short to split
    public void GluedNasab_IsSplitIntoTheParticleAndTheFathersName(string name, string expected) => Assert.Equal(expected, Words(name));
}
