using Maabar.Core;
using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>The crossing status board on a real database: set by supervisors, read by anyone, enforced at the lane.</summary>
public abstract class CrossingBoardTests(CoreFixture fixture)
{
    private Task<(SideView? Side, IReadOnlyList<ValidationError> Errors, bool NotFound)> SetAsync(Actor actor, string status, string? reason, string? lane = null, IReadOnlyList<string>? allowed = null) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<SetCrossingStatus>().HandleAsync(actor, TestData.TunisianOnlyCrossing, lane, status, reason, "2026-12-01T08:00:00Z", allowed, CancellationToken.None));

    private Task<RecordPassageResult> CrossAsync(Actor officer, string? category = null) => fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(officer,
        new RecordPassageRequest(TestData.TunisianOnlyCrossing, "CAR-IN-1", "entry", new IdentityInput(FullNameLatin: TestData.UniqueLatinName(), BirthDate: "1980-01-01"), null, Category: category), CancellationToken.None));

    private Task<int> PassagesAsync() => fixture.InScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
        sp.GetRequiredService<Maabar.Core.Data.MaabarDbContext>().Passages, p => p.CrossingPointId == TestData.TunisianOnlyCrossing));

    [Fact]
    public async Task HumanitarianOnlySide_AdmitsOnlyItsCategories_AndSaysWhichOnesItAdmits()
    {
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        await SetAsync(supervisor, "humanitarian-only", "Reopening for humanitarian cases", allowed: ["medical"]);
        int before = await PassagesAsync();

        RecordPassageResult ordinary = await CrossAsync(officer);
        RecordPassageResult freight = await CrossAsync(officer, "freight");
        RecordPassageResult unknown = await CrossAsync(officer, "tourist");
        int afterRefusals = await PassagesAsync();
        RecordPassageResult humanitarian = await CrossAsync(officer, "humanitarian");
        RecordPassageResult medical = await CrossAsync(officer, " Medical ");
        await SetAsync(supervisor, "open", null);
        RecordPassageResult reopened = await CrossAsync(officer);

        Assert.Equal(RecordPassageOutcome.NotAdmitted, ordinary.Outcome);
        Assert.Equal((ErrorCodes.CategoryNotAdmitted, "category"), (ordinary.Errors![0].Code, ordinary.Errors[0].Field));
        Assert.Equal(["humanitarian", "medical"], ordinary.Admitted);
        Assert.Equal(RecordPassageOutcome.NotAdmitted, freight.Outcome);
        Assert.Equal(RecordPassageOutcome.Invalid, unknown.Outcome);
        Assert.Equal(ErrorCodes.TravellerCategoryInvalid, Assert.Single(unknown.Errors!).Code);
        Assert.Equal(before, afterRefusals);
        Assert.Equal(RecordPassageOutcome.Recorded, humanitarian.Outcome);
        Assert.Equal("humanitarian", humanitarian.Passage!.Category);
        Assert.Equal("medical", medical.Passage!.Category);
        Assert.Equal(RecordPassageOutcome.Recorded, reopened.Outcome);
        Assert.Null(reopened.Passage!.Category);
        Assert.Equal(before + 3, await PassagesAsync());
    }

    [Fact]
    public async Task ClosedSide_RefusesPassages_TheBoardSaysWhy_AndReopeningAllowsThemAgain()
    {
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        var byOfficer = await SetAsync(officer, "closed", "Protest at the gate");
        var noReason = await SetAsync(supervisor, "closed", null);
        var badCategory = await SetAsync(supervisor, "restricted", "Works", allowed: ["tourists"]);
        var closed = await SetAsync(supervisor, "closed", "Protest at the gate");
        RecordPassageResult refused = await CrossAsync(officer);
        IReadOnlyList<BoardCrossing> board = await fixture.InScopeAsync(sp => sp.GetRequiredService<CrossingBoard>().HandleAsync(AgencyCode.Tunisia, CancellationToken.None));
        var humanitarian = await SetAsync(supervisor, "humanitarian-only", "Reopening for medical cases", allowed: ["humanitarian", "medical"]);
        RecordPassageResult allowedAgain = await CrossAsync(officer, "medical");

        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(byOfficer.Errors).Code);
        Assert.Equal((ErrorCodes.ReasonRequired, "reason"), (noReason.Errors[0].Code, noReason.Errors[0].Field));
        Assert.Equal(ErrorCodes.CrossingCategoryInvalid, Assert.Single(badCategory.Errors).Code);
        Assert.Equal(CrossingStatus.Closed, closed.Side!.Status);
        Assert.Equal(RecordPassageOutcome.LaneClosed, refused.Outcome);
        BoardCrossing crossing = Assert.Single(board, c => c.Id == TestData.TunisianOnlyCrossing);
        SideView side = Assert.Single(crossing.Sides, s => s.Agency == AgencyCode.Tunisia);
        Assert.Equal((CrossingStatus.Closed, "Protest at the gate"), (side.Status, side.Reason));
        Assert.Equal(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), side.ExpectedReopeningUtc);
        Assert.All(crossing.Lanes, l => Assert.Equal(CrossingStatus.Closed, l.Status));
        Assert.Equal(["humanitarian", "medical"], humanitarian.Side!.AllowedCategories);
        Assert.Equal(RecordPassageOutcome.Recorded, allowedAgain.Outcome);
        await SetAsync(supervisor, "open", null);
    }

    [Fact]
    public async Task Dashboard_CountsTodaysPassagesPerCrossingAndDirection()
    {
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        Maabar.Core.Features.Reports.DashboardView before = await fixture.InScopeAsync(sp => sp.GetRequiredService<Maabar.Core.Features.Reports.Dashboard>().HandleAsync(analyst, 7, CancellationToken.None));
        Assert.Equal(RecordPassageOutcome.Recorded, (await CrossAsync(officer)).Outcome);

        Maabar.Core.Features.Reports.DashboardView after = await fixture.InScopeAsync(sp => sp.GetRequiredService<Maabar.Core.Features.Reports.Dashboard>().HandleAsync(analyst, 7, CancellationToken.None));

        Assert.Equal(7, after.PassagesPerDay.Count);
        Assert.Equal(before.PassagesPerDay[^1].Value + 1, after.PassagesPerDay[^1].Value);
        double Entries(Maabar.Core.Features.Reports.DashboardView v) => v.PassagesPerCrossingAndDirection.FirstOrDefault(b => b.Label == $"{TestData.TunisianOnlyCrossing} Entry")?.Value ?? 0;
        Assert.Equal(Entries(before) + 1, Entries(after));
        // Today as the dashboard reads it: the fixture's clock, on the node's calendar.
        string today = NodeCalendar.Tunis.Today(fixture.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        double TodayEntries(Maabar.Core.Features.Reports.DashboardView v) => v.PassagesPerDayCrossingAndDirection.FirstOrDefault(b => b.Label == $"{today} {TestData.TunisianOnlyCrossing} Entry")?.Value ?? 0;
        Assert.Equal(TodayEntries(before) + 1, TodayEntries(after));
        Assert.Equal(["0-5", "5-15", "15-60", "60-240", "240+"], after.TimeToDecide.Select(b => b.Label));
        Assert.Same(after.TimeToDecide, after.Tables["time-to-decide"]);
    }

    [Fact]
    public void WaitEstimate_FollowsTheLoadOfTheLane()
    {
        DateTime start = new(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);
        DateTime[] quiet = [.. Enumerable.Range(0, 6).Select(i => start.AddMinutes(i * 10))];
        DateTime[] busy = [.. Enumerable.Range(0, 55).Select(i => start.AddMinutes(i))];
        DateTime[] saturated = [.. Enumerable.Range(0, 120).Select(i => start.AddSeconds(i * 30))];

        var q = CrossingRules.EstimateWait(quiet, TimeSpan.FromHours(1))!.Value;
        var b = CrossingRules.EstimateWait(busy, TimeSpan.FromHours(1))!.Value;
        var s = CrossingRules.EstimateWait(saturated, TimeSpan.FromHours(1))!.Value;

        // A traveller every 10 minutes: an idle lane (service capped at 3 minutes, load 0.3), under two minutes' wait.
        Assert.Equal(CrossingRules.MaxServiceTime, q.ServiceTime);
        Assert.Equal(0.3, q.Load, 2);
        Assert.True(q.Wait < TimeSpan.FromMinutes(2), q.Wait.ToString());

        // One a minute for most of the hour: a lane near capacity, a wait of several minutes.
        Assert.Equal(TimeSpan.FromMinutes(1), b.ServiceTime);
        Assert.True(b.Wait > TimeSpan.FromMinutes(5), b.Wait.ToString());
        Assert.Equal(TimeSpan.FromHours(4), s.Wait);
        Assert.Null(CrossingRules.EstimateWait([start, start.AddMinutes(1)], TimeSpan.FromHours(1)));
    }
}

public sealed class SqliteCrossingBoardTests(SqliteCoreFixture fixture) : CrossingBoardTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresCrossingBoardTests(PostgresCoreFixture fixture) : CrossingBoardTests(fixture), IClassFixture<PostgresCoreFixture>;
