using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Passages;

/// <summary>
/// Reads one passage of the actor's agency with its traveller and hits. Writes audit rows for the
/// passage, the traveller's record and every watchlist entry shown. Another agency's passage is "not found".
/// </summary>
public sealed class GetPassage(MaabarDbContext db, TimeProvider clock)
{
    public async Task<PassageView?> HandleAsync(Actor actor, Guid id, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Passage? passage = await db.Passages.WithDetails()
            .SingleOrDefaultAsync(p => p.Id == id && p.Agency == actor.Agency, cancellationToken);
        if (passage is null)
        {
            return null;
        }

        AuditRead(db, actor, clock.GetUtcNow().UtcDateTime, passage, purpose);
        await db.SaveChangesAsync(cancellationToken);
        return PassageMapping.ToView(passage);
    }

    /// <summary>The read rows of a passage shown whole: the passage, the traveller's record and every entry hit.</summary>
    internal static void AuditRead(MaabarDbContext db, Actor actor, DateTime nowUtc, Passage passage, string purpose)
    {
        db.Audit(actor, nowUtc, AuditActions.PassageRead, "passage", passage.Id.ToString(), purpose);
        db.Audit(actor, nowUtc, AuditActions.TravellerRead, "traveller", passage.TravellerId.ToString(), purpose);
        foreach (Guid entryId in passage.Hits.Select(h => h.WatchlistEntryId).Distinct())
        {
            db.Audit(actor, nowUtc, AuditActions.WatchlistEntryRead, "watchlist-entry", entryId.ToString(), purpose);
        }
    }
}

/// <summary>A passage in a list: no personal data, so listing needs no audit row.</summary>
public sealed record PassageSummary(Guid Id, DateTime RecordedUtc, string CrossingId, string Lane, PassageDirection Direction, PassageDecision Decision, int HitCount);

/// <summary>The latest passages of the actor's agency, newest first.</summary>
public sealed class ListRecentPassages(MaabarDbContext db)
{
    public const int MaxLimit = 200;

    public async Task<IReadOnlyList<PassageSummary>> HandleAsync(Actor actor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        limit = Math.Clamp(limit, 1, MaxLimit);
        return await db.Passages.AsNoTracking()
            .Where(p => p.Agency == actor.Agency)
            .OrderByDescending(p => p.RecordedUtc).ThenByDescending(p => p.Id)
            .Take(limit)
            .Select(p => new PassageSummary(p.Id, p.RecordedUtc, p.CrossingPointId, p.Lane!.Code, p.Direction, p.Decision, p.Hits.Count))
            .ToListAsync(cancellationToken);
    }
}
