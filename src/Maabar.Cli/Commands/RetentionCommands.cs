using System.CommandLine;
using System.Globalization;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Retention;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar retention purge [--dry-run]</c>: deletes the records past their retention period (section <c>Retention</c>).</summary>
internal static class RetentionCommands
{
    public static Command Create(TextWriter output, TextWriter error, TimeProvider clock)
    {
        var retention = new Command("retention", "Retention of personal data: how long each kind of record is kept (configuration section Retention).");
        var storage = new StorageSettings();
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be purged; change nothing and write no audit row." };
        var purge = new Command(
            "purge",
            "Purges the records past their retention period that are no longer needed, one audit row per record type. Prints one line per record type: 'TYPE: N purged' (or 'N to purge' with --dry-run), its period in days and its cutoff.");
        storage.AddTo(purge);
        purge.Options.Add(dryRun);
        purge.SetAction((parse, cancellationToken) => PurgeAsync(storage, parse.GetValue(dryRun), clock, parse, output, error, cancellationToken));
        retention.Subcommands.Add(purge);
        return retention;
    }

    private static async Task<int> PurgeAsync(StorageSettings storage, bool dryRun, TimeProvider clock, ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await storage.OpenAsync(parse, error) is not var (services, options))
        {
            return MaabarCli.BadInput;
        }

        await using (services)
        {
            try
            {
                IOptions<RetentionOptions> periods = services.GetRequiredService<IOptions<RetentionOptions>>();
                NodeOptions node = services.GetRequiredService<IOptions<NodeOptions>>().Value;
                await using AsyncServiceScope scope = services.CreateAsyncScope();
                MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
                var useCase = new PurgeExpiredRecords(db, periods, services.GetRequiredService<NodeCalendar>(), clock);
                RetentionRun run = await useCase.HandleAsync(Actor.CommandLine(node.Agency, Environment.UserName), dryRun, cancellationToken);
                foreach (RetentionCount count in run.Counts)
                {
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{count.RecordType}: {count.Count} {(dryRun ? "to purge" : "purged")} (kept {count.Period.TotalDays:0.##} days; before {count.CutoffUtc:yyyy-MM-ddTHH:mm:ssZ})"));
                }

                return MaabarCli.Success;
            }
            catch (OptionsValidationException ex)
            {
                await error.WriteLineAsync("maabar: configuration: " + string.Join("; ", ex.Failures));
                return MaabarCli.BadInput;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                await error.WriteLineAsync($"maabar: {options.Provider}: retention purge failed: {ex.GetType().Name}: {ex.Message}");
                return MaabarCli.Failure;
            }
        }
    }
}
