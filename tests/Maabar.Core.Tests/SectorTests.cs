using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Core.Features.Incidents;
using Maabar.Core.Features.Sectors;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>Border sectors on a real database: assessed by supervisors, the partner's assessment applied, incidents placed in them.</summary>
public abstract class SectorTests(CoreFixture fixture)
{
    private Task<(SectorAssessmentView? Assessment, IReadOnlyList<ValidationError> Errors, bool NotFound)> SetAsync(Actor actor, string sector, string? impact, string? reason) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<SetSectorImpact>().HandleAsync(actor, sector, impact, reason, CancellationToken.None));

    private Task<IReadOnlyList<SectorView>> BoardAsync() => fixture.InScopeAsync(sp => sp.GetRequiredService<SectorBoard>().HandleAsync(CancellationToken.None));

    [Fact]
    public async Task Sector_ShowsTheHigherAssessment_WithTheOpenIncidentsInIt()
    {
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        var byOfficer = await SetAsync(officer, "TN-LY-S2", "high", "Smuggling route active");
        var unknown = await SetAsync(supervisor, "TN-LY-S9", "high", "x");
        var badLevel = await SetAsync(supervisor, "TN-LY-S2", "extreme", "x");
        var noReason = await SetAsync(supervisor, "TN-LY-S2", "high", " ");
        var set = await SetAsync(supervisor, "tn-ly-s2", "high", "Smuggling route active");
        string? applied = await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            string? error = await SectorBoard.ApplyNoticeAsync(db, "LBY", new SectorImpactPayload("TN-LY-S2", "LBY", ImpactLevel.Critical, "Armed group seen near Wazin", fixture.Clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            await db.SaveChangesAsync();
            return error;
        });
        string? forged = await fixture.InScopeAsync(sp => SectorBoard.ApplyNoticeAsync(sp.GetRequiredService<MaabarDbContext>(), "LBY", new SectorImpactPayload("TN-LY-S2", "TUN", ImpactLevel.Low, null, fixture.Clock.GetUtcNow().UtcDateTime), CancellationToken.None));
        var incident = await fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().ReportAsync(officer,
            new IncidentInput("smugglingseizure", "medium", null, 31.9, 10.6, "Fuel seized in the dunes", null, null), CancellationToken.None));
        var badSector = await fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().ReportAsync(officer,
            new IncidentInput("other", "low", null, null, null, "Somewhere", null, null, "TN-LY-S9"), CancellationToken.None));
        IReadOnlyList<SectorView> board = await BoardAsync();

        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(byOfficer.Errors).Code);
        Assert.True(unknown.NotFound);
        Assert.Equal(ErrorCodes.ImpactInvalid, Assert.Single(badLevel.Errors).Code);
        Assert.Equal(ErrorCodes.ReasonRequired, Assert.Single(noReason.Errors).Code);
        Assert.Equal(ImpactLevel.High, set.Assessment!.Impact);
        Assert.Null(applied);
        Assert.Equal(FederationCodes.NotTheOwner, forged);
        Assert.Equal("TN-LY-S2", incident.Incident!.SectorId);
        Assert.Equal(ErrorCodes.SectorUnknown, Assert.Single(badSector.Errors).Code);
        Assert.Equal(BorderSectors.All.Select(s => s.Id), board.Select(s => s.Id));
        SectorView jeffara = Assert.Single(board, s => s.Id == "TN-LY-S2");
        Assert.Equal(ImpactLevel.Critical, jeffara.Impact);
        Assert.Equal([("LBY", ImpactLevel.Critical), ("TUN", ImpactLevel.High)], jeffara.Assessments.Select(a => (a.Agency, a.Impact)));
        Assert.Equal((1, ImpactLevel.Medium), (jeffara.OpenIncidents, jeffara.WorstOpenIncident));
        Assert.Equal(ImpactLevel.Low, Assert.Single(board, s => s.Id == "TN-LY-S4").Impact);
        Assert.Equal(1, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.SectorAssessed && a.EntityId == "TN-LY-S2")));
    }

    [Fact]
    public async Task IncidentAtRasJedir_FallsInTheCoastalSector()
    {
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        var incident = await fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().ReportAsync(officer,
            new IncidentInput("congestion", "low", TestData.Crossing, null, null, "Queue", null, null), CancellationToken.None));

        Assert.Equal("TN-LY-S1", incident.Incident!.SectorId);
    }
}

public sealed class SqliteSectorTests(SqliteCoreFixture fixture) : SectorTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresSectorTests(PostgresCoreFixture fixture) : SectorTests(fixture), IClassFixture<PostgresCoreFixture>;
