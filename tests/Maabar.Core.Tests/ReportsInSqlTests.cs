using Maabar.Core.Data;
using Maabar.Core.Features.Reports;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The dashboard and the namesake-burden report are counted by the database. On the same rows they must
/// say exactly what the former in-memory computation (kept below as the reference) said: passages on the
/// last and first instants of local days and months, another agency's passages, passages before the
/// period and after "now", hits decided on the edges of the time buckets, entries with odd and even
/// numbers of decided hits. Run in the zone of Tunis (no daylight saving) and of Paris (two changes a
/// year, so that the local day is not UTC plus a fixed offset), on SQLite and PostgreSQL.
/// </summary>
public abstract class ReportsInSqlTests(CoreFixture fixture, int days)
{
    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);

    [Fact]
    public async Task Dashboard_SeededBoundaries_EqualsTheInMemoryComputation()
    {
        await SeedAsync();
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));

        foreach (int period in new[] { 1, 2, 7, days })
        {
            DashboardView expected = await fixture.InScopeAsync(sp => InMemoryReference.DashboardAsync(
                sp.GetRequiredService<MaabarDbContext>(), fixture.Clock, sp.GetRequiredService<NodeCalendar>(), analyst, period));
            DashboardView actual = await fixture.InScopeAsync(sp => sp.GetRequiredService<Dashboard>().HandleAsync(analyst, period, CancellationToken.None));

            Assert.True(expected.PassagesPerDay.Sum(b => b.Value) > 0, "the seeded period has passages");
            foreach ((string name, IReadOnlyList<Bar> table) in expected.Tables)
            {
                Assert.Equal(table, actual.Tables[name]);
            }

            Assert.Equal(expected.MedianMinutesToDecide, actual.MedianMinutesToDecide);
        }
    }

    [Fact]
    public async Task Dashboard_PassageOnTheLastTickOfALocalDay_CountsOnThatDayNotTheNext()
    {
        await SeedAsync();
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        NodeCalendar calendar = fixture.Services.GetRequiredService<NodeCalendar>();
        DateOnly yesterday = calendar.DayOf(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(-1);

        DashboardView view = await fixture.InScopeAsync(sp => sp.GetRequiredService<Dashboard>().HandleAsync(analyst, days, CancellationToken.None));

        // The seed puts on every local day of the period one passage at its first microsecond and one at its last
        // (the entry lane), plus one at local noon (the exit lane): a day shows its own two entries, not its neighbour's.
        string label = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, view.PassagesPerDayCrossingAndDirection.Single(b => b.Label == $"{label} {TestData.Crossing} Entry").Value);
    }

    [Fact]
    public async Task NamesakeBurden_SeededHits_EqualsTheInMemoryComputation()
    {
        await SeedAsync();
        foreach (string agency in new[] { AgencyCode.Tunisia, AgencyCode.Libya })
        {
            Actor analyst = await fixture.ActorAsync(TestData.UserName(agency, Roles.Analyst));
            IReadOnlyList<NamesakeBurdenRow> expected = await fixture.InScopeAsync(sp => InMemoryReference.NamesakeBurdenAsync(sp.GetRequiredService<MaabarDbContext>(), analyst));
            IReadOnlyList<NamesakeBurdenRow> actual = await fixture.InScopeAsync(sp => sp.GetRequiredService<NamesakeBurden>().HandleAsync(analyst, CancellationToken.None));

            Assert.NotEmpty(expected);
            Assert.Equal(NamesakeBurden.ToCsv(expected), NamesakeBurden.ToCsv(actual));
            Assert.Equal(expected.Select(r => r.MedianMinutesToDecision), actual.Select(r => r.MedianMinutesToDecision));
        }
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private bool seeded;

    /// <summary>The rows, written once per fixture (each test class has its own database).</summary>
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (seeded || await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Passages.AnyAsync(p => p.OfficerId == SeedOfficer)))
            {
                seeded = true;
                return;
            }

            await fixture.InScopeAsync(sp => WriteAsync(sp.GetRequiredService<MaabarDbContext>(), sp.GetRequiredService<NodeCalendar>()));
            seeded = true;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static readonly Guid SeedOfficer = Guid.Parse("0194c0de-0000-7000-8000-00000000beef");

    private async Task<int> WriteAsync(MaabarDbContext db, NodeCalendar calendar)
    {
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        DateOnly today = calendar.DayOf(now);
        List<Lane> lanes = await db.Lanes.Where(l => l.CrossingPointId == TestData.Crossing || l.CrossingPointId == TestData.TunisianOnlyCrossing).ToListAsync();
        Lane Lane(string agency, string crossing, PassageDirection direction) => lanes.First(l => l.Agency == agency && l.CrossingPointId == crossing && l.Direction == direction && l.Status != CrossingStatus.Closed);
        var tunisian = new Traveller { Agency = AgencyCode.Tunisia };
        var libyan = new Traveller { Agency = AgencyCode.Libya };
        db.Travellers.AddRange(tunisian, libyan);

        var passages = new List<Passage>();
        Passage Add(string agency, string crossing, PassageDirection direction, DateTime at)
        {
            Lane lane = Lane(agency, crossing, direction);
            var passage = new Passage
            {
                Agency = agency, CrossingPointId = crossing, LaneId = lane.Id, Direction = direction, TravellerId = agency == AgencyCode.Tunisia ? tunisian.Id : libyan.Id,
                OfficerId = SeedOfficer, RecordedUtc = at, Decision = passages.Count % 4 == 0 ? PassageDecision.Referred : PassageDecision.Cleared,
            };
            passages.Add(passage);
            return passage;
        }

        // Every local day of the period and a few before: its first and last microsecond, and local noon.
        for (int d = -days - 2; d <= 0; d++)
        {
            DateOnly day = today.AddDays(d);
            Add(AgencyCode.Tunisia, TestData.Crossing, PassageDirection.Entry, calendar.StartUtc(day));
            Add(AgencyCode.Tunisia, TestData.Crossing, PassageDirection.Entry, calendar.EndUtc(day) - Microsecond);
            Add(AgencyCode.Tunisia, TestData.Crossing, PassageDirection.Exit, calendar.StartUtc(day).AddHours(12));
            Add(AgencyCode.Libya, TestData.Crossing, PassageDirection.Entry, calendar.StartUtc(day).AddHours(1));
            if (d % 3 == 0)
            {
                Add(AgencyCode.Tunisia, TestData.TunisianOnlyCrossing, PassageDirection.Entry, calendar.EndUtc(day) - TimeSpan.FromSeconds(1));
            }
        }

        // After "now" (a clock ahead at a post): counted per day and crossing, as before.
        Add(AgencyCode.Tunisia, TestData.Crossing, PassageDirection.Entry, calendar.StartUtc(today.AddDays(1)));
        Add(AgencyCode.Tunisia, TestData.Crossing, PassageDirection.Exit, now.AddDays(40));
        db.Passages.AddRange(passages);
        await db.SaveChangesAsync();

        // Entries: one owned by each agency, one shared, one a vehicle; each with its own mix of hits.
        WatchlistEntry Entry(string owner, string sharedWith, EntryKind kind)
        {
            var entry = new WatchlistEntry { OwnerAgency = owner, Reference = "SQL-" + Guid.NewGuid().ToString("N")[..12], Category = WatchlistCategory.RefuseEntry, SharedWith = sharedWith, Kind = kind, CreatedUtc = now.AddDays(-400) };
            entry.SetNames(null, TestData.UniqueLatinName("Burden"));
            db.WatchlistEntries.Add(entry);
            return entry;
        }

        WatchlistEntry[] entries = [Entry(AgencyCode.Tunisia, "", EntryKind.Person), Entry(AgencyCode.Libya, "", EntryKind.Person), Entry(AgencyCode.Libya, AgencyCode.Tunisia, EntryKind.Person), Entry(AgencyCode.Tunisia, AgencyCode.Libya, EntryKind.Vehicle)];
        await db.SaveChangesAsync();

        // Durations on the bucket edges (exactly 5, 15, 60, 240 minutes and a microsecond either side), zero, and negative (a clock set back).
        TimeSpan[] durations =
        [
            TimeSpan.Zero, TimeSpan.FromMinutes(5) - Microsecond, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15) + Microsecond,
            TimeSpan.FromMinutes(60) - Microsecond, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(240), TimeSpan.FromMinutes(240) + Microsecond,
            TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(-30), TimeSpan.FromMinutes(7.25),
        ];
        int i = 0;
        var clearance = new Clearance { Number = "CLR-SQL-" + Guid.NewGuid().ToString("N")[..8], Agency = AgencyCode.Tunisia, WatchlistEntryId = entries[0].Id, DocumentNumber = "X1", IssuingState = "TUN" };
        db.Clearances.Add(clearance);
        foreach (Passage passage in passages.Where((_, n) => n % 4 == 0))
        {
            WatchlistEntry entry = entries[i % entries.Length];
            int kind = i % 7;
            DateTime created = passage.RecordedUtc.AddMinutes(1);
            TimeSpan duration = durations[i % durations.Length];
            db.Hits.Add(new Hit
            {
                PassageId = passage.Id, WatchlistEntryId = entry.Id, Explanation = "{}", Score = 0.9, Band = HitBand.Strong, CreatedUtc = created,
                Status = kind switch { 0 => HitStatus.Open, 1 => HitStatus.Suppressed, 2 => HitStatus.AwaitingOwner, _ => HitStatus.Closed },
                Outcome = kind switch { 0 or 1 => null, 2 => HitOutcome.Inconclusive, 3 or 4 => HitOutcome.Negative, _ => HitOutcome.Positive },
                DecidedUtc = kind is 0 or 1 ? null : created + duration,
                ClearanceId = kind is 1 or 3 ? clearance.Id : null,
            });
            i++;
        }

        // Incidents by type, impact and sector (one without a sector), and messages both ways, some overdue.
        string[] sectors = [.. BorderSectors.All.Take(2).Select(s => s.Id)];
        for (int n = 0; n < 9; n++)
        {
            db.Incidents.Add(new Incident
            {
                Agency = AgencyCode.Tunisia, Title = "incident " + n, Type = (IncidentType)Enum.GetValues<IncidentType>().GetValue(n % 3)!, Impact = (ImpactLevel)Enum.GetValues<ImpactLevel>().GetValue(n % 4)!,
                SectorId = n % 3 == 2 ? null : sectors[n % 2], OccurredUtc = calendar.StartUtc(today.AddDays(-n * 2)) - (n % 2 == 0 ? TimeSpan.Zero : Microsecond), RecordedUtc = now,
            });
            db.OutboxMessages.Add(new OutboxMessage { Recipient = AgencyCode.Libya, Type = n % 2 == 0 ? "hit-notification" : "Clearance-notice", Payload = "{}", CreatedUtc = now.AddDays(-n * 3), ReplyDueUtc = n % 4 == 0 ? now.AddHours(-n - 1) : null });
            db.InboxMessages.Add(new InboxMessage { MessageId = Guid.CreateVersion7(), Sender = AgencyCode.Libya, Recipient = AgencyCode.Tunisia, Type = n % 3 == 0 ? "reply" : "incident", Payload = "{}", ReceivedUtc = now.AddDays(-n * 3), Sequence = 1000 + n, ReplyDueUtc = n % 3 == 1 ? now.AddHours(-1) : null });
        }

        return await db.SaveChangesAsync();
    }
}

