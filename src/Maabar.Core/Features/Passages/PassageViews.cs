using Maabar.Names;
using System.Globalization;
using Maabar.Core.Features.Documents;
using Maabar.Documents.Mrz;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Passages;

/// <summary>A passage as the API and UI show it to a user of the owning agency.</summary>
public sealed record PassageView(
    Guid Id,
    PassageDecision Decision,
    string CrossingId,
    string Lane,
    PassageDirection Direction,
    DateTime RecordedUtc,
    Guid OfficerId,
    TravellerView Traveller,
    bool HasMrz,
    IReadOnlyList<HitView> Hits,
    IReadOnlyList<MrzProblemView> MrzWarnings,
    IReadOnlyList<ValidationError> IdentityWarnings,
    IReadOnlyList<ClearedNamesakeView> ClearedNamesakes,
    string? VehiclePlate,
    string? VehicleCountry,
    string? Category = null)
{
    /// <summary>True when the officer must look before waving the traveller through: a hit or any warning.</summary>
    public bool NeedsAttention => Hits.Count > 0 || MrzWarnings.Count > 0 || IdentityWarnings.Count > 0;

    /// <summary>The clearance that stopped a repeat alert, when one did ("cleared namesake, clearance N").</summary>
    public string? ClearanceNumber => ClearedNamesakes.Count > 0 ? ClearedNamesakes[0].ClearanceNumber : null;
}

/// <summary>A hit a namesake clearance suppressed: which entry, which clearance.</summary>
public sealed record ClearedNamesakeView(Guid HitId, Guid EntryId, string ClearanceNumber);

/// <summary>The traveller's identity as recorded.</summary>
public sealed record TravellerView(
    Guid Id,
    string? FullNameArabic,
    string? FullNameLatin,
    string? BirthDate,
    Sex Sex,
    string? Nationality,
    string? FatherName,
    string? GrandfatherName,
    string? MotherName,
    string? NationalNumber,
    string? DocumentNumber);

/// <summary>A hit with the entry's identifying fields, for side-by-side display.</summary>
public sealed record HitView(
    Guid Id,
    Guid EntryId,
    double Score,
    HitBand Band,
    HitStatus Status,
    HitOutcome? Outcome,
    string? ClearanceNumber,
    DateTime? ReplyDueUtc,
    MatchExplanation? Explanation,
    WatchlistCategory Category,
    string OwnerAgency,
    string Reference,
    string? EntryNameArabic,
    string? EntryNameLatin,
    string? EntryBirthDate,
    bool ClearancePendingApproval = false);

internal static class PassageMapping
{
    /// <summary>Passages with what their view shows: traveller and documents, lane, hits and their entries.</summary>
    public static IQueryable<Passage> WithDetails(this IQueryable<Passage> passages) =>
        passages.AsNoTracking()
            .Include(p => p.Traveller!).ThenInclude(t => t.Documents)
            .Include(p => p.Lane)
            .Include(p => p.Hits).ThenInclude(h => h.WatchlistEntry)
            .Include(p => p.Hits).ThenInclude(h => h.Clearance);

    /// <summary>The view of a passage loaded <see cref="WithDetails"/>.</summary>
    public static PassageView ToView(Passage passage) =>
        ToView(passage, passage.Traveller!, passage.Lane!, passage.Hits, passage.Hits.Select(h => h.WatchlistEntry!).DistinctBy(e => e.Id).ToDictionary(e => e.Id));

    public static PassageView ToView(Passage passage, Traveller traveller, Lane lane, IEnumerable<Hit> hits, IReadOnlyDictionary<Guid, WatchlistEntry> entries) => new(
        passage.Id,
        passage.Decision,
        passage.CrossingPointId,
        lane.Code,
        passage.Direction,
        passage.RecordedUtc,
        passage.OfficerId,
        new TravellerView(
            traveller.Id,
            traveller.FullNameArabic,
            traveller.FullNameLatin,
            traveller.BirthDate?.ToString(),
            traveller.Sex,
            traveller.Nationality,
            traveller.FatherName,
            traveller.GrandfatherName,
            traveller.MotherName,
            traveller.NationalNumber,
            passage.DocumentNumber),
        passage.RawMrz is not null,
        [.. hits.Where(h => h.Status != HitStatus.Suppressed).OrderByDescending(h => h.Score).Select(h =>
        {
            WatchlistEntry e = entries[h.WatchlistEntryId];
            return new HitView(h.Id, e.Id, h.Score, h.Band, h.Status, h.Outcome, h.Clearance?.Number, h.ReplyDueUtc, ScreeningDescriptions.Read(h.Explanation), e.Category, e.OwnerAgency, e.Reference, e.FullNameArabic, e.FullNameLatin, e.BirthDate?.ToString(), h.Clearance?.IsPendingApproval ?? false);
        })],
        MrzWarnings(passage),
        IdentityWarnings(passage, traveller),
        [.. hits.Where(h => h.Status == HitStatus.Suppressed && h.Clearance is not null).Select(h => new ClearedNamesakeView(h.Id, h.WatchlistEntryId, h.Clearance!.Number))],
        passage.VehiclePlate,
        passage.VehicleCountry,
        passage.Category);

    /// <summary>National number disagreements, derived from the stored record each time.</summary>
    private static IReadOnlyList<ValidationError> IdentityWarnings(Passage passage, Traveller traveller)
    {
        TravelDocument? document = traveller.Documents.FirstOrDefault(d => d.Number == passage.DocumentNumber);
        TravelDocumentInfo? info = document is null ? null : new TravelDocumentInfo(document.Type, document.Number, document.IssuingState, document.ExpiryDate);
        return IdentityRules.CrossCheckNationalNumber(traveller.NationalNumber, traveller.Nationality, traveller.Sex, traveller.BirthDate, info);
    }

    /// <summary>The stored MRZ's warnings (expired, truncated name...) as of the passage's date, in the current UI language; derived, not stored.</summary>
    private static IReadOnlyList<MrzProblemView> MrzWarnings(Passage passage) =>
        passage.RawMrz is null
            ? []
            : MrzView.Problems(MrzParser.Parse(passage.RawMrz, DateOnly.FromDateTime(passage.RecordedUtc)).Warnings, CultureInfo.CurrentUICulture);
}
