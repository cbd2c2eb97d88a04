using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

public sealed class AuditVerifyTests
{
    /// <summary>The node's services over <paramref name="database"/>, as the server composes its storage, with a checkpoint every 5 rows.</summary>
    private static ServiceProvider Node(TestDatabase database)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings())
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Audit:CheckpointEvery", "5")]).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMaabarStorage(configuration, database.DataDirectory);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Verify_IntactThenTampered_Is0WithASummaryThen1NamingTheRow(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using ServiceProvider node = Node(database);
        await node.MigrateMaabarDatabaseAsync(CancellationToken.None);
        await using (AsyncServiceScope scope = node.CreateAsyncScope())
        {
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            for (int i = 0; i < 12; i++)
            {
                db.Audit(Actor.System("TUN"), new DateTime(2026, 12, 1, 8, 0, i, DateTimeKind.Utc), "test.written", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "audit.test");
                await db.SaveChangesAsync();
            }
        }

        // The export: every row in order, each checkpoint after the row it vouches for, the head last.
        var export = await RunAsync(["audit", "export", .. database.StorageArguments()]);
        Assert.Equal((0, string.Empty), (export.Code, export.Error));
        string[] types = [.. export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Select(e => $"{e.GetProperty("type").GetString()}{e.GetProperty("position").GetInt64()}")];
        Assert.Equal(["row1", "row2", "row3", "row4", "row5", "checkpoint5", "row6", "row7", "row8", "row9", "row10", "checkpoint10", "row11", "row12", "head12"], types);

        string[] args = ["audit", "verify", .. database.StorageArguments()];
        var intact = await RunAsync(args);
        Assert.Equal((0, string.Empty), (intact.Code, intact.Error));
        Assert.StartsWith("audit trail intact: 12 rows, 2 checkpoints (0 signed;", intact.Output, StringComparison.Ordinal);

        await using (AsyncServiceScope scope = node.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MaabarDbContext>().AuditEntries.Where(a => a.ChainPosition == 7).ExecuteDeleteAsync();
        }

        var broken = await RunAsync(args);
        Assert.Equal(1, broken.Code);
        Assert.Equal("audit trail broken: row 7 is missing (the chain jumps from 6 to 8)", broken.Output.Trim());
    }
}
