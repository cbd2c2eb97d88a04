using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>Issue 22 point 2: the liaison desk shows what the inbox refused, a flood as one line with its size.</summary>
public abstract class RefusedMessagesTests(CoreFixture fixture)
{
    private static readonly Actor System = Actor.System(AgencyCode.Tunisia);

    [Fact]
    public void Format_ThenTryParse_GivesBackCodeSourceAndCount()
    {
        string details = RefusedMessages.Format(FederationCodes.SignatureInvalid, "2001:db8::1", 41);

        Assert.True(RefusedMessages.TryParse(details, out string code, out string source, out int heldBack));
        Assert.Equal((FederationCodes.SignatureInvalid, "2001:db8::1", 41), (code, source, heldBack));
        Assert.False(RefusedMessages.TryParse("count=3", out _, out _, out _));
        Assert.False(RefusedMessages.TryParse(null, out _, out _, out _));
    }

    [Fact]
    public async Task LastPeriod_SampledRowsWithHeldBackCounts_SumsPerCodeAndSourceWithinTheDay()
    {
        string source = "198.51.100." + Random.Shared.Next(1, 250);
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();

            // A day and a minute ago: outside the period. Then two windows of one flood, and another reason.
            db.Audit(System, now.AddDays(-1).AddMinutes(-1), AuditActions.FederationRejected, "message", "-", "federation.receive", RefusedMessages.Format(FederationCodes.EnvelopeInvalid, source, 500));
            db.Audit(System, now.AddMinutes(-3), AuditActions.FederationRejected, "message", "-", "federation.receive", RefusedMessages.Format(FederationCodes.EnvelopeInvalid, source, 7));
            db.Audit(System, now.AddMinutes(-2), AuditActions.FederationRejected, "message", "-", "federation.receive", RefusedMessages.Format(FederationCodes.EnvelopeInvalid, source, 199));
            db.Audit(System, now.AddMinutes(-1), AuditActions.FederationRejected, "message", "-", "federation.receive", RefusedMessages.Format(FederationCodes.Stale, source, 0));
            return await db.SaveChangesAsync();
        });
        Actor liaison = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));

        IReadOnlyList<RefusedMessageCount> counts = await fixture.InScopeAsync(sp => sp.GetRequiredService<RefusedMessages>().LastPeriodAsync(liaison, [(FederationCodes.EnvelopeInvalid, source, 12), (FederationCodes.NotShared, source, 5)], CancellationToken.None));

        RefusedMessageCount[] mine = [.. counts.Where(c => c.Source == source)];
        Assert.Equal(2, mine.Length);
        Assert.Equal((FederationCodes.Stale, 1, AuditChain.Microseconds(now.AddMinutes(-1))), (mine[0].Code, mine[0].Count, mine[0].LastUtc));
        // Two rows with what each held back, plus 12 counted since the last row; the 5 of a key never audited (no open window) are not invented.
        Assert.Equal((FederationCodes.EnvelopeInvalid, 1 + 7 + 1 + 199 + 12), (mine[1].Code, mine[1].Count));
    }

    [Fact]
    public async Task LastPeriod_OfficerWhoDoesNotWorkTheDesk_SeesNothing()
    {
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            db.Audit(System, fixture.Clock.GetUtcNow().UtcDateTime, AuditActions.FederationRejected, "message", "-", "federation.receive", RefusedMessages.Format(FederationCodes.Stale, "192.0.2.9", 0));
            return await db.SaveChangesAsync();
        });
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        IReadOnlyList<RefusedMessageCount> counts = await fixture.InScopeAsync(sp => sp.GetRequiredService<RefusedMessages>().LastPeriodAsync(officer, [], CancellationToken.None));

        Assert.Empty(counts);
    }
}

public sealed class SqliteRefusedMessagesTests(SqliteCoreFixture fixture) : RefusedMessagesTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresRefusedMessagesTests(PostgresCoreFixture fixture) : RefusedMessagesTests(fixture), IClassFixture<PostgresCoreFixture>;
