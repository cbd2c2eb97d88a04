using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Maabar.Domain.Watchlists;

/// <summary>An alias of a listed individual or entity, with the list's quality (Good, Low, or empty).</summary>
/// <param name="Name">The alias.</param>
/// <param name="Quality">"Good", "Low" or empty, as the list gives it.</param>
public sealed record UnAlias(string Name, string Quality);

/// <summary>An identity document of a listed individual.</summary>
/// <param name="Type">As the list writes it (Passport, National Identification Number…).</param>
/// <param name="Number">The number, trimmed.</param>
/// <param name="IssuingCountry">The issuing country's name as the list writes it, if given.</param>
public sealed record UnDocument(string Type, string Number, string? IssuingCountry);

/// <summary>One individual of the UN Security Council Consolidated List.</summary>
/// <param name="Reference">The permanent reference number (QDi.001, IQi.002…): the key re-imports update by.</param>
/// <param name="VersionNumber">The list's version of the record.</param>
/// <param name="Name">First to fourth names joined, spaces collapsed.</param>
/// <param name="NameOriginalScript">The name in its original script (Arabic for many), if given.</param>
/// <param name="Aliases">Aliases with their quality; empty alias elements are left out.</param>
/// <param name="BirthDates">Dates of birth as YYYY-MM-DD or YYYY; a range (BETWEEN) gives each year of it, up to 15.</param>
/// <param name="Documents">Identity documents with a number.</param>
/// <param name="Gender">Male, Female or null.</param>
/// <param name="Nationalities">Nationalities as the list writes them (country names).</param>
/// <param name="ListType">The sanctions regime (Al-Qaida, DPRK, Iraq…).</param>
/// <param name="ListedOn">When it was listed (YYYY-MM-DD), if given.</param>
public sealed record UnIndividual(
    string Reference,
    int VersionNumber,
    string Name,
    string? NameOriginalScript,
    IReadOnlyList<UnAlias> Aliases,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<UnDocument> Documents,
    string? Gender,
    IReadOnlyList<string> Nationalities,
    string ListType,
    string? ListedOn);

/// <summary>One entity (organisation) of the list.</summary>
/// <param name="Reference">The permanent reference number.</param>
/// <param name="Name">The entity's name.</param>
/// <param name="Aliases">Its aliases.</param>
public sealed record UnEntity(string Reference, string Name, IReadOnlyList<UnAlias> Aliases);

/// <summary>A record of the list that could not be read, with why.</summary>
/// <param name="Line">The line where the record starts.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record UnRejected(int Line, string Reason);

/// <summary>What one file of the list holds.</summary>
/// <param name="Generated">The list's dateGenerated, if given.</param>
/// <param name="Individuals">The individuals, in file order.</param>
/// <param name="Entities">The entities, in file order.</param>
/// <param name="Rejected">Records left out, with reasons.</param>
public sealed record UnConsolidatedList(DateTimeOffset? Generated, IReadOnlyList<UnIndividual> Individuals, IReadOnlyList<UnEntity> Entities, IReadOnlyList<UnRejected> Rejected);

/// <summary>
/// Reads the UN Security Council Consolidated List in its official XML (sc-sanctions.xsd), record by
/// record (a whole list is tens of megabytes). DTDs are refused (no external entities). A record without a
/// reference number or a name is reported as rejected and the rest is read; XML that is not well formed
/// throws <see cref="XmlException"/> with its line and position. Pure and thread-safe.
/// </summary>
public static class UnListReader
{
    private const int MaxRangeYears = 15;

    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    /// <summary>Reads a list.</summary>
    /// <param name="input">The XML text.</param>
    public static UnConsolidatedList Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(input, settings);
        var individuals = new List<UnIndividual>();
        var entities = new List<UnEntity>();
        var rejected = new List<UnRejected>();
        DateTimeOffset? generated = null;
        var lineInfo = (IXmlLineInfo)reader;
        reader.MoveToContent();
        if (reader.LocalName != "CONSOLIDATED_LIST")
        {
            throw new XmlException($"The root element is {reader.LocalName}, not CONSOLIDATED_LIST: this is not the UN Consolidated List.", null, lineInfo.LineNumber, lineInfo.LinePosition);
        }

