using Maabar.Core.Data;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>The incident log on a real database: reported, validated, followed up into a timeline, closed, audited.</summary>
public abstract class IncidentTests(CoreFixture fixture)
{
    private Task<T> Log<T>(Func<IncidentLog, Task<T>> action) => fixture.InScopeAsync(sp => action(sp.GetRequiredService<IncidentLog>()));

    [Fact]
    public async Task Incident_IsReported_FollowedUp_Escalated_AndClosed()
    {
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        Actor libyan = await fixture.ActorAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        string title = "Queue of trucks " + TestData.UniqueLetters();

        var byAnalyst = await Log(l => l.ReportAsync(analyst, new IncidentInput("congestion", "medium", TestData.Crossing, null, null, title, null, null), CancellationToken.None));
        var invalid = await Log(l => l.ReportAsync(officer, new IncidentInput("earthquake", "huge", null, null, null, " ", null, "yesterday"), CancellationToken.None));
        var reported = await Log(l => l.ReportAsync(officer, new IncidentInput("congestion", "medium", TestData.Crossing, null, null, title, "Two kilometres of trucks", "2026-11-29T06:00:00Z"), CancellationToken.None));
        Guid id = reported.Incident!.Id;
        var otherAgency = await Log(l => l.FollowUpAsync(libyan, id, "Not ours", null, false, CancellationToken.None));
        var raised = await Log(l => l.FollowUpAsync(officer, id, "Protest blocks the lanes", "high", false, CancellationToken.None));
        var closed = await Log(l => l.FollowUpAsync(officer, id, "Traffic back to normal", null, true, CancellationToken.None));
        var afterClose = await Log(l => l.FollowUpAsync(officer, id, "More", null, false, CancellationToken.None));
        IReadOnlyList<IncidentView> open = await Log(l => l.ListAsync(officer, true, null, 500, CancellationToken.None));

        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(byAnalyst.Errors).Code);
        Assert.Equal(["type", "impact", "title", "occurredUtc"], invalid.Errors.Select(e => e.Field));
        Assert.Null(invalid.Incident);
        Assert.Equal(1, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Incidents.CountAsync(i => i.Title == title)));
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc), reported.Incident.FirstReportDueUtc);
        Assert.Equal(ErrorCodes.IncidentNotFound, otherAgency.Error);
        Assert.Equal(ImpactLevel.High, raised.Incident!.Impact);
        Assert.NotNull(closed.Incident!.ClosedUtc);
        Assert.Equal(2, closed.Incident.Reports.Count);
        Assert.Equal(ErrorCodes.IncidentClosed, afterClose.Error);
        Assert.DoesNotContain(open, x => x.Id == id);
        string key = id.ToString();
        Assert.Equal(3, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.IncidentRecorded && a.EntityId == key)));
    }

    [Fact]
    public async Task List_OtherAgencysIncidentNeverSentToPartners_IsNotShownButASharedOneIs()
    {
        Actor tunisian = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor libyan = await fixture.ActorAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        string low = "Low " + TestData.UniqueLetters();
        string high = "High " + TestData.UniqueLetters();
        Guid lowId = (await Log(l => l.ReportAsync(tunisian, new IncidentInput("congestion", "low", TestData.Crossing, null, null, low, null, null), CancellationToken.None))).Incident!.Id;
        Guid highId = (await Log(l => l.ReportAsync(tunisian, new IncidentInput("congestion", "high", TestData.Crossing, null, null, high, null, null), CancellationToken.None))).Incident!.Id;

        IReadOnlyList<IncidentView> seenByLibyan = await Log(l => l.ListAsync(libyan, false, null, 500, CancellationToken.None));
        IReadOnlyList<IncidentView> seenByTunisian = await Log(l => l.ListAsync(tunisian, false, null, 500, CancellationToken.None));

        Assert.DoesNotContain(seenByLibyan, x => x.Id == lowId);
        Assert.Contains(seenByLibyan, x => x.Id == highId);
        Assert.Contains(seenByTunisian, x => x.Id == lowId);
        Assert.Contains(seenByTunisian, x => x.Id == highId);
    }

    [Fact]
    public void FirstReport_IsOverdueAfter24HoursWithoutAFollowUp()
    {
        DateTime occurred = new(2026, 11, 28, 6, 0, 0, DateTimeKind.Utc);
        var view = new IncidentView(Guid.CreateVersion7(), "TUN", IncidentType.ArmedClash, ImpactLevel.Critical, null, 33.1, 11.5, "Clash", null, occurred, occurred.AddHours(24), null, []);

        Assert.False(view.FirstReportOverdue(occurred.AddHours(23)));
        Assert.True(view.FirstReportOverdue(occurred.AddHours(25)));
        Assert.False((view with { Reports = [new IncidentReportView(Guid.CreateVersion7(), "Report", null, false, "TUN", occurred.AddHours(2))] }).FirstReportOverdue(occurred.AddHours(25)));
    }
}

public sealed class SqliteIncidentTests(SqliteCoreFixture fixture) : IncidentTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresIncidentTests(PostgresCoreFixture fixture) : IncidentTests(fixture), IClassFixture<PostgresCoreFixture>;
