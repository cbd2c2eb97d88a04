using System.CommandLine;
using Maabar.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maabar.Cli.Commands;

/// <summary>
/// Storage options shared by every command that opens the database. Values come from, in rising order:
/// <c>maabar.json</c> in the current folder, environment variables (<c>Storage__Provider</c>,
/// <c>Storage__ConnectionString</c>, <c>Storage__DataDirectory</c>, as for the server), then these options.
/// </summary>
internal sealed class StorageSettings
{
    public Option<StorageProvider?> Provider { get; } = new("--provider") { Description = "Sqlite or Postgres (default: configuration, else Sqlite)." };

    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "Database connection string (default: configuration; for SQLite {data-dir}/maabar.db)." };

    public Option<string?> MigrationConnectionString { get; } = new("--migration-connection-string")
    {
        Description = "PostgreSQL: the schema owner's connection string. Migrations run with it; the --connection-string role gets data rights only (the audit trail: insert and read).",
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "The node's data folder (default: configuration, else ./data)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(ConnectionString);
        command.Options.Add(MigrationConnectionString);
        command.Options.Add(DataDirectory);
    }

    /// <summary>
    /// The services over the configured storage with its options checked; on a configuration problem,
    /// writes it to <paramref name="error"/> and returns null.
    /// </summary>
    public async Task<(ServiceProvider Services, StorageOptions Options)?> OpenAsync(ParseResult parse, TextWriter error)
    {
        ServiceProvider services;
        try
        {
            services = BuildServices(parse);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("maabar: " + ex.Message);
            return null;
        }

        try
        {
            return (services, services.GetRequiredService<IOptions<StorageOptions>>().Value);
        }
        catch (OptionsValidationException ex)
        {
            await services.DisposeAsync();
            await error.WriteLineAsync("maabar: configuration: " + string.Join("; ", ex.Failures));
            return null;
        }
    }

    public ServiceProvider BuildServices(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Provider) is { } provider)
        {
            overrides["Storage:Provider"] = provider.ToString();
        }

        if (parse.GetValue(ConnectionString) is { } connection)
        {
            overrides["Storage:ConnectionString"] = connection;
        }

        if (parse.GetValue(MigrationConnectionString) is { } owner)
        {
            overrides["Storage:MigrationConnectionString"] = owner;
        }

        if (parse.GetValue(DataDirectory) is { } dir)
        {
            overrides["Storage:DataDirectory"] = dir;
        }

        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "maabar.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMaabarStorage(configuration, Environment.CurrentDirectory);
        return services.BuildServiceProvider();
    }
}
