using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Clearances;

/// <summary>A clearance's public status: all a traveller learns from the public page.</summary>
public enum ClearanceStatus
{
    Valid,
    Revoked,
    Unknown,
}

/// <summary>A namesake clearance as staff see it (and as the printed slip shows it).</summary>
public sealed record ClearanceView(
    string Number,
    ClearanceStatus Status,
    string Agency,
    DateTime IssuedUtc,
    Guid EntryId,
    string EntryOwnerAgency,
    string EntryReference,
    int EntryVersion,
    bool CoversCurrentEntryVersion,
    string DocumentNumber,
    string IssuingState,
    string? BirthDate,
    string? FullNameArabic,
    string? FullNameLatin,
    DateTime? RevokedUtc,
    string? RevocationReason,
    bool PendingApproval = false,
    DateTime? ApprovedUtc = null,
    string? IssuedBy = null,
    string? CrossingId = null);

/// <summary>
/// The public check: a number and the holder's date of birth give valid, revoked or unknown, and nothing
/// else. A wrong date of birth answers exactly like a number that does not exist. Every check is audited.
/// </summary>
public sealed class CheckClearance(MaabarDbContext db, TimeProvider clock)
{
    public async Task<ClearanceStatus> HandleAsync(Actor actor, string? number, string? birthDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        string? normalized = ClearanceNumbers.Normalize(number);
        ClearanceStatus status = ClearanceStatus.Unknown;
        Clearance? clearance = null;
        if (normalized is not null && birthDate is not null && PartialDate.TryParse(birthDate.Trim(), out PartialDate date) is null)
        {
            clearance = await db.Clearances.AsNoTracking().SingleOrDefaultAsync(c => c.Number == normalized, cancellationToken);
            // A clearance waiting for a supervisor's approval is not yet one the traveller can rely on.
            if (clearance is not null && clearance.BirthDate == date && !clearance.IsPendingApproval)
            {
                status = clearance.IsValid ? ClearanceStatus.Valid : ClearanceStatus.Revoked;
            }
        }

        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.ClearanceChecked, "clearance",
            status == ClearanceStatus.Unknown ? "-" : clearance!.Id.ToString(), "clearance.public-check", status.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return status;
    }
}

/// <summary>
/// Reads a clearance for staff (the slip, the details page): the issuing agency's users, and users of an
/// agency that may see the entry, since both sides honour it. Audited.
/// </summary>
public sealed class GetClearance(MaabarDbContext db, TimeProvider clock)
{
    public async Task<ClearanceView?> HandleAsync(Actor actor, string? number, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        string? normalized = ClearanceNumbers.Normalize(number);
        if (normalized is null)
        {
            return null;
        }

        Clearance? clearance = await db.Clearances.AsNoTracking().SingleOrDefaultAsync(c => c.Number == normalized, cancellationToken);
        if (clearance is null)
        {
            return null;
        }

        WatchlistEntry entry = await db.WatchlistEntries.AsNoTracking().SingleAsync(e => e.Id == clearance.WatchlistEntryId, cancellationToken);
        if (clearance.Agency != actor.Agency && !entry.IsVisibleTo(actor.Agency))
        {
            return null;
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        db.Audit(actor, nowUtc, AuditActions.ClearanceRead, "clearance", clearance.Id.ToString(), purpose);
        if (clearance.TravellerId is { } traveller)
        {
            db.Audit(actor, nowUtc, AuditActions.TravellerRead, "traveller", traveller.ToString(), purpose);
        }
        await db.SaveChangesAsync(cancellationToken);

        // The slip names where and by whom it was issued; the officer's account only to the issuing agency.
        string? issuedBy = clearance.Agency == actor.Agency
            ? await db.Users.AsNoTracking().Where(u => u.Id == clearance.IssuedBy).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken)
            : null;
        string? crossing = clearance.HitId is { } hitId
            ? await db.Hits.AsNoTracking().Where(h => h.Id == hitId).Join(db.Passages, h => h.PassageId, p => p.Id, (h, p) => p.CrossingPointId).SingleOrDefaultAsync(cancellationToken)
            : null;
        return View(clearance, entry) with { IssuedBy = issuedBy, CrossingId = crossing };
    }

    internal static ClearanceView View(Clearance c, WatchlistEntry entry) => new(
        c.Number,
        c.IsValid ? ClearanceStatus.Valid : ClearanceStatus.Revoked,
        c.Agency,
        c.IssuedUtc,
        entry.Id,
        entry.OwnerAgency,
        entry.Reference,
        c.EntryVersion,
        c.EntryVersion == entry.Version && entry.WithdrawnUtc is null,
        c.DocumentNumber,
        c.IssuingState,
        c.BirthDate?.ToString(),
        c.FullNameArabic,
        c.FullNameLatin,
        c.RevokedUtc,
        c.RevocationReason,
        c.IsPendingApproval,
        c.ApprovedUtc);
}