/// <summary>The computation the reports did before they moved into SQL: every row of the period read into memory.</summary>
internal static class InMemoryReference
{
    public static async Task<DashboardView> DashboardAsync(MaabarDbContext db, TimeProvider clock, NodeCalendar calendar, Actor actor, int days)
    {
        days = Math.Clamp(days, 1, 365);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        DateOnly firstDay = calendar.DayOf(nowUtc).AddDays(1 - days);
        DateTime since = calendar.StartUtc(firstDay);
        var passages = await db.Passages.AsNoTracking().Where(p => p.Agency == actor.Agency && p.RecordedUtc >= since)
            .Select(p => new { p.RecordedUtc, p.CrossingPointId, p.Direction }).ToListAsync();
        var hits = await db.Hits.AsNoTracking().Where(h => h.CreatedUtc >= since && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == actor.Agency))
            .Select(h => new { h.Status, h.Outcome, h.CreatedUtc, h.DecidedUtc, h.ClearanceId }).ToListAsync();
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.OccurredUtc >= since).Select(i => new { i.Type, i.Impact, i.SectorId }).ToListAsync();
        var sent = await db.OutboxMessages.AsNoTracking().Where(m => m.CreatedUtc >= since).Select(m => m.Type).ToListAsync();
        var received = await db.InboxMessages.AsNoTracking().Where(m => m.ReceivedUtc >= since).Select(m => m.Type).ToListAsync();
        int overdueReplies = await db.InboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.RepliedUtc == null && m.ReplyDueUtc < nowUtc)
            + await db.OutboxMessages.CountAsync(m => m.ReplyDueUtc != null && m.ReplyDueUtc < nowUtc && !db.InboxMessages.Any(i => i.CorrelationId == m.MessageId));

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
            [.. Dashboard.DecisionBuckets.Select(b => new Bar(b.Label, minutes.Count(m => m >= b.From && m < b.To)))],
            [.. localPassages.GroupBy(p => p).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.CrossingPointId, StringComparer.Ordinal).ThenBy(g => g.Key.Direction)
                .Select(g => new Bar($"{g.Key.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {g.Key.CrossingPointId} {g.Key.Direction}", g.Count()))]);
    }

    public static async Task<IReadOnlyList<NamesakeBurdenRow>> NamesakeBurdenAsync(MaabarDbContext db, Actor actor)
    {
        var hits = await db.Hits.AsNoTracking()
            .Select(h => new { h.WatchlistEntryId, h.Status, h.Outcome, h.CreatedUtc, h.DecidedUtc, h.ClearanceId })
            .ToListAsync();
        Guid[] entryIds = [.. hits.Select(h => h.WatchlistEntryId).Distinct()];
        Dictionary<Guid, WatchlistEntry> entries = (await db.WatchlistEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToListAsync())
            .Where(e => e.IsVisibleTo(actor.Agency)).ToDictionary(e => e.Id);
        var rows = new List<NamesakeBurdenRow>();
        foreach (var group in hits.Where(h => entries.ContainsKey(h.WatchlistEntryId)).GroupBy(h => h.WatchlistEntryId))
        {
            WatchlistEntry e = entries[group.Key];
            double[] minutes = [.. group.Where(h => h.DecidedUtc is not null).Select(h => (h.DecidedUtc!.Value - h.CreatedUtc).TotalMinutes).Order()];
            rows.Add(new NamesakeBurdenRow(
                e.Id, e.OwnerAgency, e.Reference, e.Category,
                group.Count(h => h.Status != HitStatus.Suppressed),
                group.Count(h => h.Outcome == HitOutcome.Negative),
                group.Count(h => h.Outcome == HitOutcome.Positive),
                group.Count(h => h.Outcome == HitOutcome.Inconclusive),
                group.Count(h => h.Outcome is null && h.Status != HitStatus.Suppressed),
                group.Count(h => h.Status == HitStatus.Suppressed),
                group.Count(h => h.Outcome == HitOutcome.Negative && h.ClearanceId is not null),
                minutes.Length == 0 ? null : minutes.Length % 2 == 1 ? minutes[minutes.Length / 2] : (minutes[(minutes.Length / 2) - 1] + minutes[minutes.Length / 2]) / 2,
                e.Kind == EntryKind.Person ? WatchlistRules.MissingIdentifiers(e) : []));
        }

        return [.. rows
            .OrderByDescending(r => r.Negatives + r.RepeatStopsAvoided)
            .ThenByDescending(r => r.MissingIdentifiers.Count)
            .ThenByDescending(r => r.Hits)
            .ThenBy(r => r.Reference, StringComparer.Ordinal)];
    }
}

