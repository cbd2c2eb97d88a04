using System.Xml;
using Maabar.Domain.Watchlists;
using Maabar.Tests;

namespace Maabar.Domain.Tests;

public sealed class UnListReaderTests
{
    private static UnConsolidatedList Sample()
    {
        using var reader = new StreamReader(RepositoryPaths.SharedData("watchlists/un-consolidated-sample.xml"));
        return UnListReader.Read(reader);
    }

    [Fact]
    public void Read_Sample_GivesEveryIndividualAndEntity()
    {
        UnConsolidatedList list = Sample();

        Assert.Equal(17, list.Individuals.Count);
        Assert.Equal(4, list.Entities.Count);
        Assert.Empty(list.Rejected);
        Assert.Equal(2020, list.Generated!.Value.Year);
        Assert.Equal(list.Individuals.Count, list.Individuals.Select(i => i.Reference).Distinct().Count());
    }

    [Fact]
    public void Read_Sample_KeepsOriginalScriptAliasesWithQualityDatesAndDocuments()
    {
        UnConsolidatedList list = Sample();

        // A father and his son: the son's full name holds the father's (DATA README).
        UnIndividual father = list.Individuals.Single(i => i.Reference == "IQi.001");
        UnIndividual son = list.Individuals.Single(i => i.Reference == "IQi.002");
        Assert.Equal("SADDAM HUSSEIN AL-TIKRITI", father.Name);
        Assert.Equal("\u0635\u062F\u0627\u0645 \u062D\u0633\u064A\u0646 \u0627\u0644\u062A\u0643\u0631\u064A\u062A\u064A", father.NameOriginalScript);
        Assert.Equal(["1937-04-28"], father.BirthDates);
        Assert.Equal(new UnAlias("Abu Ali", "Low"), Assert.Single(father.Aliases));
        Assert.Equal(["1965", "1966"], son.BirthDates);
        Assert.Empty(son.Aliases); // empty alias elements are left out

        UnIndividual hakim = list.Individuals.Single(i => i.Reference == "YEi.002");
        Assert.Equal(5, hakim.Aliases.Count);
        Assert.All(hakim.Aliases, a => Assert.Equal("Good", a.Quality));
        Assert.Equal("Male", hakim.Gender);
        Assert.Equal(["1985", "1984", "1986"], hakim.BirthDates); // approximately 1985, between 1984 and 1986

        UnIndividual akhund = list.Individuals.Single(i => i.Reference == "TAi.002");
        Assert.Equal(["1955", "1956", "1957", "1958", "1945", "1946", "1947", "1948", "1949", "1950"], akhund.BirthDates);

        UnIndividual bozize = list.Individuals.Single(i => i.Reference == "CFi.001");
        Assert.Equal([new UnDocument("Passport", "D00002264", null), new UnDocument("National Identification Number", "M4800002143743", null)], bozize.Documents);
        Assert.Equal(["Central African Republic", "South Sudan"], bozize.Nationalities);

        UnIndividual makol = list.Individuals.Single(i => i.Reference == "SSi.001");
        Assert.Equal("South Sudan", makol.Documents[0].IssuingCountry);
        Assert.Equal("M6600000258472", makol.Documents[1].Number); // trimmed
    }

    [Fact]
    public void Read_RecordWithoutReferenceOrName_IsRejectedWithItsLine_AndTheRestIsRead()
    {
        string xml = "<CONSOLIDATED_LIST><INDIVIDUALS>\n"
            + "<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>\n"
            + "<INDIVIDUAL><REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER><FIRST_NAME> </FIRST_NAME></INDIVIDUAL>\n"
            + "<INDIVIDUAL><REFERENCE_NUMBER>XXi.003</REFERENCE_NUMBER><FIRST_NAME>GOOD</FIRST_NAME><SECOND_NAME>NAME</SECOND_NAME></INDIVIDUAL>\n"
            + "</INDIVIDUALS></CONSOLIDATED_LIST>";

        UnConsolidatedList list = UnListReader.Read(new StringReader(xml));

        Assert.Equal("GOOD NAME", Assert.Single(list.Individuals).Name);
        Assert.Equal([new UnRejected(2, "no REFERENCE_NUMBER"), new UnRejected(3, "XXi.002: no name")], list.Rejected);
    }

    [Theory]
    [InlineData("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>")]
    [InlineData("<OTHER_LIST/>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>")]
    public void Read_MalformedForeignOrDtdInput_ThrowsXmlException(string xml)
    {
        Assert.Throws<XmlException>(() => UnListReader.Read(new StringReader(xml)));
    }
}
