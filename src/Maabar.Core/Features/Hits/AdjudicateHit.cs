using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Hits;

/// <summary>A hit's adjudication state, as the decision and confirmation endpoints answer.</summary>
public sealed record HitDecisionView(
    Guid Id,
    Guid PassageId,
    HitStatus Status,
    HitOutcome? Outcome,
    DateTime? DecidedUtc,
    double? SecondsToDecision,
    DateTime? ReplyDueUtc,
    bool Confirmed,
    string? ClearanceNumber,
    bool ClearancePendingApproval = false);

/// <summary>The closed set of outcomes of an adjudication step.</summary>
public enum AdjudicationOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>What an adjudication step did.</summary>
public sealed record AdjudicationResult(AdjudicationOutcome Outcome, HitDecisionView? Hit = null, string? Code = null, IReadOnlyList<ValidationError>? Errors = null)
{
    internal static AdjudicationResult Failed(AdjudicationOutcome outcome, string code, string? field = null) =>
        new(outcome, Code: code, Errors: field is null ? null : [new ValidationError(code, field)]);
}

/// <summary>
/// Decides a hit (secondary inspection): positive, negative or inconclusive, with a reason. A negative
/// decision on a passage where a document was presented issues a namesake clearance bound to that
/// document, the traveller's date of birth and the entry's version. The officers of the passage's agency
/// decide referred hits; the liaison desk records the owner's answer on inconclusive ones.
/// </summary>
/// <remarks>
/// On an entry of a category under four eyes (<see cref="Clearances.ClearanceOptions.FourEyesCategories"/>) the
/// clearance is issued pending: it covers nothing, and partners hear of it, only once a supervisor other than
/// the decider approves it (<see cref="Clearances.ApproveClearance"/>).
/// </remarks>
public sealed class DecideHit(MaabarDbContext db, TimeProvider clock, Outbox outbox, Microsoft.Extensions.Options.IOptions<Clearances.ClearanceOptions> clearanceOptions)
{
    public async Task<AdjudicationResult> HandleAsync(Actor actor, Guid hitId, string? outcome, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        HitOutcome? parsed = outcome?.Trim().ToUpperInvariant() switch
        {
            "POSITIVE" => HitOutcome.Positive,
            "NEGATIVE" => HitOutcome.Negative,
            "INCONCLUSIVE" => HitOutcome.Inconclusive,
            _ => null,
        };
        if (parsed is null)
        {
            return AdjudicationResult.Failed(AdjudicationOutcome.Invalid, outcome is null ? ErrorCodes.Required : ErrorCodes.OutcomeInvalid, "outcome");
        }

        Hit? hit = await db.Hits.Include(h => h.WatchlistEntry)
            .Where(h => h.Id == hitId && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == actor.Agency))
            .SingleOrDefaultAsync(cancellationToken);
        if (hit is null)
        {
            return AdjudicationResult.Failed(AdjudicationOutcome.NotFound, ErrorCodes.HitNotFound);
        }

