using Maabar.Hosting;
using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>One server on a fresh database per test class and provider; tests create their own rows.</summary>
public abstract class ServerFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase? database;

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // On PostgreSQL the server works as a role that owns nothing and cannot rewrite the audit trail, as deployed.
        database = await TestDatabase.CreateAsync(provider, restrictedServerRole: true);
        Factory = new MaabarFactory(database);
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }
}

public sealed class SqliteServerFixture() : ServerFixture(StorageProvider.Sqlite);

public sealed class PostgresServerFixture() : ServerFixture(StorageProvider.Postgres);