/// <summary>New Year's Eve, 23:30 in Tunis: the period holds the ends of November and December.</summary>
public sealed class SqliteTunisReportsFixture() : CoreFixture(StorageProvider.Sqlite, new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero));

public sealed class PostgresTunisReportsFixture() : CoreFixture(StorageProvider.Postgres, new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero));

/// <summary>A node in Paris on 2 April 2027: the period holds the end of February and the change to summer time (28 March).</summary>
public sealed class SqliteParisReportsFixture() : CoreFixture(StorageProvider.Sqlite, new DateTimeOffset(2027, 4, 2, 21, 59, 0, TimeSpan.Zero))
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Node:TimeZone", "Europe/Paris")];
}

public sealed class PostgresParisReportsFixture() : CoreFixture(StorageProvider.Postgres, new DateTimeOffset(2027, 4, 2, 21, 59, 0, TimeSpan.Zero))
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Node:TimeZone", "Europe/Paris")];
}

public sealed class SqliteTunisReportsInSqlTests(SqliteTunisReportsFixture fixture) : ReportsInSqlTests(fixture, 45), IClassFixture<SqliteTunisReportsFixture>;

public sealed class PostgresTunisReportsInSqlTests(PostgresTunisReportsFixture fixture) : ReportsInSqlTests(fixture, 45), IClassFixture<PostgresTunisReportsFixture>;

public sealed class SqliteParisReportsInSqlTests(SqliteParisReportsFixture fixture) : ReportsInSqlTests(fixture, 60), IClassFixture<SqliteParisReportsFixture>;

public sealed class PostgresParisReportsInSqlTests(PostgresParisReportsFixture fixture) : ReportsInSqlTests(fixture, 60), IClassFixture<PostgresParisReportsFixture>;
