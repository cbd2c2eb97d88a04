using System.Globalization;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Federation;

/// <summary>Refusals of one code from one source address over a period: how many, and the last one seen.</summary>
public sealed record RefusedMessageCount(string Code, string Source, int Count, DateTime LastUtc);

/// <summary>
/// What the inbox refused, for the liaison desk. The inbox audits one row per refusal code and source per window,
/// carrying the refusals it held back since the previous row (<see cref="Format"/>); this sums them, so a flood
/// shows as one line with its size rather than as a flood of rows.
/// </summary>
public sealed class RefusedMessages(MaabarDbContext db, TimeProvider clock)
{
    /// <summary>The period the desk shows.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(24);

    /// <summary>Most audit rows read for one answer (each stands for a window of one code and source).</summary>
    public const int MaxRows = 10_000;

    private const string FromPrefix = "from=";
    private const string HeldBackPrefix = "held-back=";

    /// <summary>The details of a refusal's audit row: <c>code;from=source;held-back=N</c>.</summary>
    public static string Format(string code, string source, int heldBack) =>
        string.Create(CultureInfo.InvariantCulture, $"{code};{FromPrefix}{source};{HeldBackPrefix}{heldBack}");

    /// <summary>Reads what <see cref="Format"/> wrote; false for anything else.</summary>
    public static bool TryParse(string? details, out string code, out string source, out int heldBack)
    {
        code = source = string.Empty;
        heldBack = 0;
        string[] parts = details?.Split(';') ?? [];
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].StartsWith(FromPrefix, StringComparison.Ordinal) || !parts[2].StartsWith(HeldBackPrefix, StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(HeldBackPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out heldBack))
        {
            return false;
        }

        code = parts[0];
        source = parts[1][FromPrefix.Length..];
        return true;
    }

    /// <summary>
    /// Refusals of the last <see cref="Period"/> per code and source, most recent first; liaison officers and
    /// supervisors only (empty for others). <paramref name="notYetAudited"/> adds the refusals the inbox counted
    /// in its open windows but has not written yet (they are written with the next row of their code and source).
    /// </summary>
    public async Task<IReadOnlyList<RefusedMessageCount>> LastPeriodAsync(Actor actor, IEnumerable<(string Code, string Source, int Count)> notYetAudited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(notYetAudited);
        if (!LiaisonDesk.MayUse(actor))
        {
            return [];
        }

        DateTime since = clock.GetUtcNow().UtcDateTime - Period;
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.FederationRejected && a.OccurredUtc >= since)
            .OrderByDescending(a => a.OccurredUtc).Take(MaxRows)
            .Select(a => new { a.Details, a.OccurredUtc })
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<(string Code, string Source), (int Count, DateTime Last)>();
        foreach (var row in rows)
        {
            if (!TryParse(row.Details, out string code, out string source, out int heldBack))
            {
                continue;
            }

            (int count, DateTime last) = counts.GetValueOrDefault((code, source));
            counts[(code, source)] = (count + 1 + heldBack, row.OccurredUtc > last ? row.OccurredUtc : last);
        }

        foreach ((string code, string source, int count) in notYetAudited)
        {
            // A window is open only after its first refusal was audited, so the key is already counted above.
            if (counts.TryGetValue((code, source), out (int Count, DateTime Last) seen))
            {
                counts[(code, source)] = (seen.Count + count, seen.Last);
            }
        }

        return [.. counts.Select(c => new RefusedMessageCount(c.Key.Code, c.Key.Source, c.Value.Count, c.Value.Last))
            .OrderByDescending(c => c.LastUtc).ThenBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Source, StringComparer.Ordinal)];
    }
}
