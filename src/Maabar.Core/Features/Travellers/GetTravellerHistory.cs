using Maabar.Core.Data;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Travellers;

/// <summary>One passage of a traveller's history.</summary>
public sealed record TravellerPassage(Guid Id, DateTime RecordedUtc, string CrossingId, string Lane, PassageDirection Direction, PassageDecision Decision, int Hits);

/// <summary>One hit of a traveller's history: which entry, how strong, what was decided.</summary>
public sealed record TravellerHit(Guid Id, Guid PassageId, DateTime CreatedUtc, Guid EntryId, string EntryReference, string EntryOwner, HitBand Band, HitStatus Status, HitOutcome? Outcome, string? ClearanceNumber);

/// <summary>A traveller's record with every passage and hit of the agency, newest first.</summary>
public sealed record TravellerHistory(TravellerView Traveller, IReadOnlyList<string> Documents, IReadOnlyList<TravellerPassage> Passages, IReadOnlyList<TravellerHit> Hits, bool Truncated);

/// <summary>
/// A traveller's history at the actor's agency: identity, documents, passages and hits (the newest
/// <see cref="MaxRows"/> of each). Audited as a read of the traveller's record and of every entry shown. Another
/// agency's traveller is "not found".
/// </summary>
public sealed class GetTravellerHistory(MaabarDbContext db, TimeProvider clock)
{
    /// <summary>The most passages (and hits) one page shows.</summary>
    public const int MaxRows = 200;

    public async Task<TravellerHistory?> HandleAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Traveller? traveller = await db.Travellers.AsNoTracking().Include(t => t.Documents)
            .SingleOrDefaultAsync(t => t.Id == id && t.Agency == actor.Agency, cancellationToken);
        if (traveller is null)
        {
            return null;
        }

        List<TravellerPassage> passages = await db.Passages.AsNoTracking()
            .Where(p => p.TravellerId == id && p.Agency == actor.Agency)
            .OrderByDescending(p => p.RecordedUtc).ThenByDescending(p => p.Id)
            .Take(MaxRows + 1)
            .Select(p => new TravellerPassage(p.Id, p.RecordedUtc, p.CrossingPointId, p.Lane!.Code, p.Direction, p.Decision, p.Hits.Count))
            .ToListAsync(cancellationToken);
        List<TravellerHit> hits = await db.Hits.AsNoTracking()
            .Where(h => db.Passages.Any(p => p.Id == h.PassageId && p.TravellerId == id && p.Agency == actor.Agency))
            .OrderByDescending(h => h.CreatedUtc).ThenByDescending(h => h.Id)
            .Take(MaxRows + 1)
            .Select(h => new TravellerHit(h.Id, h.PassageId, h.CreatedUtc, h.WatchlistEntryId, h.WatchlistEntry!.Reference, h.WatchlistEntry.OwnerAgency, h.Band, h.Status, h.Outcome, h.Clearance == null ? null : h.Clearance.Number))
            .ToListAsync(cancellationToken);
        bool truncated = passages.Count > MaxRows || hits.Count > MaxRows;
        passages = [.. passages.Take(MaxRows)];
        hits = [.. hits.Take(MaxRows)];

        DateTime now = clock.GetUtcNow().UtcDateTime;
        db.Audit(actor, now, AuditActions.TravellerRead, "traveller", id.ToString(), "ui.traveller.history", $"passages={passages.Count} hits={hits.Count}");
        foreach (Guid entryId in hits.Select(h => h.EntryId).Distinct())
        {
            db.Audit(actor, now, AuditActions.WatchlistEntryRead, "watchlist-entry", entryId.ToString(), "ui.traveller.history");
        }

        await db.SaveChangesAsync(cancellationToken);
        TravellerView view = new(traveller.Id, traveller.FullNameArabic, traveller.FullNameLatin, traveller.BirthDate?.ToString(), traveller.Sex, traveller.Nationality,
            traveller.FatherName, traveller.GrandfatherName, traveller.MotherName, traveller.NationalNumber, traveller.Documents.FirstOrDefault()?.Number);
        return new TravellerHistory(view, [.. traveller.Documents.Select(d => $"{d.Number} ({d.IssuingState})")], passages, hits, truncated);
    }
}
