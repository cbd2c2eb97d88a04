namespace Maabar.Domain;

/// <summary>A travel or identity document as presented: type, number, issuing state, expiry.</summary>
/// <param name="Type">Document type: <c>P</c> passport, <c>I</c> identity card, <c>V</c> visa, or another ICAO code; 1 to 2 characters.</param>
/// <param name="Number">Document number as printed, upper-case, without spaces; 1 to <see cref="IdentityRules.MaxDocumentNumberLength"/> characters.</param>
/// <param name="IssuingState">ISO 3166-1 alpha-3 or ICAO 9303 code of the issuer.</param>
/// <param name="ExpiryDate">Expiry date, when known.</param>
public sealed record TravelDocumentInfo(string Type, string Number, string IssuingState, DateOnly? ExpiryDate);