        if (DateTimeOffset.TryParse(reader.GetAttribute("dateGenerated"), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset when))
        {
            generated = when;
        }

        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "INDIVIDUAL" or "ENTITY")
            {
                int line = lineInfo.LineNumber;
                bool individual = reader.LocalName == "INDIVIDUAL";
                var element = (XElement)XNode.ReadFrom(reader);
                string reference = Text(element, "REFERENCE_NUMBER");
                if (reference.Length == 0)
                {
                    rejected.Add(new UnRejected(line, "no REFERENCE_NUMBER"));
                    continue;
                }

                string name = JoinNames(element);
                if (name.Length == 0)
                {
                    rejected.Add(new UnRejected(line, $"{reference}: no name"));
                    continue;
                }

                if (individual)
                {
                    individuals.Add(ReadIndividual(element, reference, name));
                }
                else
                {
                    entities.Add(new UnEntity(reference, name, Aliases(element, "ENTITY_ALIAS")));
                }

                continue;
            }

            reader.Read();
        }

        return new UnConsolidatedList(generated, individuals, entities, rejected);
    }

    private static UnIndividual ReadIndividual(XElement element, string reference, string name)
    {
        var births = new List<string>();
        foreach (XElement birth in element.Elements("INDIVIDUAL_DATE_OF_BIRTH"))
        {
            string date = Text(birth, "DATE"), year = Text(birth, "YEAR"), from = Text(birth, "FROM_YEAR"), to = Text(birth, "TO_YEAR");
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly exact))
            {
                births.Add(exact.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else if (Year(year) is int y)
            {
                births.Add(y.ToString("D4", CultureInfo.InvariantCulture));
            }
            else if (Year(from) is int first && Year(to) is int last && last >= first && last - first < MaxRangeYears)
            {
                for (int each = first; each <= last; each++)
                {
                    births.Add(each.ToString("D4", CultureInfo.InvariantCulture));
                }
            }
        }

        UnDocument[] documents = [.. element.Elements("INDIVIDUAL_DOCUMENT")
            .Select(d => new UnDocument(Text(d, "TYPE_OF_DOCUMENT"), Text(d, "NUMBER"), Optional(Text(d, "ISSUING_COUNTRY"))))
            .Where(d => d.Number.Length > 0)];
        string[] nationalities = [.. element.Elements("NATIONALITY").Elements("VALUE").Select(v => Collapse(v.Value)).Where(v => v.Length > 0)];
        int.TryParse(Text(element, "VERSIONNUM"), NumberStyles.None, CultureInfo.InvariantCulture, out int version);
        return new UnIndividual(
            reference,
            version,
            name,
            Optional(Text(element, "NAME_ORIGINAL_SCRIPT")),
            Aliases(element, "INDIVIDUAL_ALIAS"),
            [.. births.Distinct(StringComparer.Ordinal)],
            documents,
            Optional(Text(element, "GENDER")),
            nationalities,
            Text(element, "UN_LIST_TYPE"),
            Optional(Text(element, "LISTED_ON")));
    }

    private static UnAlias[] Aliases(XElement element, string name) =>
        [.. element.Elements(name)
            .Select(a => new UnAlias(Text(a, "ALIAS_NAME"), Text(a, "QUALITY")))
            .Where(a => a.Name.Length > 0)];

    private static string JoinNames(XElement element) =>
        Collapse(string.Join(' ', NameParts.Select(n => Text(element, n))));

    private static string Text(XElement element, string name) => Collapse(element.Element(name)?.Value ?? string.Empty);

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private static int? Year(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year > 1800 ? year : null;

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
