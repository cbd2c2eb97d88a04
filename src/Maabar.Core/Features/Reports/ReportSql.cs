using System.Globalization;
using System.Text;
using Maabar.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Reports;

/// <summary>
/// The report queries LINQ cannot say for both providers: counting by the node's local day, and exact
/// durations between two stored instants. PostgreSQL converts with <c>AT TIME ZONE</c> (its own zone
/// database); SQLite has no zones, so the period is cut into stretches of constant UTC offset
/// (<see cref="NodeCalendar.OffsetStretches"/>) and each stretch shifts its instants by its offset — exact
/// across daylight-saving changes, whatever the zone. Durations are counted in .NET ticks (100 ns) as
/// integers on both, so that minutes are computed in C# exactly as from the loaded rows.
/// </summary>
internal sealed class ReportSql(MaabarDbContext db, NodeCalendar calendar)
{
    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Passages of one local day at one crossing in one direction.</summary>
    public sealed record DayCount(DateOnly Day, string CrossingPointId, Domain.PassageDirection Direction, int Count);

    /// <summary>Decided hits: how many fell in each bucket, and the upper median of their durations (ticks).</summary>
    public sealed record DecisionTimes(int[] Buckets, long? MedianTicks);

    private bool IsPostgres => IsPostgresContext(db);

    private static bool IsPostgresContext(MaabarDbContext context) => string.Equals(context.Database.ProviderName, PostgresProvider, StringComparison.Ordinal);

