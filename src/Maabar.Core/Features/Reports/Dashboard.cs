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
        var passages = await db.Passages.AsNoTracking().Where(p => p.Agency == actor.Agency && p.RecordedUtc >= since)
            .Select(p => new { p.RecordedUtc, p.CrossingPointId, p.Direction }).ToListAsync(cancellationToken);
        var hits = await db.Hits.AsNoTracking().Where(h => h.CreatedUtc >= since && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == actor.Agency))
            .Select(h => new { h.Status, h.Outcome, h.CreatedUtc, h.DecidedUtc, h.ClearanceId }).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.OccurredUtc >= since).Select(i => new { i.Type, i.Impact, i.SectorId }).ToListAsync(cancellationToken);
        var sent = await db.OutboxMessages.AsNoTracking().Where(m => m.CreatedUtc >= since).Select(m => m.Type).ToListAsync(cancellationToken);
        var received = await db.InboxMessages.AsNoTracking().Where(m => m.ReceivedUtc >= since).Select(m => m.Type).ToListAsync(cancellationToken);

        // Replies overdue either way: partners' questions we have not answered, and ours they have not.
        int overdueReplies = await db.InboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.RepliedUtc == null && m.ReplyDueUtc < nowUtc, cancellationToken)
            + await db.OutboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.ReplyDueUtc < nowUtc && !db.InboxMessages.Any(i => i.CorrelationId == m.MessageId), cancellationToken);

        var localPassages = passages.Select(p => (Day: calendar.DayOf(p.RecordedUtc), p.CrossingPointId, p.Direction)).ToList();
        Dictionary<DateOnly, int> countPerDay = localPassages.CountBy(p => p.Day).ToDictionary();
        IReadOnlyList<Bar> perDay = [.. Enumerable.Range(0, days).Select(d => firstDay.AddDays(d))
            .Select(day => new Bar(day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), countPerDay.GetValueOrDefault(day)))];
        IReadOnlyList<Bar> perCrossing = [.. passages.GroupBy(p => (p.CrossingPointId, p.Direction)).OrderBy(g => g.Key.CrossingPointId).ThenBy(g => g.Key.Direction)
            .Select(g => new Bar($"{g.Key.CrossingPointId} {g.Key.Direction}", g.Count()))];
        IReadOnlyList<Bar> outcomes =
        [
            new("Positive", hits.Count(h => h.Outcome == HitOutcome.Positive)),
            new("Negative", hits.Count(h => h.Outcome == HitOutcome.Negative)),
            new("Inconclusive", hits.Count(h => h.Outcome == HitOutcome.Inconclusive)),
            new("Undecided", hits.Count(h => h.Outcome is null && h.Status != HitStatus.Suppressed)),
        ];
        double[] minutes = [.. hits.Where(h => h.DecidedUtc is not null).Select(h => (h.DecidedUtc!.Value - h.CreatedUtc).TotalMinutes).Order()];
        return new DashboardView(
            days,
            perDay,
            perCrossing,
            outcomes,
            hits.Count(h => h.Outcome == HitOutcome.Negative && h.ClearanceId is not null),
            hits.Count(h => h.Status == HitStatus.Suppressed),
            minutes.Length == 0 ? null : minutes[minutes.Length / 2],
            [.. Enum.GetValues<IncidentType>().Select(t => new Bar(t.ToString(), incidents.Count(i => i.Type == t))).Where(b => b.Value > 0)],
            [.. Enum.GetValues<ImpactLevel>().Select(l => new Bar(l.ToString(), incidents.Count(i => i.Impact == l)))],
            [.. BorderSectors.All.Select(s => new Bar(s.Id, incidents.Count(i => i.SectorId == s.Id))).Append(new Bar("-", incidents.Count(i => i.SectorId is null)))],
            [.. sent.GroupBy(t => t).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Bar(g.Key, g.Count()))],
            [.. received.GroupBy(t => t).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Bar(g.Key, g.Count()))],
            overdueReplies,
            [.. DecisionBuckets.Select(b => new Bar(b.Label, minutes.Count(m => m >= b.From && m < b.To)))],
            [.. localPassages.GroupBy(p => p).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.CrossingPointId, StringComparer.Ordinal).ThenBy(g => g.Key.Direction)
                .Select(g => new Bar($"{g.Key.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {g.Key.CrossingPointId} {g.Key.Direction}", g.Count()))]);
    }
}
