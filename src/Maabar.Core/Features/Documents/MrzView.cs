using System.Globalization;
using Maabar.Documents.Mrz;

namespace Maabar.Core.Features.Documents;

/// <summary>A problem in a zone as the API and the CLI write it; positions are 1-based.</summary>
public sealed record MrzProblemView(string Code, string Field, int Line, int Position, string Message, string? Expected);

/// <summary>A suggested OCR correction (never applied by Maabar).</summary>
public sealed record MrzSuggestionView(string Field, int Line, int Position, string Found, string Suggested, string CorrectedValue);

/// <summary>
/// A parsed zone in the CLI's and the API's JSON shape (the <c>maabar mrz parse</c> contract): dates as
/// printed (YYMMDD) and as ISO dates where resolvable, every error and warning with its position.
/// </summary>
public sealed record MrzView(
    string Format,
    bool Valid,
    string DocumentCode,
    string IssuingState,
    string DocumentNumber,
    string Surname,
    string GivenNames,
    string Nationality,
    string BirthDate,
    string Sex,
    string? ExpiryDate,
    string? BirthDateIso,
    string? ExpiryDateIso,
    string OptionalData,
    string OptionalData2,
    bool NameTruncated,
    IReadOnlyList<MrzProblemView> Errors,
    IReadOnlyList<MrzProblemView> Warnings,
    IReadOnlyList<MrzSuggestionView> Suggestions,
    IReadOnlyList<string> Lines)
{
    /// <summary>The view of <paramref name="result"/> with messages in <paramref name="culture"/>.</summary>
    public static MrzView From(MrzResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MrzView(
            MrzFormatNames.Of(result.Format),
            result.IsValid,
            result.DocumentCode,
            result.IssuingState,
            result.DocumentNumber,
            result.Surname,
            result.GivenNames,
            result.Nationality,
            result.BirthDate.Printed,
            result.Sex.ToString(),
            string.IsNullOrEmpty(result.ExpiryDate.Printed) ? null : result.ExpiryDate.Printed,
            result.BirthDate.Iso,
            result.ExpiryDate.Iso,
            result.OptionalData,
            result.OptionalData2,
            result.NameTruncated,
            Problems(result.Errors, culture),
            Problems(result.Warnings, culture),
            [.. result.Suggestions.Select(s => new MrzSuggestionView(FieldName(s.Field), s.Line, s.Position, s.Found.ToString(), s.Suggested.ToString(), s.CorrectedValue))],
            result.Lines);
    }

    public static IReadOnlyList<MrzProblemView> Problems(IEnumerable<MrzProblem> problems, CultureInfo culture) =>
        [.. problems.Select(p => new MrzProblemView(p.Code, FieldName(p.Field), p.Line, p.Position, p.Message(culture), p.Expected))];

    /// <summary>The field in camelCase (<c>birthDateCheckDigit</c>).</summary>
    public static string FieldName(MrzField field)
    {
        string name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
