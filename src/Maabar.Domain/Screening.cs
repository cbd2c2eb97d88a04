using System.Text.Json;
using System.Text.Json.Serialization;
using Maabar.Names;

namespace Maabar.Domain;

/// <summary>A watchlist entry that alerts for a traveller, before it is stored as a <see cref="Hit"/>.</summary>
/// <param name="Entry">The entry matched.</param>
/// <param name="Score">Score in [0, 1].</param>
/// <param name="Band">Band at the matcher's default thresholds.</param>
/// <param name="Explanation">Aligned name words and each attribute's effect, from <see cref="NameMatcher"/>.</param>
public sealed record ScreeningMatch(WatchlistEntry Entry, double Score, HitBand Band, MatchExplanation Explanation);

/// <summary>The name fields of an MRZ, as screening uses them.</summary>
/// <param name="Surname">The primary identifier (surname).</param>
/// <param name="GivenNames">The secondary identifier (given names).</param>
/// <param name="Truncated">True when the name field is filled to its end and may be cut short.</param>
public sealed record MrzName(string Surname, string GivenNames, bool Truncated);

/// <summary>
/// How travellers and watchlist entries are described to the name engine, and how an explanation is
/// stored with a hit. Pure and thread-safe.
/// </summary>
public static class ScreeningDescriptions
{
    /// <summary>
    /// The traveller as a query: the Latin name first (the document's), the Arabic-script name as another
    /// name. With the MRZ's name fields, the name is also tried in the MRZ's order (surname, then given
    /// names), which is how many lists write it; a name field filled to its end may be cut short, and its
    /// last word then matches the words it begins.
    /// </summary>
    /// <param name="traveller">The traveller.</param>
    /// <param name="documentNumber">The document presented at this passage, if any.</param>
    /// <param name="mrzName">The MRZ's surname and given names and whether the field may be truncated, if read from an MRZ.</param>
    public static (PersonDescription Person, IReadOnlyList<string> OtherNames) Describe(Traveller traveller, string? documentNumber, MrzName? mrzName = null)
    {
        ArgumentNullException.ThrowIfNull(traveller);
        var others = new List<string>(3);
        string primary;
        bool truncated = false;
        if (mrzName is { } mrz && (mrz.Surname.Length > 0 || mrz.GivenNames.Length > 0))
        {
            primary = (mrz.Surname + " " + mrz.GivenNames).Trim();
            truncated = mrz.Truncated;
            if (traveller.FullNameLatin is not null && !mrz.Truncated)
            {
                others.Add(traveller.FullNameLatin);
            }
        }
        else
        {
            primary = traveller.FullNameLatin ?? traveller.FullNameArabic ?? string.Empty;
        }

        if (traveller.FullNameArabic is not null && !ReferenceEquals(primary, traveller.FullNameArabic))
        {
            others.Add(traveller.FullNameArabic);
        }

        var person = new PersonDescription(primary, BirthOf(traveller.BirthDate), SexOf(traveller.Sex), traveller.Nationality, traveller.FatherName, traveller.MotherName, documentNumber, truncated);
        return (person, others);
    }

    /// <summary>
    /// The word frequencies a watchlist teaches on top of the shipped counts (<see cref="NameFrequencies.LearnFrom"/>):
    /// every name and alias of the entries in force counts once (an entry with several dates of birth is one
    /// person). The server's index and the demo seeder learn alike, so that they decide alike.
    /// </summary>
    /// <param name="entries">The whole list.</param>
    public static NameFrequencies LearnFrequencies(IEnumerable<WatchlistEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var learner = new NameFrequencyLearner();
        foreach (WatchlistEntry entry in entries)
        {
            CountNames(learner, entry);
        }

        return learner.LearnOnto(NameFrequencies.Default);
    }

    /// <summary>Counts the names of one entry in force (a withdrawn one counts nothing), for <see cref="LearnFrequencies"/>.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="entry">The entry.</param>
    public static void CountNames(NameFrequencyLearner learner, WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(entry);
        IReadOnlyList<IndexedIdentity> identities = Describe(entry);
        if (entry.WithdrawnUtc is null && identities.Count > 0)
        {
            learner.Add(identities[0]);
        }
    }

