using Maabar.Core.Data;
using Maabar.Core.Features.Retention;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

/// <summary><c>maabar retention purge [--dry-run]</c>: one line per record type; a dry run changes nothing; a run is audited as the operator.</summary>
public sealed class RetentionPurgeTests
{
    private static ServiceProvider Node(TestDatabase database)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMaabarStorage(configuration, database.DataDirectory);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Purge_DryRunThenRun_CountsThenEmptiesOnlyTheDeliveredPayload_AuditedAsTheOperator(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using ServiceProvider node = Node(database);
        await node.MigrateMaabarDatabaseAsync(CancellationToken.None);

        // The command reads the same clock as this test: a message delivered 91 days ago, one still waiting since then.
        DateTime longAgo = TestClock.Machine.GetUtcNow().UtcDateTime - new RetentionOptions().OutboxPayloads - TimeSpan.FromDays(1);
        const string Payload = "{\"traveller\":{\"fullNameLatin\":\"Miloud Zawi\"}}";
        var delivered = new OutboxMessage { Recipient = "LBY", Type = "hit-notification", Payload = Payload, CreatedUtc = longAgo, NextAttemptUtc = longAgo, Status = OutboxStatus.Delivered, DeliveredUtc = longAgo };
        var pending = new OutboxMessage { Recipient = "LBY", Type = "hit-notification", Payload = Payload, CreatedUtc = longAgo, NextAttemptUtc = longAgo };
        await using (AsyncServiceScope scope = node.CreateAsyncScope())
        {
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            db.OutboxMessages.AddRange(delivered, pending);
            await db.SaveChangesAsync();
        }

        async Task<string> PayloadOf(OutboxMessage message)
        {
            await using AsyncServiceScope scope = node.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MaabarDbContext>().OutboxMessages.Where(m => m.MessageId == message.MessageId).Select(m => m.Payload).SingleAsync();
        }

        async Task<List<AuditEntry>> RunsAsync()
        {
            await using AsyncServiceScope scope = node.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MaabarDbContext>().AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.RetentionPurged).ToListAsync();
        }

        var dry = await RunAsync(["retention", "purge", "--dry-run", .. database.StorageArguments()]);
        Assert.Equal((0, string.Empty), (dry.Code, dry.Error));
        string[] lines = dry.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RetentionRecordTypes.All, lines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.StartsWith("outbox-payloads: 1 to purge (kept 90 days; before ", lines.Single(l => l.StartsWith("outbox-payloads:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(Payload, await PayloadOf(delivered));
        Assert.Empty(await RunsAsync());

        var run = await RunAsync(["retention", "purge", .. database.StorageArguments()]);
        Assert.Equal((0, string.Empty), (run.Code, run.Error));
        Assert.Contains("outbox-payloads: 1 purged (kept 90 days; before ", run.Output, StringComparison.Ordinal);
        Assert.Equal(PurgeExpiredRecords.PurgedPayload, await PayloadOf(delivered));
        Assert.Equal(Payload, await PayloadOf(pending));
        List<AuditEntry> rows = await RunsAsync();
        Assert.Equal(RetentionRecordTypes.All.Count, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("os:", r.UserName, StringComparison.Ordinal));
        Assert.StartsWith("purged=1;period=90d;", rows.Single(r => r.EntityId == RetentionRecordTypes.OutboxPayloads).Details, StringComparison.Ordinal);

        var verified = await RunAsync(["audit", "verify", .. database.StorageArguments()]);
        Assert.Equal(0, verified.Code);
    }
}
