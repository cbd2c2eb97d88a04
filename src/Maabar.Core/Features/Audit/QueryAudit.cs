using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Audit;

/// <summary>Filters for the audit trail; every filter is optional. Times are UTC; <c>Limit</c> is 1 to <see cref="QueryAudit.MaxLimit"/>.</summary>
public sealed record AuditQuery(string? Action = null, string? UserName = null, string? EntityType = null, string? EntityId = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Limit = 100);

public sealed record AuditView(Guid Id, DateTime OccurredUtc, Guid? UserId, string UserName, string Agency, string Action, string EntityType, string EntityId, string Purpose, string? Details, string? SessionId = null, string? ClientAddress = null);

/// <summary>Reads the audit trail of the actor's agency, newest first. Reading the audit trail is itself audited.</summary>
public sealed class QueryAudit(MaabarDbContext db, TimeProvider clock)
{
    public const int MaxLimit = 500;

    public async Task<IReadOnlyList<AuditView>> HandleAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        IQueryable<AuditEntry> rows = db.AuditEntries.AsNoTracking().Where(a => a.Agency == actor.Agency);
        if (!string.IsNullOrEmpty(query.Action))
        {
            rows = rows.Where(a => a.Action == query.Action);
        }

        if (!string.IsNullOrEmpty(query.UserName))
        {
            rows = rows.Where(a => a.UserName == query.UserName);
        }

        if (!string.IsNullOrEmpty(query.EntityType))
        {
            rows = rows.Where(a => a.EntityType == query.EntityType);
        }

        if (!string.IsNullOrEmpty(query.EntityId))
        {
            rows = rows.Where(a => a.EntityId == query.EntityId);
        }

        if (query.FromUtc is { } from)
        {
            rows = rows.Where(a => a.OccurredUtc >= from);
        }

        if (query.ToUtc is { } to)
        {
            rows = rows.Where(a => a.OccurredUtc < to);
        }

        List<AuditView> result = await rows
            .OrderByDescending(a => a.OccurredUtc).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(query.Limit, 1, MaxLimit))
            .Select(a => new AuditView(a.Id, a.OccurredUtc, a.UserId, a.UserName, a.Agency, a.Action, a.EntityType, a.EntityId, a.Purpose, a.Details, a.SessionId, a.ClientAddress))
            .ToListAsync(cancellationToken);

        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.AuditRead, "audit", actor.Agency, "audit.query", $"rows={result.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