        bool mayDecide = hit.Status == HitStatus.AwaitingOwner
            ? actor.IsInRole(Roles.LiaisonOfficer) || actor.IsInRole(Roles.Supervisor)
            : actor.IsInRole(Roles.Officer) || actor.IsInRole(Roles.Supervisor);
        if (!mayDecide)
        {
            return AdjudicationResult.Failed(AdjudicationOutcome.Forbidden, ErrorCodes.Forbidden);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        string? error = Adjudication.Decide(hit, parsed.Value, reason, actor.UserId, nowUtc);
        if (error is not null)
        {
            return error == ErrorCodes.HitNotDecidable
                ? AdjudicationResult.Failed(AdjudicationOutcome.Conflict, error)
                : AdjudicationResult.Failed(AdjudicationOutcome.Invalid, error, "reason");
        }

        string purpose = "hit.decide";
        db.Audit(actor, nowUtc, AuditActions.HitDecided, "hit", hit.Id.ToString(), purpose,
            string.Create(CultureInfo.InvariantCulture, $"outcome={parsed};entry={hit.WatchlistEntryId};seconds={hit.TimeToDecision!.Value.TotalSeconds:0}"));

        if (parsed == HitOutcome.Inconclusive && hit.WatchlistEntry!.OwnerAgency != actor.Agency)
        {
            // A partner's entry: the owner is asked, with a reply due in 12 hours.
            Passage asked = await db.Passages.AsNoTracking().Include(p => p.Traveller!).ThenInclude(t => t.Documents).SingleAsync(p => p.Id == hit.PassageId, cancellationToken);
            TravelDocument? shown = asked.Traveller!.Documents.FirstOrDefault(d => d.Number == asked.DocumentNumber);
            outbox.Enqueue(hit.WatchlistEntry.OwnerAgency, MessageTypes.RequestForInformation, new RequestPayload(
                hit.Id, hit.WatchlistEntryId, hit.WatchlistEntry.Reference, hit.EntryVersion, asked.CrossingPointId, Snapshots.Of(asked.Traveller, shown), "Is this traveller the listed person?"), nowUtc);
        }

        Clearance? clearance = null;
        if (parsed == HitOutcome.Negative)
        {
            Passage passage = await db.Passages.AsNoTracking().SingleAsync(p => p.Id == hit.PassageId, cancellationToken);
            clearance = await IssueClearanceAsync(actor, hit, passage, nowUtc, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AdjudicationResult(AdjudicationOutcome.Done, HitViews.Decision(hit, clearance?.Number, clearance?.IsPendingApproval ?? false));
    }

    private async Task<Clearance?> IssueClearanceAsync(Actor actor, Hit hit, Passage passage, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // A clearance needs the identity the officer checked: the document presented and the date of birth.
        Traveller traveller = await db.Travellers.Include(t => t.Documents).SingleAsync(t => t.Id == passage.TravellerId, cancellationToken);
        TravelDocument? document = traveller.Documents.FirstOrDefault(d => d.Number == passage.DocumentNumber);
        if (document is null || traveller.BirthDate is null)
        {
            return null;
        }

        bool fourEyes = clearanceOptions.Value.NeedsFourEyes(hit.WatchlistEntry!.Category);
        var clearance = Clearance.Issue(actor.Agency, hit, hit.WatchlistEntry.Version, traveller, document, actor.UserId, nowUtc, fourEyes);
        db.Clearances.Add(clearance);
        hit.ClearanceId = clearance.Id;
        if (!fourEyes)
        {
            // Under four eyes, partners are told on approval: a pending clearance is nothing to honour.
            foreach (string partner in outbox.ClearanceRecipients(hit.WatchlistEntry, actor.Agency))
            {
                outbox.Enqueue(partner, MessageTypes.ClearanceNotice, Snapshots.Notice(clearance), nowUtc);
            }
        }

        db.Audit(actor, nowUtc, AuditActions.ClearanceIssued, "clearance", clearance.Id.ToString(), "hit.decide",
            string.Create(CultureInfo.InvariantCulture, $"hit={hit.Id};entry={hit.WatchlistEntryId};version={clearance.EntryVersion};pendingApproval={fourEyes}"));
        return clearance;
    }
}

/// <summary>A supervisor confirms (or sends back) a positive decision taken by someone else: four eyes.</summary>
/// <remarks>
/// A confirmed positive on a partner's entry tells the owner who the traveller is (the referral told it only
/// which entry was hit).
/// </remarks>
public sealed class ConfirmHit(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public async Task<AdjudicationResult> HandleAsync(Actor actor, Guid hitId, bool confirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Hit? hit = await db.Hits
            .Where(h => h.Id == hitId && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == actor.Agency))
            .SingleOrDefaultAsync(cancellationToken);
        if (hit is null)
        {
            return AdjudicationResult.Failed(AdjudicationOutcome.NotFound, ErrorCodes.HitNotFound);
        }

        if (!actor.IsInRole(Roles.Supervisor))
        {
            return AdjudicationResult.Failed(AdjudicationOutcome.Forbidden, ErrorCodes.Forbidden);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        string? error = Adjudication.Confirm(hit, confirmed, actor.UserId, nowUtc);
        if (error is not null)
        {
            return AdjudicationResult.Failed(error == ErrorCodes.FourEyes ? AdjudicationOutcome.Forbidden : AdjudicationOutcome.Conflict, error);
        }

        db.Audit(actor, nowUtc, AuditActions.HitConfirmed, "hit", hit.Id.ToString(), "hit.confirm", confirmed ? "confirmed" : "sent-back");
        if (confirmed)
        {
            WatchlistEntry entry = await db.WatchlistEntries.AsNoTracking().SingleAsync(e => e.Id == hit.WatchlistEntryId, cancellationToken);
            if (entry.OwnerAgency != actor.Agency)
            {
                Passage passage = await db.Passages.AsNoTracking().Include(p => p.Traveller!).ThenInclude(t => t.Documents).SingleAsync(p => p.Id == hit.PassageId, cancellationToken);
                TravelDocument? shown = passage.Traveller!.Documents.FirstOrDefault(d => d.Number == passage.DocumentNumber);
                outbox.Enqueue(entry.OwnerAgency, MessageTypes.HitNotification, new HitNotificationPayload(
                    hit.Id, entry.Id, entry.Reference, hit.EntryVersion, passage.CrossingPointId, hit.CreatedUtc, hit.Score, hit.Band,
                    Snapshots.Of(passage.Traveller, shown), HitActions.ConfirmedPositive), nowUtc);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AdjudicationResult(AdjudicationOutcome.Done, HitViews.Decision(hit, null));
    }
}

/// <summary>A hit in a queue: ids, scores and the entry's category and reference, no names.</summary>
public sealed record HitQueueItem(
    Guid Id,
    Guid PassageId,
    Guid EntryId,
    double Score,
    HitBand Band,
    HitStatus Status,
    HitOutcome? Outcome,
    WatchlistCategory Category,
    string OwnerAgency,
    string Reference,
    string CrossingId,
    DateTime CreatedUtc,
    DateTime? ReplyDueUtc,
    bool Overdue);

/// <summary>
/// The hits of the actor's agency in one state, oldest first: the secondary queue (open), the
/// supervisor's (awaiting-confirmation), the liaison desk's (awaiting-owner, reply due in 12 hours;
/// overdue first), or the decided ones (closed).
/// </summary>
public sealed class ListHits(MaabarDbContext db, TimeProvider clock)
{
    public const int MaxLimit = 500;

    /// <summary>The status as the API spells it, or null when unknown.</summary>
    public static HitStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => HitStatus.Open,
        "awaiting-confirmation" => HitStatus.AwaitingConfirmation,
        "awaiting-owner" => HitStatus.AwaitingOwner,
        "closed" => HitStatus.Closed,
        "suppressed" => HitStatus.Suppressed,
        _ => null,
    };

    public async Task<IReadOnlyList<HitQueueItem>> HandleAsync(Actor actor, HitStatus status, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        limit = Math.Clamp(limit, 1, MaxLimit);
        List<HitQueueItem> items = await db.Hits.AsNoTracking()
            .Join(db.Passages, h => h.PassageId, p => p.Id, (h, p) => new { Hit = h, Passage = p })
            .Where(x => x.Passage.Agency == actor.Agency && x.Hit.Status == status)
            .OrderBy(x => x.Hit.CreatedUtc)
            .Take(limit)
            .Select(x => new HitQueueItem(
                x.Hit.Id, x.Hit.PassageId, x.Hit.WatchlistEntryId, x.Hit.Score, x.Hit.Band, x.Hit.Status, x.Hit.Outcome,
                x.Hit.WatchlistEntry!.Category, x.Hit.WatchlistEntry.OwnerAgency, x.Hit.WatchlistEntry.Reference,
                x.Passage.CrossingPointId, x.Hit.CreatedUtc, x.Hit.ReplyDueUtc, false))
            .ToListAsync(cancellationToken);
        db.Audit(actor, nowUtc, AuditActions.HitsListed, "hit", status.ToString(), "hits.list", string.Create(CultureInfo.InvariantCulture, $"count={items.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return [.. items
            .Select(i => i with { Overdue = Adjudication.IsOverdue(i.Status, i.ReplyDueUtc, nowUtc) })
            .OrderByDescending(i => i.Overdue)
            .ThenBy(i => i.CreatedUtc)];
    }
}

internal static class HitViews
{
    public static HitDecisionView Decision(Hit hit, string? clearanceNumber, bool clearancePending = false) => new(
        hit.Id,
        hit.PassageId,
        hit.Status,
        hit.Outcome,
        hit.DecidedUtc,
        hit.TimeToDecision?.TotalSeconds,
        hit.ReplyDueUtc,
        hit.ConfirmedUtc is not null,
        clearanceNumber,
        clearancePending);
}
