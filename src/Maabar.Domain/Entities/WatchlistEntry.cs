using Maabar.Names;

namespace Maabar.Domain;

/// <summary>
/// A listed person, document or vehicle, owned by one agency. <see cref="Version"/> counts material
/// changes (what identifies the listed person, document or vehicle): a namesake clearance holds for one
/// version only. Every change, material or not, leaves a <see cref="WatchlistEntryRevision"/>.
/// </summary>
public sealed class WatchlistEntry
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What is listed: a person (the default), a document or a vehicle.</summary>
    public EntryKind Kind { get; set; } = EntryKind.Person;

    /// <summary>For a vehicle entry: the plate as printed.</summary>
    public string? VehiclePlate { get; set; }

    /// <summary>For a vehicle entry: the registering country (alpha-3).</summary>
    public string? VehicleCountry { get; set; }

    /// <summary>The agency that owns the entry.</summary>
    public required string OwnerAgency { get; init; }

    /// <summary>What a hit asks the officer to do.</summary>
    public WatchlistCategory Category { get; set; }

    /// <summary>Full name in Arabic script.</summary>
    public string? FullNameArabic { get; set; }

    /// <summary>Full name in Latin letters.</summary>
    public string? FullNameLatin { get; set; }

    /// <summary><see cref="NameNormalizer.CompactKey"/> of the Arabic name; empty when none.</summary>
    public string NameKeyArabic { get; set; } = string.Empty;

    /// <summary><see cref="NameNormalizer.CompactKey"/> of the Latin name; empty when none.</summary>
    public string NameKeyLatin { get; set; } = string.Empty;

    /// <summary>Date of birth, possibly partial.</summary>
    public PartialDate? BirthDate { get; set; }

    /// <summary>Nationality, alpha-3.</summary>
    public string? Nationality { get; set; }

    /// <summary>Sex, when known.</summary>
    public Sex Sex { get; set; }

    /// <summary>Father's name.</summary>
    public string? FatherName { get; set; }

    /// <summary>Grandfather's name.</summary>
    public string? GrandfatherName { get; set; }

    /// <summary>Mother's name.</summary>
    public string? MotherName { get; set; }

    /// <summary>Other names of the person (aliases, other spellings), in any script.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Further dates of birth on record beside <see cref="BirthDate"/> (lists such as the UN's carry several), as YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public List<string> OtherBirthDates { get; set; } = [];

    /// <summary>Identity documents known for the person.</summary>
    public List<ListedDocument> Documents { get; set; } = [];

    /// <summary>The legal basis of the listing (a law, a court order, a UN resolution).</summary>
    public string? LegalBasis { get; set; }

    /// <summary>When the owner must review the entry.</summary>
    public DateOnly? ReviewDate { get; set; }

    /// <summary>When the entry lapses.</summary>
    public DateOnly? ExpiryDate { get; set; }

    /// <summary>When the entry was withdrawn (delisted), or null while it stands. A withdrawn entry no longer alerts; its history stays.</summary>
    public DateTime? WithdrawnUtc { get; set; }

    /// <summary>The owner's national reference for the entry.</summary>
    public required string Reference { get; set; }

    /// <summary>Agencies the entry is shared with, alpha-3 codes separated by commas; empty for national only.</summary>
    public string SharedWith { get; set; } = string.Empty;

    /// <summary>Version, incremented on every material change (see <see cref="IdentityFingerprint"/>).</summary>
    public int Version { get; set; } = 1;

    /// <summary>When the entry was created (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>Sets both names and their comparison keys.</summary>
    /// <param name="arabic">Arabic-script name or null.</param>
    /// <param name="latin">Latin name or null.</param>
    public void SetNames(string? arabic, string? latin)
    {
        FullNameArabic = arabic;
        FullNameLatin = latin;
        NameKeyArabic = arabic is null ? string.Empty : NameNormalizer.CompactKey(arabic);
        NameKeyLatin = latin is null ? string.Empty : NameNormalizer.CompactKey(latin);
    }

    /// <summary>
    /// What identifies the listed person, document or vehicle, as one string: names, aliases, dates of birth,
    /// sex, nationality, parents' names, documents, plate. When it changes the change is material.
    /// </summary>
    public string IdentityFingerprint() => string.Join('\u001F',
        Kind, FullNameArabic, FullNameLatin, string.Join('|', Aliases), BirthDate?.ToString(), string.Join('|', OtherBirthDates),
        Sex, Nationality, FatherName, GrandfatherName, MotherName,
        string.Join('|', Documents.Select(d => d.Type + ":" + d.Number + ":" + d.IssuingState)), VehiclePlate, VehicleCountry);

    /// <summary>The agencies this entry is shared with.</summary>
    public IReadOnlyList<string> SharedWithAgencies => SharedWith.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when an agency may see this entry: it owns it or the entry is shared with it.</summary>
    /// <param name="agency">The agency code.</param>
    public bool IsVisibleTo(string agency) =>
        OwnerAgency == agency || SharedWith.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(agency, StringComparer.Ordinal);
}

/// <summary>An identity document of a listed person.</summary>
public sealed class ListedDocument
{
    /// <summary>Document type: passport, national identity card, other.</summary>
    public required string Type { get; set; }

    /// <summary>The number as printed.</summary>
    public required string Number { get; set; }

    /// <summary>Issuing state, alpha-3 (null when unknown).</summary>
    public string? IssuingState { get; set; }
}
