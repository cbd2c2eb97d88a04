using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maabar.Core.Features.Clearances;

/// <summary>Section <c>Clearances</c>: which clearances need a second person, and what counts as unusually many.</summary>
public sealed class ClearanceOptions
{
    public const string SectionName = "Clearances";

    /// <summary>
    /// The entry categories whose negative decisions issue a clearance only after a supervisor other than the
    /// decider approves it: category names as in <see cref="WatchlistCategory"/>, comma-separated (empty: none).
    /// Default: arrest, foreign terrorist fighter (terrorism) and UN sanctions.
    /// </summary>
    public string FourEyesCategories { get; set; } = "Arrest,ForeignTerroristFighter,UnSanctions";

    /// <summary>
    /// An officer who issued more than this many clearances within <see cref="UnusualWindow"/> appears on the
    /// supervisor's page (default 20 in 24 hours: about ten times what a busy secondary officer issues).
    /// </summary>
    [Range(1, 100_000)]
    public int UnusualClearances { get; set; } = 20;

    /// <summary>The window the count is taken over, ending now (default one day).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00")]
    public TimeSpan UnusualWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The parsed categories, or null when a name is not a category.</summary>
    public IReadOnlySet<WatchlistCategory>? Categories()
    {
        var set = new HashSet<WatchlistCategory>();
        foreach (string name in (FourEyesCategories ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out WatchlistCategory category) || !Enum.IsDefined(category) || int.TryParse(name, out _))
            {
                return null;
            }

            set.Add(category);
        }

        return set;
    }

    /// <summary>True when a negative decision on an entry of <paramref name="category"/> needs a supervisor's approval.</summary>
    public bool NeedsFourEyes(WatchlistCategory category) => Categories()?.Contains(category) ?? true;
}

/// <summary>A clearance waiting for a supervisor's approval: ids, entry and who issued it; no names.</summary>
public sealed record PendingClearanceItem(string Number, Guid EntryId, WatchlistCategory Category, string EntryReference, Guid? HitId, Guid IssuedBy, string IssuedByName, DateTime IssuedUtc);

/// <summary>An officer who issued more clearances than usual in the window.</summary>
public sealed record UnusualIssuer(Guid UserId, string UserName, int Clearances);

/// <summary>The supervisor's page: clearances to approve, and officers issuing unusually many.</summary>
public sealed record ClearanceSupervisionView(IReadOnlyList<PendingClearanceItem> Pending, IReadOnlyList<UnusualIssuer> UnusualIssuers, int Threshold, TimeSpan Window);

/// <summary>
/// What the supervisor looks at: the agency's clearances waiting for approval (oldest first) and the officers of
/// the agency who issued more than <see cref="ClearanceOptions.UnusualClearances"/> clearances in the last
/// <see cref="ClearanceOptions.UnusualWindow"/>. Supervisors only; audited.
/// </summary>
public sealed class ClearanceSupervision(MaabarDbContext db, TimeProvider clock, IOptions<ClearanceOptions> options)
{
    public const int MaxPending = 200;

    public async Task<ClearanceSupervisionView?> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Supervisor))
        {
            return null;
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        ClearanceOptions settings = options.Value;
        var pending = await db.Clearances.AsNoTracking()
            .Where(c => c.Agency == actor.Agency && c.NeedsApproval && c.ApprovedUtc == null && c.RevokedUtc == null)
            .Join(db.WatchlistEntries, c => c.WatchlistEntryId, e => e.Id, (c, e) => new { c.Number, EntryId = e.Id, e.Category, e.Reference, c.HitId, c.IssuedBy, c.IssuedUtc })
            .OrderBy(x => x.IssuedUtc)
            .Take(MaxPending)
            .ToListAsync(cancellationToken);

        DateTime since = nowUtc - settings.UnusualWindow;
        var counts = await db.Clearances.AsNoTracking()
            .Where(c => c.Agency == actor.Agency && c.HitId != null && c.IssuedUtc > since && c.IssuedUtc <= nowUtc)
            .GroupBy(c => c.IssuedBy)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .Where(x => x.Count > settings.UnusualClearances)
            .ToListAsync(cancellationToken);

        Guid[] userIds = [.. pending.Select(p => p.IssuedBy).Concat(counts.Select(c => c.UserId)).Distinct()];
        Dictionary<Guid, string> names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id.ToString(), cancellationToken);
        string Name(Guid id) => names.GetValueOrDefault(id) ?? id.ToString();

        db.Audit(actor, nowUtc, AuditActions.ClearancesSupervised, "clearance", "-", "clearance.supervise",
            string.Create(CultureInfo.InvariantCulture, $"pending={pending.Count};unusual={counts.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return new ClearanceSupervisionView(
            [.. pending.Select(p => new PendingClearanceItem(p.Number, p.EntryId, p.Category, p.Reference, p.HitId, p.IssuedBy, Name(p.IssuedBy), p.IssuedUtc))],
            [.. counts.OrderByDescending(c => c.Count).Select(c => new UnusualIssuer(c.UserId, Name(c.UserId), c.Count))],
            settings.UnusualClearances,
            settings.UnusualWindow);
    }
}

/// <summary>
/// Four eyes on a clearance: a supervisor of the issuing agency, other than the officer who decided, approves a
/// pending clearance (it covers from then on and partners are told) or refuses it with a reason (it is revoked
/// and never covers anything). Audited either way.
/// </summary>
public sealed class ApproveClearance(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public async Task<(ClearanceView? Clearance, string? Error)> HandleAsync(Actor actor, string? number, bool approve, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (Clearance? clearance, string? refused) = await OwnClearances.ForSupervisorAsync(db, actor, number, cancellationToken);
        if (clearance is null)
        {
            return (null, refused);
        }

        if (!clearance.IsPendingApproval)
        {
            return (null, ErrorCodes.ClearanceNotPending);
        }

        if (clearance.IssuedBy == actor.UserId)
        {
            return (null, ErrorCodes.ClearanceFourEyes);
        }

        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return (null, ErrorCodes.ReasonRequired);
        }

        if (reason is { Length: > Adjudication.MaxReasonLength })
        {
            return (null, ErrorCodes.TooLong);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        WatchlistEntry entry = await db.WatchlistEntries.AsNoTracking().SingleAsync(e => e.Id == clearance.WatchlistEntryId, cancellationToken);
        if (approve)
        {
            clearance.ApprovedUtc = nowUtc;
            clearance.ApprovedBy = actor.UserId;
            foreach (string partner in outbox.ClearanceRecipients(entry, actor.Agency))
            {
                outbox.Enqueue(partner, MessageTypes.ClearanceNotice, Snapshots.Notice(clearance), nowUtc);
            }
        }
        else
        {
            clearance.RevokedUtc = nowUtc;
            clearance.RevokedBy = actor.UserId;
            clearance.RevocationReason = reason!.Trim();
        }

        db.Audit(actor, nowUtc, approve ? AuditActions.ClearanceApproved : AuditActions.ClearanceRefused, "clearance", clearance.Id.ToString(), "clearance.approval",
            string.Create(CultureInfo.InvariantCulture, $"entry={clearance.WatchlistEntryId};issuedBy={clearance.IssuedBy};approved={approve}"));
        await db.SaveChangesAsync(cancellationToken);
        return (GetClearance.View(clearance, entry), null);
    }
}
