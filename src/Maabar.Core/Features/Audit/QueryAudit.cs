using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Audit;

/// <summary>
/// Filters for the audit trail; every filter is optional. Times are UTC; <c>Limit</c> is 1 to <see cref="QueryAudit.MaxLimit"/>.
/// <c>Before</c> pages by key: only rows written before the row at that chain position (the last row of the previous page).
/// </summary>
public sealed record AuditQuery(string? Action = null, string? UserName = null, string? EntityType = null, string? EntityId = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Limit = 100, long? Before = null);

public sealed record AuditView(Guid Id, DateTime OccurredUtc, Guid? UserId, string UserName, string Agency, string Action, string EntityType, string EntityId, string Purpose, string? Details, string? SessionId = null, string? ClientAddress = null, long? Position = null);

/// <summary>
/// Reads the audit trail of the actor's agency, newest first (in the order written: the chain's order), one page at
/// a time. Reading the audit trail, and exporting it, is itself audited.
/// </summary>
public sealed class QueryAudit(MaabarDbContext db, TimeProvider clock)
{
    public const int MaxLimit = 500;

    /// <summary>The most rows one export holds; a larger period is exported in several files (narrower dates).</summary>
    public const int MaxExport = 50_000;

    public async Task<IReadOnlyList<AuditView>> HandleAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<AuditView> result = await Read(actor, query, Math.Clamp(query.Limit, 1, MaxLimit), cancellationToken);
        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.AuditRead, "audit", actor.Agency, "audit.query", $"rows={result.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The rows an export file holds (at most <see cref="MaxExport"/>, newest first) and whether more matched. The export
    /// is audited with its filters' shape and its row count (never the rows).
    /// </summary>
    public async Task<(IReadOnlyList<AuditView> Rows, bool Truncated)> ExportAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<AuditView> rows = await Read(actor, query, MaxExport + 1, cancellationToken);
        bool truncated = rows.Count > MaxExport;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.AuditRead, "audit", actor.Agency, "audit.export", $"rows={rows.Count}{(truncated ? " truncated" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        return (rows, truncated);
    }

    private Task<List<AuditView>> Read(Actor actor, AuditQuery query, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
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

        if (query.Before is { } before)
        {
            rows = rows.Where(a => a.ChainPosition < before);
        }

        // Every row is chained in the transaction that writes it, so the chain position is the order of writing,
        // unique and indexed: a stable key for pages however many rows share an instant.
        return rows
            .OrderByDescending(a => a.ChainPosition)
            .Take(take)
            .Select(a => new AuditView(a.Id, a.OccurredUtc, a.UserId, a.UserName, a.Agency, a.Action, a.EntityType, a.EntityId, a.Purpose, a.Details, a.SessionId, a.ClientAddress, a.ChainPosition))
            .ToListAsync(cancellationToken);
    }
}