    /// <summary>
    /// The entry as indexed identities: the Arabic-script name primary when known, every other name an
    /// alias; parents' names, sex, nationality and the first document as attributes (none for a withdrawn
    /// entry). An entry with
    /// several dates of birth gives one identity per date (ids <c>{entry id}</c>, <c>{entry id}#1</c>…), so
    /// that a traveller born on any of them is not held back as a namesake; <see cref="EntryIdOf"/> maps back.
    /// </summary>
    /// <param name="entry">The entry.</param>
    public static IReadOnlyList<IndexedIdentity> Describe(WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.WithdrawnUtc is not null || entry.Kind != EntryKind.Person)
        {
            // Withdrawn: nothing to screen against. Documents and vehicles are found by their numbers, not by name.
            return [];
        }
        string primary = entry.FullNameArabic ?? entry.FullNameLatin ?? entry.Aliases.FirstOrDefault() ?? string.Empty;
        string[] aliases = [.. new[] { entry.FullNameLatin }.Concat(entry.Aliases)
            .Where(a => !string.IsNullOrWhiteSpace(a) && !ReferenceEquals(a, primary) && a != primary)
            .Select(a => a!)
            .Distinct(StringComparer.Ordinal)];
        string? father = entry.FatherName;
        string? document = entry.Documents.Count > 0 ? entry.Documents[0].Number : null;
        string?[] births = [entry.BirthDate?.ToString(), .. entry.OtherBirthDates];
        births = [.. births.Where(b => b is not null).Distinct(StringComparer.Ordinal)];
        if (births.Length == 0)
        {
            births = [null];
        }

        var identities = new IndexedIdentity[births.Length];
        for (int i = 0; i < births.Length; i++)
        {
            var person = new PersonDescription(primary, PartialBirthDate.ParseOrNull(births[i]), SexOf(entry.Sex), entry.Nationality, father, entry.MotherName, document);
            identities[i] = new IndexedIdentity(IndexedId(entry.Id, i), person, aliases);
        }

