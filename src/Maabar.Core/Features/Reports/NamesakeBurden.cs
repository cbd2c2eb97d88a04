using System.Globalization;
using System.Text;
using Maabar.Core.Data;
using Maabar.Core.Tables;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Reports;

/// <summary>
/// One entry's line in the namesake-burden report: how often it stopped someone, how often that someone
/// was a namesake, how long deciding took, how many repeat stops clearances avoided, and which identifiers
/// the entry lacks. No names: the report is for list owners and the committee.
/// </summary>
public sealed record NamesakeBurdenRow(
    Guid EntryId,
    string OwnerAgency,
    string Reference,
    WatchlistCategory Category,
    int Hits,
    int Negatives,
    int Positives,
    int Inconclusive,
    int Undecided,
    int RepeatStopsAvoided,
    int ClearancesIssued,
    double? MedianMinutesToDecision,
    IReadOnlyList<string> MissingIdentifiers)
{
    /// <summary>Share of decided hits that were namesakes.</summary>
    public double NamesakeRate => Negatives + Positives + Inconclusive == 0 ? 0 : (double)Negatives / (Negatives + Positives + Inconclusive);
}

/// <summary>
/// The namesake-burden report over the entries the actor's agency may see: entries that stop many
/// namesakes and lack identifiers come first. This is what lets the two sides fix a list instead of
/// cutting it.
/// </summary>
public sealed class NamesakeBurden(MaabarDbContext db, TimeProvider clock)
{
    /// <summary>Roles that read reports.</summary>
    public static bool MayRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Analyst) || actor.IsInRole(Roles.CommitteeMember) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.LiaisonOfficer);
    }

    public async Task<IReadOnlyList<NamesakeBurdenRow>> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // Counted per entry by the database; only the one or two middle durations of each entry come back.
        var counts = await db.Hits
            .GroupBy(h => h.WatchlistEntryId)
            .Select(g => new
            {
                EntryId = g.Key,
                Hits = g.Count(h => h.Status != HitStatus.Suppressed),
                Negatives = g.Count(h => h.Outcome == HitOutcome.Negative),
                Positives = g.Count(h => h.Outcome == HitOutcome.Positive),
                Inconclusive = g.Count(h => h.Outcome == HitOutcome.Inconclusive),
                Undecided = g.Count(h => h.Outcome == null && h.Status != HitStatus.Suppressed),
                Suppressed = g.Count(h => h.Status == HitStatus.Suppressed),
                Cleared = g.Count(h => h.Outcome == HitOutcome.Negative && h.ClearanceId != null),
            })
            .ToListAsync(cancellationToken);
        Dictionary<Guid, List<long>> middles = await ReportSql.MiddleDecisionTicksPerEntryAsync(db, cancellationToken);
        var entries = new Dictionary<Guid, WatchlistEntry>();
        foreach (Guid[] chunk in counts.Select(c => c.EntryId).Chunk(500))
        {
            foreach (WatchlistEntry e in await db.WatchlistEntries.AsNoTracking().Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                if (e.IsVisibleTo(actor.Agency))
                {
                    entries[e.Id] = e;
                }
            }
        }

        var rows = new List<NamesakeBurdenRow>();
        foreach (var c in counts.Where(c => entries.ContainsKey(c.EntryId)))
        {
            WatchlistEntry e = entries[c.EntryId];
            double? median = middles.TryGetValue(c.EntryId, out List<long>? middle)
                ? middle.Count == 1 ? TimeSpan.FromTicks(middle[0]).TotalMinutes : (TimeSpan.FromTicks(middle[0]).TotalMinutes + TimeSpan.FromTicks(middle[1]).TotalMinutes) / 2
                : null;
            rows.Add(new NamesakeBurdenRow(
                e.Id,
                e.OwnerAgency,
                e.Reference,
                e.Category,
                c.Hits,
                c.Negatives,
                c.Positives,
                c.Inconclusive,
                c.Undecided,
                c.Suppressed,
                c.Cleared,
                median,
                e.Kind == EntryKind.Person ? WatchlistRules.MissingIdentifiers(e) : []));
        }

        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.ReportRead, "report", "namesake-burden", "report.namesake-burden",
            string.Create(CultureInfo.InvariantCulture, $"rows={rows.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(r => r.Negatives + r.RepeatStopsAvoided)
            .ThenByDescending(r => r.MissingIdentifiers.Count)
            .ThenByDescending(r => r.Hits)
            .ThenBy(r => r.Reference, StringComparer.Ordinal)];
    }

    /// <summary>The report as CSV (RFC 4180, header row, invariant numbers).</summary>
    public static string ToCsv(IEnumerable<NamesakeBurdenRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.Append("entryId,ownerAgency,reference,category,hits,negatives,positives,inconclusive,undecided,repeatStopsAvoided,clearancesIssued,medianMinutesToDecision,namesakeRate,missingIdentifiers\r\n");
        foreach (NamesakeBurdenRow r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.EntryId},{r.OwnerAgency},{CsvText.Field(r.Reference)},{r.Category},{r.Hits},{r.Negatives},{r.Positives},{r.Inconclusive},{r.Undecided},{r.RepeatStopsAvoided},{r.ClearancesIssued},{r.MedianMinutesToDecision?.ToString("0.0", CultureInfo.InvariantCulture)},{r.NamesakeRate.ToString("0.00", CultureInfo.InvariantCulture)},{string.Join(' ', r.MissingIdentifiers)}\r\n");
        }

        return csv.ToString();
    }
}
