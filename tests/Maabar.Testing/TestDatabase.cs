using Maabar.Hosting;
using Npgsql;

namespace Maabar.Testing;

/// <summary>
/// A throwaway database for one test class: a SQLite file in a temporary folder, or a fresh PostgreSQL
/// database on the server named by <c>MAABAR_TEST_POSTGRES</c> (the README's test command starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "MAABAR_TEST_POSTGRES";

    private readonly string? adminConnectionString;
    private readonly string? databaseName;
    private readonly string? serverRole;

    private TestDatabase(StorageProvider provider, string connectionString, string dataDirectory, string? adminConnectionString, string? databaseName, string? ownerConnectionString = null, string? serverRole = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        this.adminConnectionString = adminConnectionString;
        this.databaseName = databaseName;
        OwnerConnectionString = ownerConnectionString;
        this.serverRole = serverRole;
    }

    public StorageProvider Provider { get; }

    /// <summary>The connection the node works with: the schema owner, or the server's restricted role when the database was created with one.</summary>
    public string ConnectionString { get; }

    /// <summary>PostgreSQL with a restricted server role: the schema owner's connection, which migrates (and can tamper, as an insider with it could).</summary>
    public string? OwnerConnectionString { get; }

    /// <summary>A fresh folder for the node's data (keys, credentials file, SQLite file).</summary>
    public string DataDirectory { get; }

    /// <summary>The configuration keys that point a node at this database, as a host reads them.</summary>
    public Dictionary<string, string?> StorageSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:Provider"] = Provider.ToString(),
            ["Storage:ConnectionString"] = ConnectionString,
            ["Storage:DataDirectory"] = DataDirectory,
        };
        if (OwnerConnectionString is not null)
        {
            settings["Storage:MigrationConnectionString"] = OwnerConnectionString;
        }

        return settings;
    }

    /// <summary>The same as options of the <c>maabar</c> command.</summary>
    public string[] StorageArguments() => OwnerConnectionString is null
        ? ["--provider", Provider.ToString(), "--connection-string", ConnectionString, "--data-dir", DataDirectory]
        : ["--provider", Provider.ToString(), "--connection-string", ConnectionString, "--migration-connection-string", OwnerConnectionString, "--data-dir", DataDirectory];

    /// <summary>A fresh database. With <paramref name="restrictedServerRole"/> (PostgreSQL), the node works as a login role of its own that owns nothing, and migrates as the owner, as a deployment should.</summary>
    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, bool restrictedServerRole = false)
    {
        string folder = Path.Combine(Path.GetTempPath(), "maabar-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == StorageProvider.Sqlite)
        {
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "maabar.db")}", folder, null, null);
        }

        string admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable} (e.g. 'Host=127.0.0.1;Port=55432;Username=postgres'). " +
                "Run the README's test command (scripts/test.sh), which starts a throwaway PostgreSQL and sets it.");
        string name = "maabar_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        if (!restrictedServerRole)
        {
            return new TestDatabase(provider, builder.ConnectionString, folder, admin, name);
        }

        // Roles belong to the cluster, not the database: a name of its own, dropped with the database.
        string role = "maabar_server_" + Guid.NewGuid().ToString("N");
        string password = Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var server = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = role, Password = password };
        return new TestDatabase(provider, server.ConnectionString, folder, admin, name, builder.ConnectionString, role);
    }

    public async ValueTask DisposeAsync()
    {
        if (adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
            if (serverRole is not null)
            {
                await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{serverRole}\"", connection);
                await dropRole.ExecuteNonQueryAsync();
            }
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (SQLite WAL) is left for the OS to clean up with the temp folder.
        }
    }
}