    /// <summary>An instant as the statements compare it: a UTC <see cref="DateTime"/> (timestamptz on PostgreSQL, the stored text form on SQLite).</summary>
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>The passages of <paramref name="agency"/> from <paramref name="sinceUtc"/> on, counted per local day, crossing and direction.</summary>
    public async Task<IReadOnlyList<DayCount>> PassagesPerDayAsync(string agency, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var parameters = new List<object> { agency, Utc(sinceUtc) };
        string day;
        if (IsPostgres)
        {
            parameters.Add(calendar.IanaId);
            day = "(p.\"RecordedUtc\" AT TIME ZONE {2})::date";
        }
        else
        {
            // The last passage bounds the stretches (later passages may exist when a clock was ahead).
            DateTime? last = await db.Passages.Where(p => p.Agency == agency && p.RecordedUtc >= sinceUtc).MaxAsync(p => (DateTime?)p.RecordedUtc, cancellationToken);
            day = SqliteLocalDate("p.\"RecordedUtc\"", calendar.OffsetStretches(sinceUtc, last ?? sinceUtc), parameters);
        }

        string dayText = IsPostgres ? "to_char(x.\"Day\", 'YYYY-MM-DD')" : "x.\"Day\"";
        string text = $$"""
            SELECT {{dayText}} AS "Day", x."CrossingPointId", x."Direction", x."Count"
            FROM (
                SELECT {{day}} AS "Day", p."CrossingPointId" AS "CrossingPointId", p."Direction" AS "Direction", CAST(COUNT(*) AS INTEGER) AS "Count"
                FROM "Passages" AS p
                WHERE p."Agency" = {0} AND p."RecordedUtc" >= {1}
                GROUP BY {{day}}, p."CrossingPointId", p."Direction") AS x
            """;
        List<DayRow> rows = await db.Database.SqlQueryRaw<DayRow>(text, [.. parameters]).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DayCount(
            DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.CrossingPointId, Enum.Parse<Domain.PassageDirection>(r.Direction), r.Count))];
    }

    /// <summary>
    /// The hits of <paramref name="agency"/>'s passages raised from <paramref name="sinceUtc"/> on and decided:
    /// how many fell in each bucket ([from, to) minutes; the buckets must not overlap) and the upper median.
    /// </summary>
    public async Task<DecisionTimes> DecisionTimesAsync(string agency, DateTime sinceUtc, (double From, double To)[] buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        string ticks = DurationTicks(IsPostgres, "h.\"CreatedUtc\"", "h.\"DecidedUtc\"");
        string decided = $$"""
            SELECT {{ticks}} AS "Ticks"
            FROM "Hits" AS h
            WHERE h."CreatedUtc" >= {1} AND h."DecidedUtc" IS NOT NULL
              AND EXISTS (SELECT 1 FROM "Passages" AS p WHERE p."Id" = h."PassageId" AND p."Agency" = {0})
            """;

        // m >= from && m < to on minutes (ticks / 6e8 as a double) is the same test as on ticks against the
        // bucket's whole minutes in ticks: no tick count below a whole minute divides up to it.
        var bucket = new StringBuilder("CASE");
        for (int i = 0; i < buckets.Length; i++)
        {
            string upper = double.IsPositiveInfinity(buckets[i].To) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" AND x.\"Ticks\" < {MinutesToTicks(buckets[i].To)}");
            bucket.Append(CultureInfo.InvariantCulture, $" WHEN x.\"Ticks\" >= {MinutesToTicks(buckets[i].From)}{upper} THEN {i}");
        }

        bucket.Append(" ELSE -1 END");
        object[] parameters = [agency, Utc(sinceUtc)];
        string countText = $"""SELECT {bucket} AS "Bucket", CAST(COUNT(*) AS INTEGER) AS "Count" FROM ({decided}) AS x GROUP BY {bucket}""";
        List<BucketRow> groups = await db.Database.SqlQueryRaw<BucketRow>(countText, parameters).ToListAsync(cancellationToken);
        int[] counts = new int[buckets.Length];
        foreach (BucketRow group in groups.Where(g => g.Bucket >= 0))
        {
            counts[group.Bucket] = group.Count;
        }

        int decidedCount = groups.Sum(g => g.Count);
        if (decidedCount == 0)
        {
            return new DecisionTimes(counts, null);
        }

        // The upper median, as the in-memory computation took it: the element at n / 2 of the sorted durations.
        string medianText = string.Create(CultureInfo.InvariantCulture, $"""SELECT x."Ticks" AS "Value" FROM ({decided}) AS x ORDER BY x."Ticks" LIMIT 1 OFFSET {decidedCount / 2}""");
        long median = (await db.Database.SqlQueryRaw<long>(medianText, parameters).ToListAsync(cancellationToken)).Single();
        return new DecisionTimes(counts, median);
    }

    /// <summary>Per watchlist entry, the one or two middle durations (ticks) of its decided hits, over all hits.</summary>
    public static async Task<Dictionary<Guid, List<long>>> MiddleDecisionTicksPerEntryAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        string ticks = DurationTicks(IsPostgresContext(db), "h.\"CreatedUtc\"", "h.\"DecidedUtc\"");
        string text = $"""
            SELECT x."EntryId" AS "EntryId", x."Ticks" AS "Ticks"
            FROM (
                SELECT h."WatchlistEntryId" AS "EntryId", {ticks} AS "Ticks",
                       ROW_NUMBER() OVER (PARTITION BY h."WatchlistEntryId" ORDER BY {ticks}) AS "Rank",
                       COUNT(*) OVER (PARTITION BY h."WatchlistEntryId") AS "N"
                FROM "Hits" AS h
                WHERE h."DecidedUtc" IS NOT NULL) AS x
            WHERE x."Rank" = (x."N" + 1) / 2 OR x."Rank" = x."N" / 2 + 1
            """;
        var result = new Dictionary<Guid, List<long>>();
        foreach (EntryTicks row in await db.Database.SqlQueryRaw<EntryTicks>(text).ToListAsync(cancellationToken))
        {
            if (!result.TryGetValue(row.EntryId, out List<long>? list))
            {
                result[row.EntryId] = list = [];
            }

            list.Add(row.Ticks);
        }

        foreach (List<long> list in result.Values)
        {
            list.Sort();
        }

        return result;
    }

    private static long MinutesToTicks(double minutes) => checked((long)(minutes * TimeSpan.TicksPerMinute));

    /// <summary>The exact duration between two stored instants, in ticks, as a 64-bit integer.</summary>
    private static string DurationTicks(bool postgres, string from, string to) => postgres
        // timestamptz holds microseconds; the epoch of an interval is an exact numeric.
        ? $"CAST(EXTRACT(EPOCH FROM ({to} - {from})) * 10000000 AS BIGINT)"
        // SQLite stores 'yyyy-MM-dd HH:mm:ss.FFFFFFF': whole seconds by strftime, the 0-7 fraction digits padded to 7.
        : $"((CAST(strftime('%s', substr({to}, 1, 19)) AS INTEGER) - CAST(strftime('%s', substr({from}, 1, 19)) AS INTEGER)) * 10000000"
          + $" + CAST(substr({to} || '0000000', 21, 7) AS INTEGER) - CAST(substr({from} || '0000000', 21, 7) AS INTEGER))";

    /// <summary>
    /// The local date of a stored instant on SQLite, as 'yyyy-MM-dd': the stretch it falls in gives the offset.
    /// The fraction is cut first (SQLite rounds to milliseconds, which would carry 23:59:59.9999 into the next day).
    /// </summary>
    private static string SqliteLocalDate(string column, IReadOnlyList<(DateTime FromUtc, TimeSpan Offset)> stretches, List<object> parameters)
    {
        static string Modifier(TimeSpan offset) => string.Create(CultureInfo.InvariantCulture, $"'{(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs((long)offset.TotalSeconds)} seconds'");
        if (stretches.Count == 1)
        {
            return $"date(substr({column}, 1, 19), {Modifier(stretches[0].Offset)})";
        }

        var text = new StringBuilder("date(substr(").Append(column).Append(", 1, 19), CASE");
        for (int i = 1; i < stretches.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $" WHEN {column} < {{{parameters.Count}}} THEN {Modifier(stretches[i - 1].Offset)}");
            parameters.Add(Utc(stretches[i].FromUtc));
        }

        return text.Append(" ELSE ").Append(Modifier(stretches[^1].Offset)).Append(" END)").ToString();
    }

    private sealed record DayRow(string Day, string CrossingPointId, string Direction, int Count);

    private sealed record EntryTicks(Guid EntryId, long Ticks);

    private sealed record BucketRow(int Bucket, int Count);
}
