using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Reports;

/// <summary>One bar of a chart: a label and a value.</summary>
public sealed record Bar(string Label, double Value);

/// <summary>The dashboard's figures over a period: counts only, no personal data.</summary>
public sealed record DashboardView(
    int Days,
    IReadOnlyList<Bar> PassagesPerDay,
    IReadOnlyList<Bar> PassagesPerCrossingAndDirection,
    IReadOnlyList<Bar> HitOutcomes,
    int ClearancesIssued,
    int RepeatStopsAvoided,
    double? MedianMinutesToDecide,
    IReadOnlyList<Bar> IncidentsByType,
    IReadOnlyList<Bar> IncidentsByImpact,
    IReadOnlyList<Bar> IncidentsBySector,
    IReadOnlyList<Bar> MessagesSent,
    IReadOnlyList<Bar> MessagesReceived,
    int OverdueReplies,
    IReadOnlyList<Bar> TimeToDecide,
    IReadOnlyList<Bar> PassagesPerDayCrossingAndDirection)
{
    /// <summary>The tables behind the charts, by the name the API and the CSV export use.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<Bar>> Tables => new Dictionary<string, IReadOnlyList<Bar>>(StringComparer.Ordinal)
    {
        ["passages-per-day"] = PassagesPerDay,
        ["passages-per-crossing"] = PassagesPerCrossingAndDirection,
        ["passages-per-day-crossing-direction"] = PassagesPerDayCrossingAndDirection,
        ["hit-outcomes"] = HitOutcomes,
        ["time-to-decide"] = TimeToDecide,
        ["incidents-by-type"] = IncidentsByType,
        ["incidents-by-impact"] = IncidentsByImpact,
        ["incidents-by-sector"] = IncidentsBySector,
        ["messages-sent"] = MessagesSent,
        ["messages-received"] = MessagesReceived,
        ["figures"] = [
            new("clearancesIssued", ClearancesIssued), new("repeatStopsAvoided", RepeatStopsAvoided), new("overdueReplies", OverdueReplies),
            .. MedianMinutesToDecide is { } median ? [new Bar("medianMinutesToDecide", median)] : Array.Empty<Bar>()],
    };

    /// <summary>One table as CSV (label,value), labels made safe for spreadsheets.</summary>
    public static string ToCsv(IReadOnlyList<Bar> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new System.Text.StringBuilder("label,value\r\n");
        foreach (Bar bar in table)
        {
            csv.Append(Maabar.Core.Tables.CsvText.Field(bar.Label)).Append(',').Append(bar.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return csv.ToString();
    }
}

/// <summary>
/// The figures the committee and analysts watch: passages per day and per crossing and direction, hits and
/// their outcomes, clearances issued and repeat stops avoided, time to decide, incidents by type and impact.
/// Every figure is counted by the database (GROUP BY over indexed columns): a year of a busy crossing is
/// millions of passages, and none of them is read into memory.
/// </summary>
public sealed class Dashboard(MaabarDbContext db, TimeProvider clock, NodeCalendar calendar)
{
    /// <summary>How long hits took to decide, in minutes: under 5, 5 to 15, 15 to 60, 1 to 4 hours, longer.</summary>
    public static readonly (string Label, double From, double To)[] DecisionBuckets =
        [("0-5", 0, 5), ("5-15", 5, 15), ("15-60", 15, 60), ("60-240", 60, 240), ("240+", 240, double.PositiveInfinity)];

    public async Task<DashboardView> HandleAsync(Actor actor, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        days = Math.Clamp(days, 1, 365);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;

        // Days are the node's days (Node:TimeZone), as the pages show them: the period starts at local midnight.
        DateOnly firstDay = calendar.DayOf(nowUtc).AddDays(1 - days);
        DateTime since = calendar.StartUtc(firstDay);
        var sql = new ReportSql(db, calendar);

        // One pass over the period's passages: counts per local day, crossing and direction. The other
        // passage tables are sums of these few hundred rows.
        IReadOnlyList<ReportSql.DayCount> perDayRows = await sql.PassagesPerDayAsync(actor.Agency, since, cancellationToken);

        IQueryable<Hit> periodHits = db.Hits.Where(h => h.CreatedUtc >= since && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == actor.Agency));
        var hitGroups = await periodHits
            .GroupBy(h => new { h.Status, h.Outcome, Cleared = h.ClearanceId != null })
            .Select(g => new { g.Key.Status, g.Key.Outcome, g.Key.Cleared, Count = g.Count() })
            .ToListAsync(cancellationToken);
        ReportSql.DecisionTimes times = await sql.DecisionTimesAsync(actor.Agency, since, [.. DecisionBuckets.Select(b => (b.From, b.To))], cancellationToken);
        var incidents = await db.Incidents.Where(i => i.OccurredUtc >= since)
            .GroupBy(i => new { i.Type, i.Impact, i.SectorId })
            .Select(g => new { g.Key.Type, g.Key.Impact, g.Key.SectorId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sent = await db.OutboxMessages.Where(m => m.CreatedUtc >= since).GroupBy(m => m.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var received = await db.InboxMessages.Where(m => m.ReceivedUtc >= since).GroupBy(m => m.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        // Replies overdue either way: partners' questions we have not answered, and ours they have not.
        int overdueReplies = await db.InboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.RepliedUtc == null && m.ReplyDueUtc < nowUtc, cancellationToken)
            + await db.OutboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.ReplyDueUtc < nowUtc && !db.InboxMessages.Any(i => i.CorrelationId == m.MessageId), cancellationToken);

        Dictionary<DateOnly, int> countPerDay = perDayRows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        IReadOnlyList<Bar> perDay = [.. Enumerable.Range(0, days).Select(d => firstDay.AddDays(d))
            .Select(day => new Bar(day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), countPerDay.GetValueOrDefault(day)))];
        IReadOnlyList<Bar> perCrossing = [.. perDayRows.GroupBy(r => (r.CrossingPointId, r.Direction)).OrderBy(g => g.Key.CrossingPointId).ThenBy(g => g.Key.Direction)
            .Select(g => new Bar($"{g.Key.CrossingPointId} {g.Key.Direction}", g.Sum(r => r.Count)))];
        int Hits(Func<HitStatus, HitOutcome?, bool, bool> predicate) => hitGroups.Where(g => predicate(g.Status, g.Outcome, g.Cleared)).Sum(g => g.Count);
        IReadOnlyList<Bar> outcomes =
        [
            new("Positive", Hits((_, o, _) => o == HitOutcome.Positive)),
            new("Negative", Hits((_, o, _) => o == HitOutcome.Negative)),
            new("Inconclusive", Hits((_, o, _) => o == HitOutcome.Inconclusive)),
            new("Undecided", Hits((s, o, _) => o is null && s != HitStatus.Suppressed)),
        ];
        return new DashboardView(
            days,
            perDay,
            perCrossing,
            outcomes,
            Hits((_, o, cleared) => o == HitOutcome.Negative && cleared),
            Hits((s, _, _) => s == HitStatus.Suppressed),
            times.MedianTicks is { } median ? TimeSpan.FromTicks(median).TotalMinutes : null,
            [.. Enum.GetValues<IncidentType>().Select(t => new Bar(t.ToString(), incidents.Where(i => i.Type == t).Sum(i => i.Count))).Where(b => b.Value > 0)],
            [.. Enum.GetValues<ImpactLevel>().Select(l => new Bar(l.ToString(), incidents.Where(i => i.Impact == l).Sum(i => i.Count)))],
            [.. BorderSectors.All.Select(s => new Bar(s.Id, incidents.Where(i => i.SectorId == s.Id).Sum(i => i.Count))).Append(new Bar("-", incidents.Where(i => i.SectorId is null).Sum(i => i.Count)))],
            [.. sent.OrderBy(g => g.Type, StringComparer.Ordinal).Select(g => new Bar(g.Type, g.Count))],
            [.. received.OrderBy(g => g.Type, StringComparer.Ordinal).Select(g => new Bar(g.Type, g.Count))],
            overdueReplies,
            [.. DecisionBuckets.Select((b, i) => new Bar(b.Label, times.Buckets[i]))],
            [.. perDayRows.OrderBy(r => r.Day).ThenBy(r => r.CrossingPointId, StringComparer.Ordinal).ThenBy(r => r.Direction)
                .Select(r => new Bar($"{r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {r.CrossingPointId} {r.Direction}", r.Count))]);
    }
}
