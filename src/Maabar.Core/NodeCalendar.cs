namespace Maabar.Core;

/// <summary>
/// The node's calendar: which day an instant falls on where the node is, and when that day starts and
/// ends in UTC. Reports count days as the people at the crossing live them (a passage at 00:30 in Tunis
/// on the 1st of a month is counted on the 1st, not on the last day of the month before as UTC would),
/// and the pages show the same zone. Immutable and thread-safe.
/// </summary>
public sealed class NodeCalendar
{
    /// <summary>Creates the calendar of <paramref name="zone"/>.</summary>
    /// <param name="zone">The node's time zone (configuration <c>Node:TimeZone</c>).</param>
    public NodeCalendar(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    /// <summary>The calendar of Tunisia (<c>Africa/Tunis</c>), the default node zone.</summary>
    public static NodeCalendar Tunis { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Africa/Tunis"));

    /// <summary>The node's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The local wall-clock time of a UTC instant.</summary>
    /// <param name="utc">An instant; its kind is taken as UTC whatever it says (stored instants are UTC).</param>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The local day that a UTC instant falls on.</summary>
    /// <param name="utc">An instant, taken as UTC.</param>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The local day it is now: what "today" means at the crossing (document expiry, overdue actions).</summary>
    /// <param name="clock">The clock the caller reads.</param>
    public DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DayOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The first instant of a local day, in UTC. Where a daylight-saving change skips midnight (clocks
    /// jump from 00:00 to 01:00, as in several American zones), the day starts at the first local time
    /// that exists; where midnight happens twice, at the first of the two.
    /// </summary>
    /// <param name="day">The local day.</param>
    public DateTime StartUtc(DateOnly day)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            // A skipped hour is at most a few hours long; step to the first minute that exists.
            local = local.AddMinutes(1);
        }

        TimeSpan offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>
    /// The zone's IANA name (e.g. <c>Africa/Tunis</c>), as PostgreSQL's <c>AT TIME ZONE</c> reads it; a Windows
    /// zone is converted to its IANA name.
    /// </summary>
    public string IanaId => Zone.HasIanaId ? Zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(Zone.Id, out string? iana) ? iana
        : throw new InvalidOperationException("The node's time zone has no IANA name.");

    /// <summary>
    /// The stretches of constant UTC offset that cover [<paramref name="fromUtc"/>, <paramref name="toUtc"/>]:
    /// each starts at <c>FromUtc</c> (the first at <paramref name="fromUtc"/>) and lasts until the next one
    /// starts; within one, the local time is the UTC time plus <c>Offset</c>. A zone without daylight
    /// saving over the period (Tunis, Tripoli today) gives one stretch; a zone with it gives one more per
    /// change. Lets a database without time zones (SQLite) count local days exactly.
    /// </summary>
    /// <param name="fromUtc">The first instant (UTC).</param>
    /// <param name="toUtc">The last instant (UTC); at least <paramref name="fromUtc"/>.</param>
    public IReadOnlyList<(DateTime FromUtc, TimeSpan Offset)> OffsetStretches(DateTime fromUtc, DateTime toUtc)
    {
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        toUtc = DateTime.SpecifyKind(toUtc < fromUtc ? fromUtc : toUtc, DateTimeKind.Utc);
        var stretches = new List<(DateTime FromUtc, TimeSpan Offset)> { (fromUtc, Zone.GetUtcOffset(fromUtc)) };

        // Offsets change at most a few times a year and never twice within six hours: step six hours at a
        // time, and where the offset differs, find the second it changed by halving.
        DateTime at = fromUtc;
        while (at < toUtc)
        {
            DateTime next = at.AddHours(6) < toUtc ? at.AddHours(6) : toUtc;
            TimeSpan before = stretches[^1].Offset;
            TimeSpan after = Zone.GetUtcOffset(next);
            if (after != before)
            {
                DateTime low = at, high = next; // offset(low) == before, offset(high) != before
                while (high - low > TimeSpan.FromSeconds(1))
                {
                    DateTime middle = low.AddTicks((high - low).Ticks / 2);
                    if (Zone.GetUtcOffset(middle) == before)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                // Changes fall on whole seconds (in practice whole minutes): start the stretch at the first second of the new offset.
                DateTime change = new(high.Ticks - (high.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
                change = Zone.GetUtcOffset(change) == before ? change.AddSeconds(1) : change;
                stretches.Add((change, Zone.GetUtcOffset(change)));
            }

            at = next;
        }

        return stretches;
    }

    /// <summary>The instant the local day after <paramref name="day"/> starts, in UTC: the exclusive end of <paramref name="day"/>.</summary>
    /// <param name="day">The local day.</param>
    public DateTime EndUtc(DateOnly day) => StartUtc(day.AddDays(1));
}
