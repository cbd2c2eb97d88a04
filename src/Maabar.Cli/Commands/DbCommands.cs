using System.CommandLine;
using Maabar.Core.Data;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar db …</c>: the node's database.</summary>
internal static class DbCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var db = new Command("db", "The node's database.");
        var storage = new StorageSettings();
        var migrate = new Command("migrate", "Apply every pending migration of the configured provider (SQLite or PostgreSQL). Safe to run again.");
        storage.AddTo(migrate);
        migrate.SetAction((parse, cancellationToken) => MigrateAsync(storage, parse, output, error, cancellationToken));
        db.Subcommands.Add(migrate);
        return db;
    }

    private static async Task<int> MigrateAsync(StorageSettings storage, ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await storage.OpenAsync(parse, error) is not var (services, options))
        {
            return MaabarCli.BadInput;
        }

        await using (services)
        {
            try
            {
                string[] pending;
                await using (AsyncServiceScope scope = services.CreateAsyncScope())
                {
                    services.PrepareMaabarDataDirectory();
                    MaabarDbContext context = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
                    pending = [.. await context.Database.GetPendingMigrationsAsync(cancellationToken)];
                }

                await services.MigrateMaabarDatabaseAsync(cancellationToken);
                if (pending.Length == 0)
                {
                    await output.WriteLineAsync($"{options.Provider}: database is up to date.");
                }
                else
                {
                    await output.WriteLineAsync($"{options.Provider}: applied {pending.Length} migration(s):");
                    foreach (string migration in pending)
                    {
                        await output.WriteLineAsync("  " + migration);
                    }
                }

                return MaabarCli.Success;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or ArgumentException)
            {
                // The exception's type and message name the cause (unreachable host, bad credentials); no personal data is involved.
                await error.WriteLineAsync($"maabar: {options.Provider}: migration failed: {ex.GetType().Name}: {ex.Message}");
                return MaabarCli.Failure;
            }
        }
    }
}
