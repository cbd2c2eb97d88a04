using Maabar.Hosting;
using Maabar.Testing;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

public sealed class DbMigrateTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Migrate_EmptyDatabase_AppliesThenReportsUpToDate(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        string[] args = ["db", "migrate", .. database.StorageArguments()];

        var first = await RunAsync(args);
        var second = await RunAsync(args);

        Assert.Equal((0, string.Empty), (first.Code, first.Error));
        string[] lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] listed = [.. lines.Skip(1).Select(l => l.Trim())];
        Assert.Equal($"{provider}: applied {listed.Length} migration(s):", lines[0]);
        Assert.EndsWith("_Initial", listed[0], StringComparison.Ordinal);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal(0, second.Code);
        Assert.Equal($"{provider}: database is up to date.", second.Output.Trim());
    }

    [Fact]
    public async Task Migrate_PostgresWithAnOwnerRole_MigratesAsOwnerAndLeavesTheServerRoleUnableToRewriteTheTrail()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Postgres, restrictedServerRole: true);
        string[] args = ["db", "migrate", .. database.StorageArguments()];

        var first = await RunAsync(args);
        var second = await RunAsync(args);

        Assert.Equal((0, string.Empty), (first.Code, first.Error));
        Assert.Equal("Postgres: database is up to date.", second.Output.Trim());
        await using var server = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await server.OpenAsync();
        await using (var insert = new Npgsql.NpgsqlCommand("""INSERT INTO "AuditEntries" ("Id", "OccurredUtc", "UserName", "Agency", "Action", "EntityType", "EntityId", "Purpose") VALUES (gen_random_uuid(), now(), 'system', 'TUN', 'test.written', 'test', '1', 'audit.test')""", server))
        {
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var delete = new Npgsql.NpgsqlCommand("""DELETE FROM "AuditEntries" """, server);
        Npgsql.PostgresException refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await using var count = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "AuditEntries" """, server);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrate_SqliteDefault_CreatesTheFileInTheDataFolder()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        string folder = Path.Combine(database.DataDirectory, "nested");

        var result = await RunAsync("db", "migrate", "--data-dir", folder);

        Assert.Equal(0, result.Code);
        Assert.True(File.Exists(Path.Combine(folder, "maabar.db")));
    }

    [Fact]
    public async Task Migrate_PostgresWithoutConnectionString_Is2AndSaysWhy()
    {
        var result = await RunAsync("db", "migrate", "--provider", "Postgres");

        Assert.Equal(MaabarCli.BadInput, result.Code);
        Assert.Contains("Storage:ConnectionString is required for PostgreSQL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UnreachableDatabase_Is1AndNamesTheProvider()
    {
        var result = await RunAsync("db", "migrate", "--provider", "Postgres", "--connection-string", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");

        Assert.Equal(MaabarCli.Failure, result.Code);
        Assert.StartsWith("maabar: Postgres: migration failed:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db", "nope")]
    [InlineData("frobnicate")]
    [InlineData("db", "migrate", "--provider", "Oracle")]
    public async Task UnknownCommandOrValue_Is2(params string[] args) => Assert.Equal(MaabarCli.BadInput, (await RunAsync(args)).Code);

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var result = await RunAsync("--version");

        Assert.Equal(0, result.Code);
        Assert.StartsWith("0.1.0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheDbCommand()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.Code);
        Assert.Contains("db", result.Output, StringComparison.Ordinal);
    }
}
