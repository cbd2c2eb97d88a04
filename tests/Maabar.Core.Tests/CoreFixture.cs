using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Core.Tests;

/// <summary>
/// The use cases with their real database, without the web host: services composed as the hosts compose
/// them (Maabar.Hosting), on a fresh database per test class and provider, with a fake clock.
/// </summary>
public abstract class CoreFixture(StorageProvider provider, DateTimeOffset? start = null) : IAsyncLifetime
{
    /// <summary>Where the fixture's clock starts unless a fixture says otherwise: a Sunday morning, 09:00 in Tunis.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private TestDatabase? database;

    public ServiceProvider Services { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(start ?? DefaultStart);

    public StorageProvider Provider => provider;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings()).AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddMaabarStorage(configuration, database.DataDirectory);
        Configure(services);
        services.AddIdentityCore<MaabarUser>(o => o.Password.RequiredLength = 12).AddRoles<MaabarRole>().AddEntityFrameworkStores<MaabarDbContext>();
        Services = services.BuildServiceProvider(validateScopes: true);
        await Services.MigrateMaabarDatabaseAsync(CancellationToken.None);
        await SeedRolesAsync();
        await TestData.SeedAsync(Services);
    }

    /// <summary>Settings added to the storage's (a fixture of its own may override them).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>Services added or replaced after the host's composition.</summary>
    protected virtual void Configure(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await database!.DisposeAsync();
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Brings <paramref name="index"/> up to date with a context of its own scope, as a screening does.</summary>
    public Task<int> SyncIndexAsync(Features.Screening.WatchlistIndex index) => InScopeAsync(async sp =>
    {
        await index.SyncAsync(sp.GetRequiredService<MaabarDbContext>(), CancellationToken.None);
        return 0;
    });

    public Task<Actor> ActorAsync(string userName) => InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MaabarUser>>();
        MaabarUser user = (await users.FindByNameAsync(userName))!;
        var roles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        return new Actor(user.Id, user.UserName!, user.Agency, roles);
    });

    private Task<int> SeedRolesAsync() => InScopeAsync(async sp =>
    {
        var roles = sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<MaabarRole>>();
        foreach (string role in Domain.Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new MaabarRole { Name = role });
            }
        }

        return 0;
    });
}

public sealed class SqliteCoreFixture() : CoreFixture(StorageProvider.Sqlite);

public sealed class PostgresCoreFixture() : CoreFixture(StorageProvider.Postgres);