/// <summary>
/// The clearance with the given number of the actor's own agency, for a supervisor to act on; else
/// the refusal: not found (another agency's number tells nothing), then forbidden for anyone but a supervisor.
/// </summary>
internal static class OwnClearances
{
    public static async Task<(Clearance? Clearance, string? Error)> ForSupervisorAsync(MaabarDbContext db, Actor actor, string? number, CancellationToken cancellationToken)
    {
        string? normalized = ClearanceNumbers.Normalize(number);
        Clearance? clearance = normalized is null ? null
            : await db.Clearances.SingleOrDefaultAsync(c => c.Number == normalized && c.Agency == actor.Agency, cancellationToken);
        return clearance is null ? (null, ErrorCodes.ClearanceNotFound)
            : !actor.IsInRole(Roles.Supervisor) ? (null, ErrorCodes.Forbidden)
            : (clearance, null);
    }
}

/// <summary>A supervisor of the issuing agency revokes a clearance, with a reason; the next screening alerts again.</summary>
public sealed class RevokeClearance(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public async Task<(ClearanceView? Clearance, string? Error)> HandleAsync(Actor actor, string? number, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (Clearance? clearance, string? refused) = await OwnClearances.ForSupervisorAsync(db, actor, number, cancellationToken);
        if (clearance is null)
        {
            return (null, refused);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, ErrorCodes.ReasonRequired);
        }

        if (reason.Length > Adjudication.MaxReasonLength)
        {
            return (null, ErrorCodes.TooLong);
        }

        if (!clearance.IsValid)
        {
            return (null, ErrorCodes.ClearanceAlreadyRevoked);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        clearance.RevokedUtc = nowUtc;
        clearance.RevokedBy = actor.UserId;
        clearance.RevocationReason = reason.Trim();
        db.Audit(actor, nowUtc, AuditActions.ClearanceRevoked, "clearance", clearance.Id.ToString(), "clearance.revoke",
            string.Create(CultureInfo.InvariantCulture, $"entry={clearance.WatchlistEntryId}"));
        WatchlistEntry entry = await db.WatchlistEntries.AsNoTracking().SingleAsync(e => e.Id == clearance.WatchlistEntryId, cancellationToken);
        foreach (string partner in outbox.ClearanceRecipients(entry, actor.Agency))
        {
            outbox.Enqueue(partner, MessageTypes.ClearanceRevoked, new ClearanceRevokedPayload(clearance.Number, nowUtc, clearance.RevocationReason), nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (GetClearance.View(clearance, entry), null);
    }
}

/// <summary>
/// The owner's liaison desk decides a partner's clearance on one of its entries: accepted, it covers the
/// namesake here too; refused, it is revoked with the reason and never covers anything. Until then it is a
/// proposal. Liaison officers and supervisors of the owning agency only; audited.
/// </summary>
public sealed class DecideClearanceProposal(MaabarDbContext db, TimeProvider clock)
{
    public async Task<(ClearanceView? Clearance, string? Error)> HandleAsync(Actor actor, string? number, bool accept, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        string? normalized = ClearanceNumbers.Normalize(number);
        Clearance? clearance = normalized is null ? null : await db.Clearances.SingleOrDefaultAsync(c => c.Number == normalized, cancellationToken);
        WatchlistEntry? entry = clearance is null ? null : await db.WatchlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == clearance.WatchlistEntryId, cancellationToken);
        if (clearance is null || entry is null || entry.OwnerAgency != actor.Agency || clearance.Agency == actor.Agency)
        {
            return (null, ErrorCodes.ClearanceNotFound);
        }

        if (!actor.IsInRole(Roles.LiaisonOfficer) && !actor.IsInRole(Roles.Supervisor))
        {
            return (null, ErrorCodes.Forbidden);
        }

        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return (null, ErrorCodes.ReasonRequired);
        }

        if (reason is { Length: > Adjudication.MaxReasonLength })
        {
            return (null, ErrorCodes.TooLong);
        }

        if (!clearance.IsValid || clearance.AcceptedUtc is not null)
        {
            return (null, ErrorCodes.ClearanceAlreadyRevoked);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        if (accept)
        {
            clearance.AcceptedUtc = nowUtc;
            clearance.AcceptedBy = actor.UserId;
        }
        else
        {
            clearance.RevokedUtc = nowUtc;
            clearance.RevokedBy = actor.UserId;
            clearance.RevocationReason = reason!.Trim();
        }

        db.Audit(actor, nowUtc, accept ? AuditActions.ClearanceAccepted : AuditActions.ClearanceRevoked, "clearance", clearance.Id.ToString(), "clearance.proposal",
            string.Create(CultureInfo.InvariantCulture, $"entry={clearance.WatchlistEntryId};from={clearance.Agency};accepted={accept}"));
        await db.SaveChangesAsync(cancellationToken);
        return (GetClearance.View(clearance, entry), null);
    }
}
