using Maabar.Core.Data;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

public abstract class MigrationTests(CoreFixture fixture)
{
    [Fact]
    public async Task Migrations_AppliedToEmptyDatabase_LeaveNothingPendingAndMatchTheModel()
    {
        // The fixture migrated a fresh, empty database of this provider at start.
        (int pending, bool modelChanged, int applied) = await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            return ((await db.Database.GetPendingMigrationsAsync()).Count(), db.Database.HasPendingModelChanges(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        });

        Assert.Equal(0, pending);
        Assert.False(modelChanged, "The model has changes that no migration captures: run dotnet ef migrations add for both providers.");
        Assert.True(applied >= 1);
    }

    [Fact]
    public async Task Migrate_RunTwice_IsANoOp()
    {
        await fixture.Services.MigrateMaabarDatabaseAsync(CancellationToken.None);

        int pending = await fixture.InScopeAsync(async sp => (await sp.GetRequiredService<MaabarDbContext>().Database.GetPendingMigrationsAsync()).Count());
        Assert.Equal(0, pending);
    }

    [Fact]
    public void Provider_IsTheOneConfigured() =>
        Assert.Equal(
            fixture.Provider == StorageProvider.Sqlite ? "Microsoft.EntityFrameworkCore.Sqlite" : "Npgsql.EntityFrameworkCore.PostgreSQL",
            fixture.Services.CreateScope().ServiceProvider.GetRequiredService<MaabarDbContext>().Database.ProviderName);
}

public sealed class SqliteMigrationTests(SqliteCoreFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresMigrationTests(PostgresCoreFixture fixture) : MigrationTests(fixture), IClassFixture<PostgresCoreFixture>;
