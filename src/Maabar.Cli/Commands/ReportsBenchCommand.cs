using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Reports;
using Maabar.Domain;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Cli.Commands;

/// <summary>
/// <c>maabar bench reports</c>: how long the dashboard (and the stats API, which serves its tables) and the
/// namesake-burden report take over a year of a busy crossing. It seeds, on an empty PostgreSQL database and
/// by the database itself (<c>generate_series</c>, not row by row through EF), a year of passages ending now
/// at three bench crossings, hits on an even share of them with every status and outcome, their clearances
/// and entries, incidents and messages; then times each report as a user's request runs it (a fresh scope
/// and context per run).
/// </summary>
internal static class ReportsBenchCommand
{
    /// <summary>The dashboard's periods timed, in days: a year (the longest it shows), a month, a week, today.</summary>
    private static readonly int[] Periods = [365, 30, 7, 1];

    private const string BenchOfficer = "0194c0de-0000-7000-8000-0000000be4c7";

    public static Command Create(TextWriter output, TextWriter error, TimeProvider clock)
    {
        var storage = new StorageSettings();
        var passages = new Option<int>("--passages") { Description = "Passages to seed over the year before now.", DefaultValueFactory = _ => 3_650_000 };
        var hits = new Option<int>("--hits") { Description = "Hits to seed, on passages spread evenly over the year.", DefaultValueFactory = _ => 200_000 };
        var rounds = new Option<int>("--rounds") { Description = "Runs of each report; the first is not counted (compiling, cold cache).", DefaultValueFactory = _ => 6 };
        var command = new Command("reports", "Seed a year of passages and hits into an empty PostgreSQL database (by SQL generate_series) and time the dashboard and the namesake-burden report.");
        command.Options.Add(passages);
        command.Options.Add(hits);
        command.Options.Add(rounds);
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(passages), h = parse.GetValue(hits), r = parse.GetValue(rounds);
            if (n < 1 || h < 0 || h > n || r < 2)
            {
                await error.WriteLineAsync("maabar: --passages must be at least 1, --hits between 0 and --passages, --rounds at least 2");
                return MaabarCli.BadInput;
            }

            if (await storage.OpenAsync(parse, error) is not var (services, options))
            {
                return MaabarCli.BadInput;
            }

            await using (services)
            {
                if (options.Provider != StorageProvider.Postgres)
                {
                    await error.WriteLineAsync("maabar: bench reports seeds with PostgreSQL's generate_series: use --provider Postgres");
                    return MaabarCli.BadInput;
                }

                await services.MigrateMaabarDatabaseAsync(cancellationToken);
                // A database this command seeded before is timed again as it is; any other with passages is refused.
                bool seededBefore = await InScopeAsync(services, async db => await db.Passages.AnyAsync(cancellationToken)
                    && !await db.Passages.AnyAsync(p => !p.CrossingPointId.StartsWith("bench-"), cancellationToken));
                if (!seededBefore && await InScopeAsync(services, db => db.Passages.AnyAsync(cancellationToken)))
                {
                    await error.WriteLineAsync("maabar: bench reports seeds a year of passages: point it at a database without passages (or one it seeded)");
                    return MaabarCli.BadInput;
                }

                DateTime now = clock.GetUtcNow().UtcDateTime;
                long start = Stopwatch.GetTimestamp();
                if (!seededBefore)
                {
                    await InScopeAsync(services, async db =>
                    {
                        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                        foreach (string statement in SeedStatements)
                        {
                            await db.Database.ExecuteSqlRawAsync(statement, [now, n, h], cancellationToken);
                        }

                        return 0;
                    });
                }

                double seeded = Stopwatch.GetElapsedTime(start).TotalSeconds;

                var actor = new Actor(Guid.Parse(BenchOfficer), "bench", "TUN", new HashSet<string>(StringComparer.Ordinal) { Roles.Analyst });
                var timings = new List<(string Name, List<double> Times)>();
                foreach (int days in Periods)
                {
                    timings.Add(($"dashboard, {days} days", await TimeAsync(services, r, sp => sp.GetRequiredService<Dashboard>().HandleAsync(actor, days, cancellationToken))));
                }

                timings.Add(("namesake burden", await TimeAsync(services, r, sp => sp.GetRequiredService<NamesakeBurden>().HandleAsync(actor, cancellationToken))));

                (long passageCount, long hitCount) = await InScopeAsync(services, async db => (await db.Passages.LongCountAsync(cancellationToken), await db.Hits.LongCountAsync(cancellationToken)));
                string seed = seededBefore ? "seeded before" : string.Create(CultureInfo.InvariantCulture, $"seeded in {seeded:F1} s (with VACUUM ANALYZE)");
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"passages: {passageCount}, hits: {hitCount}, {seed}"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"node zone: {services.GetRequiredService<NodeCalendar>().IanaId}"));
                foreach ((string name, List<double> times) in timings)
                {
                    await output.WriteLineAsync($"{name}: {Summary(times)}");
                }

