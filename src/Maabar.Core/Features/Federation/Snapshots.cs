using Maabar.Domain;

namespace Maabar.Core.Features.Federation;

internal static class Snapshots
{
    public static TravellerSnapshot Of(Traveller traveller, TravelDocumentInfo? document) => Of(traveller, document?.Number, document?.IssuingState);

    public static TravellerSnapshot Of(Traveller traveller, TravelDocument? document) => Of(traveller, document?.Number, document?.IssuingState);

    private static TravellerSnapshot Of(Traveller traveller, string? documentNumber, string? issuingState) => new(
        traveller.FullNameArabic,
        traveller.FullNameLatin,
        traveller.BirthDate?.ToString(),
        traveller.Sex,
        traveller.Nationality,
        traveller.FatherName,
        documentNumber,
        issuingState);

    public static ClearanceNoticePayload Notice(Clearance c) => new(
        c.Number, c.Agency, c.WatchlistEntryId, c.EntryVersion, c.DocumentNumber, c.IssuingState, c.BirthDate?.ToString(), c.IssuedUtc);
}
