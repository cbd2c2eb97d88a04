using Maabar.Core.Tables;
using System.CommandLine;
using System.Globalization;
using System.Xml;
using Maabar.Core;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Domain.Watchlists;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar watchlist …</c>: the node's watchlists.</summary>
internal static class WatchlistCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var watchlist = new Command("watchlist", "The node's watchlists.");
        var storage = new StorageSettings();
        var format = new Option<string>("--format") { Description = "un-xml: the UN Security Council Consolidated List (sc-sanctions.xsd); csv: the columns of maabar screen's watchlist (id,name,aliases,dob,gender,nationality,father_name,mother_name,document_number).", Required = true };
        format.AcceptOnlyFromAmong("un-xml", "csv");
        var agency = new Option<string?>("--agency") { Description = "The owning agency (default TUN)." };
        var category = new Option<WatchlistCategory?>("--category") { Description = "csv only, required: the category of every entry (Arrest, RefuseEntry, DiscreetCheck, SpecificCheck, ForeignTerroristFighter, UnSanctions, StolenDocument)." };
        var file = new Argument<FileInfo>("FILE") { Description = "The list to import." };
        var import = new Command("import", "Import a list: adds new entries, updates changed ones (new version); the UN list also withdraws those no longer listed. Prints a progress bar and a summary.");
        import.Options.Add(format);
        import.Options.Add(agency);
        import.Options.Add(category);
        import.Arguments.Add(file);
        storage.AddTo(import);
        import.SetAction(async (parse, cancellationToken) =>
        {
            bool csv = parse.GetValue(format) == "csv";
            if (csv && parse.GetValue(category) is null)
            {
                await error.WriteLineAsync("maabar: --format csv needs --category (the category of every entry in the file)");
                return MaabarCli.BadInput;
            }

            string owner = (parse.GetValue(agency) ?? "TUN").Trim().ToUpperInvariant();
            if (!AgencyCode.IsWellFormed(owner))
            {
                await error.WriteLineAsync($"maabar: --agency '{owner}' is not an agency code (three letters)");
                return MaabarCli.BadInput;
            }

            FileInfo path = parse.GetValue(file)!;
            UnConsolidatedList? list = null;
            List<Names.IndexedIdentity>? rows = null;
            try
            {
                using var reader = new StreamReader(path.FullName);
                if (csv)
                {
                    rows = [.. WatchlistCsv.Read(reader)];
                }
                else
                {
                    list = UnListReader.Read(reader);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or FormatException)
            {
                await error.WriteLineAsync($"maabar: {path.Name}: {ex.Message}");
                return MaabarCli.BadInput;
            }

            if (await storage.OpenAsync(parse, error) is not var (services, _))
            {
                return MaabarCli.BadInput;
            }

            await using (services)
            {
                try
                {
                    await services.MigrateMaabarDatabaseAsync(cancellationToken);
                    await using AsyncServiceScope scope = services.CreateAsyncScope();
                    var useCase = ActivatorUtilities.CreateInstance<ImportWatchlist>(scope.ServiceProvider, TimeProvider.System);
                    ImportSummary summary = list is not null
                        ? await useCase.HandleAsync(Actor.CommandLine(owner, Environment.UserName), list, new ProgressBar(error, "importing", list.Individuals.Count), cancellationToken)
                        : await useCase.HandleAsync(Actor.CommandLine(owner, Environment.UserName), parse.GetValue(category)!.Value, rows!, new ProgressBar(error, "importing", rows!.Count), cancellationToken);
                    await error.WriteLineAsync();
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"added: {summary.Added}\nupdated: {summary.Updated}\nunchanged: {summary.Unchanged}\nwithdrawn: {summary.Withdrawn}\nrejected: {summary.Rejected.Count}\nentities skipped: {summary.EntitiesSkipped}"));
                    foreach (string reason in summary.Rejected)
                    {
                        await output.WriteLineAsync("  " + reason);
                    }

                    return MaabarCli.Success;
                }
                catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
                {
                    await error.WriteLineAsync($"maabar: import failed, nothing was changed: {ex.GetType().Name}: {ex.Message}");
                    return MaabarCli.Failure;
                }
            }
        });
        watchlist.Subcommands.Add(import);
        return watchlist;
    }
}