                return 0;
            }
        });
        return command;
    }

    /// <summary>
    /// The seed, as PostgreSQL statements over parameters {0} now (UTC), {1} passages, {2} hits. Ids of
    /// passages are time-ordered as <see cref="Guid.CreateVersion7()"/>'s are; one passage in about
    /// passages/hits is referred and has one hit, whose status, outcome, duration and entry are drawn from a hash of its id.
    /// </summary>
    private static readonly string[] SeedStatements =
    [
        """
        INSERT INTO "CrossingPoints" ("Id", "NameAr", "NameFr", "NameEn", "Latitude", "Longitude", "Countries", "Status")
        SELECT c, c, c, c, 33.0, 11.0, 'TUN,LBY', 'Open' FROM unnest(ARRAY['bench-ras-jedir', 'bench-dehiba', 'bench-third']) AS c
        """,
        """
        INSERT INTO "Lanes" ("Id", "CrossingPointId", "Agency", "Code", "Mode", "Direction", "Status")
        SELECT gen_random_uuid(), c, 'TUN', c || '-' || d, 'Car', d, 'Open'
        FROM unnest(ARRAY['bench-ras-jedir', 'bench-dehiba', 'bench-third']) AS c, unnest(ARRAY['Entry', 'Exit']) AS d
        """,
        """
        INSERT INTO "Travellers" ("Id", "Agency", "NameKeyArabic", "NameKeyLatin", "Sex", "CreatedUtc")
        SELECT gen_random_uuid(), 'TUN', '', '', 'Unknown', {0} FROM generate_series(1, 10000)
        """,
        """
        INSERT INTO "Passages" ("Id", "Agency", "CrossingPointId", "LaneId", "Direction", "TravellerId", "OfficerId", "RecordedUtc", "Decision")
        SELECT (lpad(to_hex((extract(epoch FROM x.at) * 1000)::bigint), 12, '0') || '7' || substr(md5(x.i::text), 1, 3) || '8' || substr(md5(x.i::text), 4, 15))::uuid,
               'TUN', l.cps[x.k], l.ids[x.k], l.dirs[x.k], t.ids[1 + x.i % 10000], '0194c0de-0000-7000-8000-0000000be4c7', x.at,
               CASE WHEN (x.i::bigint * {2}) % {1} < {2} THEN 'Referred' ELSE 'Cleared' END
        FROM (SELECT i, {0} - (i * interval '365 days' / {1}) AS at,
                     -- Ras Jedir takes half the traffic; entries and exits alternate.
                     -- (lanes by code: 1-2 Dehiba, 3-4 Ras Jedir, 5-6 the third crossing)
                     CASE WHEN i % 4 < 2 THEN 3 + i % 2 WHEN i % 4 = 2 THEN 1 + (i / 4) % 2 ELSE 5 + (i / 4) % 2 END AS k
              FROM generate_series(1, {1}) AS i) AS x,
             (SELECT array_agg("Id" ORDER BY "Code") AS ids, array_agg("CrossingPointId" ORDER BY "Code") AS cps, array_agg("Direction" ORDER BY "Code") AS dirs
              FROM "Lanes" WHERE "CrossingPointId" LIKE 'bench-%') AS l,
             (SELECT array_agg("Id") AS ids FROM "Travellers" WHERE "NameKeyLatin" = '') AS t
        """,
        """
        INSERT INTO "WatchlistEntries" ("Id", "OwnerAgency", "Category", "NameKeyArabic", "NameKeyLatin", "Reference", "SharedWith", "Version", "CreatedUtc")
        SELECT gen_random_uuid(), CASE WHEN e % 2 = 0 THEN 'TUN' ELSE 'LBY' END, 'RefuseEntry', '', '', 'BENCH-' || lpad(e::text, 5, '0'),
               CASE WHEN e % 2 = 0 THEN '' ELSE 'TUN' END, 1, {0} - interval '2 years'
        FROM generate_series(1, 2000) AS e
        """,
        """
        INSERT INTO "Clearances" ("Id", "Number", "Agency", "WatchlistEntryId", "EntryVersion", "DocumentNumber", "IssuingState", "IssuedBy", "IssuedUtc")
        SELECT gen_random_uuid(), 'BENCH-' || substr(e."Reference", 7), 'TUN', e."Id", 1, 'X0000000', 'TUN', '0194c0de-0000-7000-8000-0000000be4c7', {0}
        FROM "WatchlistEntries" AS e WHERE e."Reference" LIKE 'BENCH-%'
        """,
        """
        INSERT INTO "Hits" ("Id", "PassageId", "WatchlistEntryId", "EntryVersion", "Score", "Band", "Explanation", "Status", "Outcome", "CreatedUtc", "DecidedUtc", "ClearanceId")
        SELECT gen_random_uuid(), p."Id", w.eids[1 + k % 2000], 1, 0.9, 'Strong', '{{}}',
               CASE k % 7 WHEN 0 THEN 'Open' WHEN 1 THEN 'Suppressed' WHEN 2 THEN 'AwaitingOwner' ELSE 'Closed' END,
               CASE k % 7 WHEN 0 THEN NULL WHEN 1 THEN NULL WHEN 2 THEN 'Inconclusive' WHEN 3 THEN 'Negative' WHEN 4 THEN 'Negative' ELSE 'Positive' END,
               p."RecordedUtc" + interval '1 minute',
               CASE WHEN k % 7 < 2 THEN NULL ELSE p."RecordedUtc" + interval '1 minute' + (k % 36000) * interval '1 second' + (k % 1000) * interval '1 microsecond' END,
               CASE WHEN k % 7 IN (1, 3) THEN w.cids[1 + k % 2000] END
        FROM (SELECT "Id", "RecordedUtc", abs(hashtext("Id"::text)::bigint) AS k FROM "Passages" WHERE "Decision" = 'Referred' AND "CrossingPointId" LIKE 'bench-%') AS p,
             (SELECT array_agg(e."Id" ORDER BY e."Reference") AS eids, array_agg(c."Id" ORDER BY e."Reference") AS cids
              FROM "WatchlistEntries" AS e JOIN "Clearances" AS c ON c."WatchlistEntryId" = e."Id" WHERE e."Reference" LIKE 'BENCH-%') AS w
        """,
        """
        INSERT INTO "Incidents" ("Id", "Agency", "Type", "Impact", "Title", "OccurredUtc", "RecordedUtc", "FirstReportDueUtc", "RecordedBy")
        SELECT gen_random_uuid(), 'TUN',
               (ARRAY['Congestion', 'BlockadeOrProtest', 'SystemOutage', 'SecurityIncident', 'InfiltrationAttempt', 'SmugglingSeizure', 'IrregularMigrationGroup'])[1 + i % 7],
               (ARRAY['Low', 'Medium', 'High', 'Critical'])[1 + i % 4], 'bench', {0} - i * interval '1 hour', {0}, {0}, '0194c0de-0000-7000-8000-0000000be4c7'
        FROM generate_series(1, 8760) AS i
        """,
        """
        INSERT INTO "OutboxMessages" ("MessageId", "Recipient", "Type", "Version", "CreatedUtc", "Payload", "Status", "Attempts", "NextAttemptUtc", "ReplyDueUtc")
        SELECT gen_random_uuid(), 'LBY', (ARRAY['hit-notification', 'clearance-notice', 'incident', 'crossing-status'])[1 + i % 4], 1,
               {0} - i * interval '10 minutes', '{{}}', 'Delivered', 1, {0}, CASE WHEN i % 4 = 0 THEN {0} - i * interval '10 minutes' + interval '12 hours' END
        FROM generate_series(1, 52560) AS i
        """,
        """
        INSERT INTO "InboxMessages" ("MessageId", "Sender", "Recipient", "Type", "Version", "CreatedUtc", "ReceivedUtc", "Sequence", "Payload")
        SELECT gen_random_uuid(), 'LBY', 'TUN', (ARRAY['hit-notification', 'reply', 'incident'])[1 + i % 3], 1,
               {0} - i * interval '10 minutes', {0} - i * interval '10 minutes', 1000000000 + i, '{{}}'
        FROM generate_series(1, 52560) AS i
        """,
        // Statistics and the visibility map, as autovacuum would leave them after a year of traffic.
        "VACUUM ANALYZE",
    ];

    // Median, least and most of the runs after the first, in milliseconds.
    private static string Summary(List<double> times)
    {
        double[] counted = [.. times.Skip(1).Order()];
        return string.Create(CultureInfo.InvariantCulture, $"median {counted[counted.Length / 2]:F0} ms (min {counted[0]:F0}, max {counted[^1]:F0}, {counted.Length} runs)");
    }

    private static async Task<List<double>> TimeAsync<T>(ServiceProvider services, int rounds, Func<IServiceProvider, Task<T>> report)
    {
        var times = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            long start = Stopwatch.GetTimestamp();
            await report(scope.ServiceProvider);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<T> InScopeAsync<T>(ServiceProvider services, Func<MaabarDbContext, Task<T>> action)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MaabarDbContext>());
    }
}
