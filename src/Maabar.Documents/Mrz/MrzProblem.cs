using System.Globalization;
using System.Resources;

namespace Maabar.Documents.Mrz;

/// <summary>
/// One problem found in a machine-readable zone: a stable code (see <see cref="MrzCodes"/>), the field,
/// and where: <see cref="Line"/> and <see cref="Position"/> are 1-based (0 when the problem concerns the
/// whole zone). Immutable.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>mrz.check_digit.mismatch</c>.</param>
/// <param name="Field">The field concerned.</param>
/// <param name="Line">Line, 1-based; 0 for the whole zone.</param>
/// <param name="Position">Column of the first bad character, 1-based; 0 for the whole zone or line.</param>
/// <param name="Expected">What was expected there when it is one value (a check digit); else null.</param>
public sealed record MrzProblem(string Code, MrzField Field, int Line, int Position, string? Expected = null)
{
    private static readonly ResourceManager Messages = new("Maabar.Documents.Resources.MrzMessages", typeof(MrzProblem).Assembly);

    /// <summary>The message for an officer, in <paramref name="culture"/> (Arabic, French or English; others fall back to English).</summary>
    /// <param name="culture">The display culture.</param>
    public string Message(CultureInfo culture)
    {
        string text = Messages.GetString(Code, culture) ?? Code;
        return Expected is null ? text : string.Format(culture, "{0} ({1})", text, Expected);
    }
}

/// <summary>A likely OCR misread whose correction makes a check digit pass. Offered, never applied.</summary>
/// <param name="Field">The field.</param>
/// <param name="Line">Line, 1-based.</param>
/// <param name="Position">Column of the character, 1-based.</param>
/// <param name="Found">The character read.</param>
/// <param name="Suggested">The character that makes the check digit pass.</param>
/// <param name="CorrectedValue">The field's value with the correction.</param>
public sealed record MrzSuggestion(MrzField Field, int Line, int Position, char Found, char Suggested, string CorrectedValue);

/// <summary>The stable problem codes of MRZ parsing.</summary>
public static class MrzCodes
{
    /// <summary>No text was given.</summary>
    public const string Empty = "mrz.empty";

    /// <summary>The lines match no known layout.</summary>
    public const string FormatUnknown = "mrz.format.unknown";

    /// <summary>A character outside A-Z, 0-9 and '&lt;'.</summary>
    public const string CharacterInvalid = "mrz.character.invalid";

    /// <summary>A letter where only digits may stand (dates, check digits).</summary>
    public const string NotNumeric = "mrz.field.not_numeric";

    /// <summary>A digit where only letters may stand (state codes, names).</summary>
    public const string NotAlphabetic = "mrz.field.not_alphabetic";

    /// <summary>The document code does not fit the layout (P for TD3, V for visas, A/C/I for cards).</summary>
    public const string DocumentCodeInvalid = "mrz.document_code.invalid";

    /// <summary>A check digit does not match its field (ICAO 9303-3 §4.9).</summary>
    public const string CheckDigitMismatch = "mrz.check_digit.mismatch";

    /// <summary>A date has an impossible month or day.</summary>
    public const string DateInvalid = "mrz.date.invalid";

    /// <summary>Sex is not M, F, X or '&lt;'.</summary>
    public const string SexInvalid = "mrz.sex.invalid";

    /// <summary>A state code that is neither ISO 3166-1 alpha-3 nor an ICAO 9303 code.</summary>
    public const string StateUnknown = "mrz.state.unknown";

    /// <summary>Warning: an ISO 3166 code withdrawn from use (YUG, SCG, ANT...), still printed on old documents.</summary>
    public const string StateWithdrawn = "mrz.state.withdrawn";

    /// <summary>Warning: the document has expired.</summary>
    public const string Expired = "mrz.document.expired";

    /// <summary>Warning: the name fills its whole field and may be truncated.</summary>
    public const string NameTruncated = "mrz.name.truncated";

    /// <summary>Warning: a national number disagrees with the zone (sex or year of birth).</summary>
    public const string NationalNumberMismatch = "mrz.national_number.mismatch";

    /// <summary>Warning: a national number is malformed.</summary>
    public const string NationalNumberInvalid = "mrz.national_number.invalid";
}