        return identities;
    }

    /// <summary>
    /// The exact keys a document or vehicle entry is found by: <c>D:</c> and the document number (letters and
    /// digits, upper case; the issuing state is checked on the hit, since lists often lack it), or <c>V:</c>
    /// and the plate (letters and digits). None for a person or a withdrawn entry.
    /// </summary>
    /// <param name="entry">The entry.</param>
    public static IReadOnlyList<string> ExactKeys(WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.WithdrawnUtc is not null)
        {
            return [];
        }

        return entry.Kind switch
        {
            EntryKind.Document => [.. entry.Documents.Select(d => DocumentKey(d.Number)).Where(k => k.Length > 2).Distinct(StringComparer.Ordinal)],
            EntryKind.Vehicle when entry.VehiclePlate is { } plate && PlateKey(plate) is { Length: > 2 } key => [key],
            _ => [],
        };
    }

    /// <summary>The exact key of a presented document number.</summary>
    /// <param name="number">The number as presented.</param>
    public static string DocumentKey(string number) => "D:" + Compact(number);

    /// <summary>The exact key of a presented plate.</summary>
    /// <param name="plate">The plate as presented.</param>
    public static string PlateKey(string plate) => "V:" + Compact(plate);

    /// <summary>
    /// Whether a document or vehicle entry hit by its exact key applies to what was presented: the issuing
    /// state (or plate country) must agree when both are known.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="key">The key that hit.</param>
    /// <param name="state">The presented issuing state or plate country.</param>
    public static bool ExactHitApplies(WatchlistEntry entry, string key, string? state)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(key);
        return entry.Kind switch
        {
            EntryKind.Document => entry.Documents.Any(d => DocumentKey(d.Number) == key && (d.IssuingState is null || state is null || d.IssuingState == state)),
            EntryKind.Vehicle => entry.VehicleCountry is null || state is null || entry.VehicleCountry == state,
            _ => false,
        };
    }

    /// <summary>The explanation of an exact document or plate hit: no name part, one attribute saying what matched.</summary>
    /// <param name="entry">The entry.</param>
    public static MatchExplanation ExactExplanation(WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string attribute = entry.Kind == EntryKind.Vehicle ? "vehiclePlate" : "documentNumber";
        return new MatchExplanation(0, [], [], [], [new AttributeEffect(attribute, "listed", 1.0)]);
    }

    private static string Compact(string value) =>
        string.Concat(value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant));

    /// <summary>The id of an entry's <paramref name="number"/>-th indexed identity (0 for the first: the entry's own id).</summary>
    /// <param name="entry">The entry's id.</param>
    /// <param name="number">Which identity, from 0.</param>
    public static string IndexedId(Guid entry, int number) =>
        number == 0 ? entry.ToString() : entry + "#" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The alerts among an index's hits, as matches: each entry once (hits come best first, so an entry
    /// indexed once per date of birth keeps its best), only entries present in <paramref name="entries"/>
    /// and visible to <paramref name="agency"/>.
    /// </summary>
    /// <param name="hits">The index's hits, best first.</param>
    /// <param name="entries">The entries hit, by id.</param>
    /// <param name="agency">The screening agency.</param>
    public static IReadOnlyList<ScreeningMatch> Matches(IEnumerable<IndexHit> hits, IReadOnlyDictionary<Guid, WatchlistEntry> entries, string agency)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(entries);
        var matches = new List<ScreeningMatch>();
        var seen = new HashSet<Guid>();
        foreach (IndexHit hit in hits)
        {
            Guid id = EntryIdOf(hit.EntryId);
            if (entries.TryGetValue(id, out WatchlistEntry? entry) && entry.WithdrawnUtc is null && entry.IsVisibleTo(agency) && seen.Add(id))
            {
                matches.Add(new ScreeningMatch(entry, hit.Match.Score, ToHitBand(hit.Match.Band), hit.Match.Explanation));
            }
        }

        return matches;
    }

    /// <summary>The entry id of an indexed identity's id (see <see cref="Describe(WatchlistEntry)"/>).</summary>
    /// <param name="indexedId">The indexed identity's id.</param>
    public static Guid EntryIdOf(string indexedId)
    {
        ArgumentNullException.ThrowIfNull(indexedId);
        int hash = indexedId.IndexOf('#', StringComparison.Ordinal);
        return Guid.Parse(hash < 0 ? indexedId : indexedId[..hash]);
    }

    /// <summary>The band as stored.</summary>
    /// <param name="band">The matcher's band.</param>
    public static HitBand ToHitBand(MatchBand band) => band switch
    {
        MatchBand.Strong => HitBand.Strong,
        MatchBand.Possible => HitBand.Possible,
        _ => HitBand.None,
    };

    /// <summary>An explanation as stored in <see cref="Hit.Explanation"/> (JSON, camelCase).</summary>
    /// <param name="explanation">The explanation.</param>
    public static string Store(MatchExplanation explanation) => JsonSerializer.Serialize(explanation, ExplanationJson.Default.MatchExplanation);

    /// <summary>A stored explanation; null when the text is not one (rows written before explanations were stored).</summary>
    /// <param name="stored">The stored text.</param>
    public static MatchExplanation? Read(string stored)
    {
        if (string.IsNullOrEmpty(stored) || stored[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(stored, ExplanationJson.Default.MatchExplanation);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PersonSex SexOf(Sex sex) => sex switch
    {
        Sex.Male => PersonSex.Male,
        Sex.Female => PersonSex.Female,
        Sex.Unknown or Sex.Unspecified => PersonSex.Unknown,
    };

    private static PartialBirthDate? BirthOf(PartialDate? date) => date is PartialDate d ? PartialBirthDate.Of(d.Year, d.Month, d.Day) : null;
}

/// <summary>Source-generated JSON for stored explanations (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MatchExplanation))]
internal sealed partial class ExplanationJson : JsonSerializerContext;
