namespace Maabar.Documents.Mrz;

/// <summary>A field of a machine-readable zone, for locating problems.</summary>
public enum MrzField
{
    /// <summary>The zone as a whole (line count and lengths).</summary>
    Layout = 0,

    /// <summary>Document code (P, I, ID, V...).</summary>
    DocumentCode,

    /// <summary>Issuing state or organisation.</summary>
    IssuingState,

    /// <summary>Name of the holder.</summary>
    Name,

    /// <summary>Document number.</summary>
    DocumentNumber,

    /// <summary>Check digit of the document number.</summary>
    DocumentNumberCheckDigit,

    /// <summary>Nationality.</summary>
    Nationality,

    /// <summary>Date of birth.</summary>
    BirthDate,

    /// <summary>Check digit of the date of birth.</summary>
    BirthDateCheckDigit,

    /// <summary>Sex.</summary>
    Sex,

    /// <summary>Date of expiry.</summary>
    ExpiryDate,

    /// <summary>Check digit of the date of expiry.</summary>
    ExpiryDateCheckDigit,

    /// <summary>Personal number (TD3) or optional data.</summary>
    OptionalData,

    /// <summary>Check digit of the personal number (TD3).</summary>
    OptionalDataCheckDigit,

    /// <summary>Second optional data field (TD1 line 2).</summary>
    OptionalData2,

    /// <summary>Composite check digit.</summary>
    CompositeCheckDigit,

    /// <summary>Administrative code (French 1988 card).</summary>
    AdministrativeCode,

    /// <summary>A national identity number cross-checked against the zone.</summary>
    NationalNumber,
}
