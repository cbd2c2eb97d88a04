using Maabar.Names;

namespace Maabar.Domain;

/// <summary>A person as recorded by one agency, from the identities presented at its crossings.</summary>
public sealed class Traveller
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency that recorded the traveller; only its users see the record.</summary>
    public required string Agency { get; init; }

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

    /// <summary>Sex.</summary>
    public Sex Sex { get; set; }

    /// <summary>Nationality, alpha-3.</summary>
    public string? Nationality { get; set; }

    /// <summary>Father's given name.</summary>
    public string? FatherName { get; set; }

    /// <summary>Paternal grandfather's given name.</summary>
    public string? GrandfatherName { get; set; }

    /// <summary>Mother's full name.</summary>
    public string? MotherName { get; set; }

    /// <summary>National identity number (CIN, Libyan National Number...).</summary>
    public string? NationalNumber { get; set; }

    /// <summary>When the record was created (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>Documents this traveller presented.</summary>
    public List<TravelDocument> Documents { get; init; } = [];

    /// <summary>Creates a record from a validated identity.</summary>
    /// <param name="agency">Owning agency.</param>
    /// <param name="identity">The identity.</param>
    /// <param name="nowUtc">Current instant, UTC.</param>
    public static Traveller FromIdentity(string agency, TravellerIdentity identity, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var traveller = new Traveller { Agency = agency, CreatedUtc = nowUtc };
        traveller.Apply(identity);
        return traveller;
    }

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

    /// <summary>Updates the record with what the latest presented identity says; unknown fields keep their values.</summary>
    /// <param name="identity">The identity.</param>
    public void Apply(TravellerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        SetNames(identity.FullNameArabic ?? FullNameArabic, identity.FullNameLatin ?? FullNameLatin);
        BirthDate = identity.BirthDate ?? BirthDate;
        Sex = identity.Sex == Sex.Unknown ? Sex : identity.Sex;
        Nationality = identity.Nationality ?? Nationality;
        FatherName = identity.FatherName ?? FatherName;
        GrandfatherName = identity.GrandfatherName ?? GrandfatherName;
        MotherName = identity.MotherName ?? MotherName;
        NationalNumber = identity.NationalNumber ?? NationalNumber;
    }
}

/// <summary>A document a traveller presented.</summary>
public sealed class TravelDocument
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The traveller.</summary>
    public Guid TravellerId { get; init; }

    /// <summary>The traveller's agency (a copy of <see cref="Traveller.Agency"/>): one document of one issuer is one traveller per agency.</summary>
    public required string Agency { get; init; }

    /// <summary>ICAO document type code (P, I, ...).</summary>
    public required string Type { get; init; }

    /// <summary>Document number, upper-case ASCII.</summary>
    public required string Number { get; init; }

    /// <summary>Issuing state code.</summary>
    public required string IssuingState { get; init; }

    /// <summary>Expiry date when known.</summary>
    public DateOnly? ExpiryDate { get; set; }
}
