using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Reports;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The dashboard counts the node's days: a passage late on the last evening of a month belongs to that
/// month, and one just after local midnight to the next, whatever day it is in UTC.
/// </summary>
public abstract class DashboardCalendarTests(CoreFixture fixture)
{
    /// <summary>23:30 in Tunis (UTC+1) on 30 November, the last day of the month.</summary>
    public static readonly DateTimeOffset LastEveningOfNovember = new(2026, 11, 30, 22, 30, 0, TimeSpan.Zero);

    private Task<RecordPassageResult> CrossAsync(Actor officer) => fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(officer,
        new RecordPassageRequest(TestData.TunisianOnlyCrossing, "CAR-IN-1", "entry", new IdentityInput(FullNameLatin: TestData.UniqueLatinName(), BirthDate: "1980-01-01"), null), CancellationToken.None));

    private Task<DashboardView> DashboardAsync(Actor analyst) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<Dashboard>().HandleAsync(analyst, 7, CancellationToken.None));

    private static double Count(DashboardView view, string day) =>
        view.PassagesPerDayCrossingAndDirection.FirstOrDefault(b => b.Label == $"{day} {TestData.TunisianOnlyCrossing} Entry")?.Value ?? 0;

    [Fact]
    public async Task Dashboard_PassagesAroundLocalMidnightAtMonthEnd_AreCountedOnTheirTunisDay()
    {
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        Assert.Equal(LastEveningOfNovember, fixture.Clock.GetUtcNow());

        Assert.Equal(RecordPassageOutcome.Recorded, (await CrossAsync(officer)).Outcome); // 23:30 Tunis, 30 November
        DashboardView lateEvening = await DashboardAsync(analyst);
        fixture.Clock.Advance(TimeSpan.FromHours(1)); // 00:30 Tunis on 1 December; still 30 November in UTC
        Assert.Equal(RecordPassageOutcome.Recorded, (await CrossAsync(officer)).Outcome);
        DashboardView afterMidnight = await DashboardAsync(analyst);

        Assert.Equal("11-30", lateEvening.PassagesPerDay[^1].Label);
        Assert.Equal(1, lateEvening.PassagesPerDay[^1].Value);
        Assert.Equal(1, Count(lateEvening, "2026-11-30"));
        Assert.Equal(["11-25", "11-26", "11-27", "11-28", "11-29", "11-30", "12-01"], afterMidnight.PassagesPerDay.Select(b => b.Label));
        Assert.Equal([1d, 1d], afterMidnight.PassagesPerDay.TakeLast(2).Select(b => b.Value));
        Assert.Equal(1, Count(afterMidnight, "2026-11-30"));
        Assert.Equal(1, Count(afterMidnight, "2026-12-01"));
        Assert.Contains("2026-11-30 " + TestData.TunisianOnlyCrossing + " Entry,1\r\n", DashboardView.ToCsv(afterMidnight.Tables["passages-per-day-crossing-direction"]), StringComparison.Ordinal);
    }
}

public sealed class SqliteMonthEndFixture() : CoreFixture(StorageProvider.Sqlite, DashboardCalendarTests.LastEveningOfNovember);

public sealed class PostgresMonthEndFixture() : CoreFixture(StorageProvider.Postgres, DashboardCalendarTests.LastEveningOfNovember);

public sealed class SqliteDashboardCalendarTests(SqliteMonthEndFixture fixture) : DashboardCalendarTests(fixture), IClassFixture<SqliteMonthEndFixture>;

public sealed class PostgresDashboardCalendarTests(PostgresMonthEndFixture fixture) : DashboardCalendarTests(fixture), IClassFixture<PostgresMonthEndFixture>;
