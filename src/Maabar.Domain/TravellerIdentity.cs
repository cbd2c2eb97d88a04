namespace Maabar.Domain;

/// <summary>
/// A validated identity as presented at a crossing. Created only through <see cref="IdentityRules.Validate"/>,
/// so every instance has at least one name and well-formed fields. Immutable.
/// </summary>
public sealed record TravellerIdentity
{
    internal TravellerIdentity()
    {
    }

    /// <summary>Full name in Arabic script, trimmed; null when not given.</summary>
    public string? FullNameArabic { get; init; }

    /// <summary>Full name in Latin letters, trimmed; null when not given.</summary>
    public string? FullNameLatin { get; init; }

    /// <summary>Date of birth, possibly partial; null when unknown.</summary>
    public PartialDate? BirthDate { get; init; }

    /// <summary>Sex; <see cref="Sex.Unknown"/> when not given.</summary>
    public Sex Sex { get; init; }

    /// <summary>Nationality, ISO 3166-1 alpha-3 or ICAO code; null when unknown.</summary>
    public string? Nationality { get; init; }

    /// <summary>Father's given name; null when not given.</summary>
    public string? FatherName { get; init; }

    /// <summary>Paternal grandfather's given name; null when not given.</summary>
    public string? GrandfatherName { get; init; }

    /// <summary>Mother's full name; null when not given.</summary>
    public string? MotherName { get; init; }

    /// <summary>
    /// True when the Latin name was read from an MRZ name field that it fills completely, so it may be cut
    /// short (ICAO 9303-3 §4.6): screening then treats it as a prefix.
    /// </summary>
    public bool LatinNameTruncated { get; init; }

    /// <summary>National identity number, digits or letters as written; null when not given.</summary>
    public string? NationalNumber { get; init; }

    /// <summary>The document presented; null when none was recorded.</summary>
    public TravelDocumentInfo? Document { get; init; }
}
