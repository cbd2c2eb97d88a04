using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Migrations.Postgres;
using Maabar.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maabar.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MaabarDbContext"/> for the configured provider (the one switch over providers),
    /// the node options and the use cases.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Configuration with the <c>Storage</c> and <c>Node</c> sections.</param>
    /// <param name="contentRoot">Folder that a relative <see cref="StorageOptions.DataDirectory"/> is resolved against.</param>
    public static IServiceCollection AddMaabarStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:ConnectionString is required for PostgreSQL.")
            .ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NodeOptions>().Bind(configuration.GetSection(NodeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataDirectory(Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, contentRoot)));

        services.AddDbContext<MaabarDbContext>((sp, builder) =>
        {
            StorageOptions storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            switch (storage.Provider)
            {
                case StorageProvider.Sqlite:
                    string folder = sp.GetRequiredService<DataDirectory>().Path;
                    builder.UseMaabarSqlite(storage.ConnectionString ?? $"Data Source={Path.Combine(folder, "maabar.db")}");
                    break;
                case StorageProvider.Postgres:
                    builder.UseMaabarPostgres(storage.ConnectionString!);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown storage provider {storage.Provider}.");
            }

            // Tells the screening index when entries change, instead of it asking the database every time.
            builder.AddInterceptors(sp.GetRequiredService<Core.Features.Screening.WatchlistChangeInterceptor>());
        });
        services.AddMaabarUseCases();
        return services;
    }

    /// <summary>Applies pending migrations of the configured provider; creates the data folder for SQLite.</summary>
    public static async Task MigrateMaabarDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(services.GetRequiredService<DataDirectory>().Path);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The resolved absolute path of the node's data folder.</summary>
public sealed record DataDirectory(string Path);
