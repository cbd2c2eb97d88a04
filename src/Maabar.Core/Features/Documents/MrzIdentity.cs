using Maabar.Documents.Mrz;
using Maabar.Domain;

namespace Maabar.Core.Features.Documents;

/// <summary>What a valid MRZ says about the holder, as identity input.</summary>
public static class MrzIdentity
{
    /// <summary>
    /// The identity the zone states, with what the officer typed taking precedence field by field. ICAO's
    /// <c>D</c> for Germany becomes <c>DEU</c>; fillers inside a document number are dropped; a partly
    /// unknown date of birth stays partial. The Latin name is given names then surname, except when the zone's
    /// name field is full: the cut is at the end of the MRZ order (surname, then given names), so the name
    /// keeps that order and screening can treat it as a prefix.
    /// </summary>
    /// <param name="typed">What the officer typed, or null.</param>
    /// <param name="mrz">A zone read without errors.</param>
    public static IdentityInput Fill(IdentityInput? typed, MrzResult mrz)
    {
        ArgumentNullException.ThrowIfNull(mrz);
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
        static string? State(string code) => code.Length == 0 ? null : code == "D" ? "DEU" : code;
        string? sex = mrz.Sex is 'M' or 'F' or 'X' ? mrz.Sex.ToString() : null;
        typed ??= new IdentityInput();
        return typed with
        {
            FullNameLatin = Blank(typed.FullNameLatin) ?? Blank(mrz.NameTruncated ? (mrz.Surname + " " + mrz.GivenNames).Trim() : mrz.FullName),
            BirthDate = Blank(typed.BirthDate) ?? mrz.BirthDate.IsoPartial,
            Sex = Blank(typed.Sex) ?? sex,
            Nationality = Blank(typed.Nationality) ?? State(mrz.Nationality),
            DocumentType = Blank(typed.DocumentType) ?? Blank(mrz.DocumentCode),
            DocumentNumber = Blank(typed.DocumentNumber) ?? Blank(mrz.DocumentNumber.Replace("<", string.Empty, StringComparison.Ordinal)),
            DocumentIssuingState = Blank(typed.DocumentIssuingState) ?? State(mrz.IssuingState),
            DocumentExpiryDate = Blank(typed.DocumentExpiryDate) ?? mrz.ExpiryDate.Iso,
        };
    }
}
