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
            .Validate(o => string.IsNullOrWhiteSpace(o.MigrationConnectionString) || o.Provider == StorageProvider.Postgres, "Storage:MigrationConnectionString is for PostgreSQL only.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.MigrationConnectionString) || o.ConnectionString is null || PostgresRoles.AreDistinct(o.ConnectionString, o.MigrationConnectionString),
                "Storage:MigrationConnectionString must sign in as another role than Storage:ConnectionString, or the server's role could change the schema and the audit trail.")
            .ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Maabar.Core.Features.Clearances.ClearanceOptions>().Bind(configuration.GetSection(Maabar.Core.Features.Clearances.ClearanceOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Categories() is not null, "Clearances:FourEyesCategories must list watchlist categories by name, comma-separated, e.g. Arrest,ForeignTerroristFighter,UnSanctions.")
            .ValidateOnStart();
        services.AddOptions<Maabar.Core.Features.Retention.RetentionOptions>().Bind(configuration.GetSection(Maabar.Core.Features.Retention.RetentionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NodeOptions>().Bind(configuration.GetSection(NodeOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Node:TimeZone must be an IANA time zone known to this machine, e.g. Africa/Tunis.")
            .ValidateOnStart();
        services.AddSingleton(sp => new NodeCalendar(TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<NodeOptions>>().Value.TimeZone)));
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

    /// <summary>
    /// Creates the data folder readable by the node's account only (0700) and, for SQLite, the database file as 0600
    /// before SQLite would create it with the process's umask (0644). Call before anything opens the database.
    /// </summary>
    public static void PrepareMaabarDataDirectory(this IServiceProvider services)
    {
        string folder = services.GetRequiredService<DataDirectory>().Path;
        OwnerOnly.CreateDirectory(folder);
        StorageOptions storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.Sqlite && SqliteFile(storage.ConnectionString ?? $"Data Source={Path.Combine(folder, "maabar.db")}") is { } file)
        {
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(file)!);
            OwnerOnly.CreateFile(file);
        }
    }

    /// <summary>The database file a SQLite connection string names; null for an in-memory database.</summary>
    private static string? SqliteFile(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        string source = builder.DataSource;
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source);
    }

    /// <summary>Applies pending migrations of the configured provider, after <see cref="PrepareMaabarDataDirectory"/>.</summary>
    public static async Task MigrateMaabarDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        services.PrepareMaabarDataDirectory();
        StorageOptions storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.Postgres && storage.MigrationConnectionString is { Length: > 0 } owner)
        {
            // The schema's owner migrates, then grants the server's role what it may do and no more.
            var ownerOptions = new DbContextOptionsBuilder<MaabarDbContext>();
            ownerOptions.UseMaabarPostgres(owner);
            await using var ownerDb = new MaabarDbContext(ownerOptions.Options);
            await ownerDb.Database.MigrateAsync(cancellationToken);
            await PostgresRoles.GrantApplicationRoleAsync(ownerDb, PostgresRoles.UserOf(storage.ConnectionString!), cancellationToken);
            return;
        }

        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The resolved absolute path of the node's data folder.</summary>
public sealed record DataDirectory(string Path);
