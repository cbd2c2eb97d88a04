namespace Maabar.Domain;

/// <summary>
/// An identity as typed or read at the crossing, before validation: every field is raw text and may be
/// null. Field names are those of the API's <c>identity</c> object.
/// </summary>
/// <param name="FullNameArabic">Full name in Arabic script.</param>
/// <param name="FullNameLatin">Full name in Latin letters.</param>
/// <param name="BirthDate"><c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</param>
/// <param name="Sex"><c>M</c>, <c>F</c> or <c>X</c>.</param>
/// <param name="Nationality">ISO 3166-1 alpha-3.</param>
/// <param name="FatherName">Father's given name.</param>
/// <param name="GrandfatherName">Paternal grandfather's given name.</param>
/// <param name="MotherName">Mother's full name.</param>
/// <param name="DocumentType">Document type code (P, I, ...).</param>
/// <param name="DocumentNumber">Document number.</param>
/// <param name="DocumentIssuingState">Issuing state, alpha-3.</param>
/// <param name="DocumentExpiryDate">Expiry date, <c>YYYY-MM-DD</c>.</param>
/// <param name="NationalNumber">National identity number: the Tunisian CIN (8 digits), the Libyan National Number (12 digits), or another state's.</param>
public sealed record IdentityInput(
    string? FullNameArabic = null,
    string? FullNameLatin = null,
    string? BirthDate = null,
    string? Sex = null,
    string? Nationality = null,
    string? FatherName = null,
    string? GrandfatherName = null,
    string? MotherName = null,
    string? DocumentType = null,
    string? DocumentNumber = null,
    string? DocumentIssuingState = null,
    string? DocumentExpiryDate = null,
    string? NationalNumber = null);
