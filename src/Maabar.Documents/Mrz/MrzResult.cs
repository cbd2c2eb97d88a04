namespace Maabar.Documents.Mrz;

/// <summary>
/// What <see cref="MrzParser"/> read from one zone: the fields (as printed, fillers removed), every
/// problem found (errors and warnings kept apart) and correction suggestions. Immutable and thread-safe.
/// Fields that could not be located are empty strings.
/// </summary>
public sealed class MrzResult
{
    internal MrzResult()
    {
    }

    /// <summary>The layout detected.</summary>
    public MrzFormat Format { get; internal init; }

    /// <summary>The lines read, fillers kept, trailing white space removed.</summary>
    public IReadOnlyList<string> Lines { get; internal init; } = [];

    /// <summary>True when there is no error (warnings do not make a zone invalid).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Document code, fillers removed (P, I, ID, V, PO...).</summary>
    public string DocumentCode { get; internal init; } = string.Empty;

    /// <summary>Issuing state or organisation, fillers removed (<c>D</c> for Germany).</summary>
    public string IssuingState { get; internal init; } = string.Empty;

    /// <summary>Document number including a TD1/TD2 overflow; fillers inside kept, trailing fillers removed.</summary>
    public string DocumentNumber { get; internal init; } = string.Empty;

    /// <summary>The document number's check digit as printed ('&lt;' when absent).</summary>
    public char DocumentNumberCheckDigit { get; internal init; } = '<';

    /// <summary>The personal number's check digit as printed (TD3 only; '&lt;' elsewhere).</summary>
    public char OptionalDataCheckDigit { get; internal init; } = '<';

    /// <summary>Primary identifier (surname), '&lt;' as space.</summary>
    public string Surname { get; internal init; } = string.Empty;

    /// <summary>Secondary identifier (given names), '&lt;' as space.</summary>
    public string GivenNames { get; internal init; } = string.Empty;

    /// <summary>True when the name fills its whole field and may have been cut (ICAO 9303-3 §4.6).</summary>
    public bool NameTruncated { get; internal init; }

    /// <summary>Nationality, fillers removed.</summary>
    public string Nationality { get; internal init; } = string.Empty;

    /// <summary>Date of birth.</summary>
    public MrzDate BirthDate { get; internal init; }

    /// <summary>Date of expiry; <see cref="MrzDate.Printed"/> is empty where the layout has none.</summary>
    public MrzDate ExpiryDate { get; internal init; }

    /// <summary>Sex as printed: M, F, X or '&lt;'.</summary>
    public char Sex { get; internal init; } = '<';

    /// <summary>Personal number (TD3) or optional data (other layouts), fillers removed at the ends.</summary>
    public string OptionalData { get; internal init; } = string.Empty;

    /// <summary>Second optional data field (TD1 line 2), fillers removed at the ends.</summary>
    public string OptionalData2 { get; internal init; } = string.Empty;

    /// <summary>Every error, in the order of the zone.</summary>
    public IReadOnlyList<MrzProblem> Errors { get; internal init; } = [];

    /// <summary>Every warning (expired, truncated name, withdrawn state code, national number disagreement).</summary>
    public IReadOnlyList<MrzProblem> Warnings { get; internal init; } = [];

    /// <summary>Corrections of likely OCR misreads that make a failing check digit pass.</summary>
    public IReadOnlyList<MrzSuggestion> Suggestions { get; internal init; } = [];

    /// <summary>Given names then surname, separated by a space: the holder's name in reading order.</summary>
    public string FullName => (GivenNames.Length, Surname.Length) switch
    {
        (0, _) => Surname,
        (_, 0) => GivenNames,
        _ => GivenNames + " " + Surname,
    };
}
