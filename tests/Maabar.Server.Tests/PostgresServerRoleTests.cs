using System.Net;
using System.Net.Http.Json;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Maabar.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 22 point 3: on PostgreSQL the server works as a role that can only insert and read the audit trail and
/// owns no table; the schema's owner migrates. Every PostgreSQL server test runs this way (<see cref="ServerFixture"/>);
/// these tests show the refusals themselves, as an insider holding the server's credentials would meet them.
/// </summary>
public sealed class PostgresServerRoleTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    [InlineData("TRUNCATE \"AuditEntries\"")]
    [InlineData("UPDATE \"AuditCheckpoints\" SET \"Hash\" = 'x'")]
    [InlineData("DELETE FROM \"AuditCheckpoints\"")]
    [InlineData("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE \"Passages\"")]
    [InlineData("CREATE TABLE \"Shadow\" (\"Id\" integer)")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    public async Task ServerRole_RewritesTrailOrSchema_IsRefusedAndNothingChanges(string sql)
    {
        // The server has written to the trail through its own role: a sign-in is audited.
        using HttpClient client = await fixture.Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        TestDatabase database = fixture.Factory.Database;
        string before = await TrailFingerprintAsync(database.OwnerConnectionString!);
        Assert.True(long.Parse(before.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture) > 0, "the trail has rows");

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
        Assert.Equal(before, await TrailFingerprintAsync(database.OwnerConnectionString!));
    }

    [Fact]
    public async Task ServerRole_WorkingDay_WritesPassagesAndAppendsTheChain()
    {
        TestDatabase database = fixture.Factory.Database;
        long before = await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM \"AuditEntries\"");
        using HttpClient client = await fixture.Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        var passage = new
        {
            crossingId = TestData.Crossing,
            lane = "CAR-IN-1",
            direction = "entry",
            identity = new { fullNameLatin = TestData.UniqueLatinName("Role"), birthDate = "1984-02-03", sex = "M", nationality = "LBY", documentType = "P", documentNumber = "R" + TestData.UniqueLetters(), documentIssuingState = "LBY" },
        };

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", passage);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM \"AuditEntries\"") > before);
        Assert.Equal(
            await ScalarAsync(database.ConnectionString, "SELECT max(\"ChainPosition\") FROM \"AuditEntries\""),
            await ScalarAsync(database.ConnectionString, "SELECT \"Position\" FROM \"AuditChainHeads\""));
        Assert.Equal("f", await TextAsync(database.ConnectionString, "SELECT (\"tableowner\" = current_user)::text::char FROM pg_tables WHERE tablename = 'AuditEntries'"));
    }

    [Fact]
    public void StorageOptions_MigrationRoleSameAsServerRole_FailsValidationNamingTheSetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Username=maabar;Database=maabar",
            ["Storage:MigrationConnectionString"] = "Host=127.0.0.1;Username=maabar;Database=maabar",
        }).Build();
        var services = new ServiceCollection();
        services.AddMaabarStorage(configuration, Path.GetTempPath());
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:MigrationConnectionString", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Row counts and the last hash of the trail and of the checkpoints, read as the owner.</summary>
    private static async Task<string> TrailFingerprintAsync(string connectionString) =>
        await TextAsync(connectionString, """
            SELECT (SELECT count(*) FROM "AuditEntries")::text || ':' ||
                   coalesce((SELECT string_agg(coalesce("Hash", '-') || coalesce("UserName", '-'), ',' ORDER BY "ChainPosition") FROM "AuditEntries"), '') || ':' ||
                   (SELECT count(*) FROM "AuditCheckpoints")::text || ':' ||
                   coalesce((SELECT string_agg("Hash", ',' ORDER BY "Position") FROM "AuditCheckpoints"), '')
            """);

    private static async Task<long> ScalarAsync(string connectionString, string sql) =>
        long.Parse(await TextAsync(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
