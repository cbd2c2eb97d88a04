using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Screening;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Names;
using Maabar.Names.Synthetic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Cli.Commands;

/// <summary>
/// <c>maabar bench sync</c>: how long the screening index takes to follow the watchlist table. It seeds
/// synthetic entries into an empty database, loads the index, then times a sync after one local edit in the
/// two ways the index can follow it: the edited entry read back by id (the change signal names it), and the
/// whole table looked at (fingerprint, then every row's id and version: a change that did not say which
/// entries, or another process's). Finally the fingerprint alone, which the backstop reads every two seconds.
/// </summary>
internal static class SyncBenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var storage = new StorageSettings();
        var entries = new Option<int>("--entries") { Description = "Synthetic entries to seed (the database's watchlist must be empty).", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--rounds") { Description = "Edits timed each way; the first is not counted (compiling).", DefaultValueFactory = _ => 6 };
        var sync = new Command("sync", "Seed synthetic entries into an empty database and time how the screening index follows one edit: read back by id, or by looking at the whole table; and the backstop's fingerprint alone.");
        sync.Options.Add(entries);
        sync.Options.Add(rounds);
        storage.AddTo(sync);
        sync.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(entries), r = parse.GetValue(rounds);
            if (n < 1 || r < 2)
            {
                await error.WriteLineAsync("maabar: --entries must be at least 1 and --rounds at least 2");
                return MaabarCli.BadInput;
            }

            if (await storage.OpenAsync(parse, error) is not var (services, _))
            {
                return MaabarCli.BadInput;
            }

            await using (services)
            {
                await services.MigrateMaabarDatabaseAsync(cancellationToken);
                if (await InScopeAsync(services, db => db.WatchlistEntries.AnyAsync(cancellationToken)))
                {
                    await error.WriteLineAsync("maabar: bench sync seeds synthetic entries: point it at a database whose watchlist is empty");
                    return MaabarCli.BadInput;
                }

                long start = Stopwatch.GetTimestamp();
                await SeedAsync(services, n, new ProgressBar(error, "seeding", n), cancellationToken);
                await error.WriteLineAsync();
                double seeded = Stopwatch.GetElapsedTime(start).TotalSeconds;

                WatchlistChanges changes = services.GetRequiredService<WatchlistChanges>();
                using var index = new WatchlistIndex(changes, backstop: TimeSpan.FromDays(1));
                double load = await TimeSyncAsync(services, index, cancellationToken);
                Guid edited = await InScopeAsync(services, db => db.WatchlistEntries.OrderBy(e => e.Reference).Select(e => e.Id).FirstAsync(cancellationToken));
                var byId = new List<double>();
                var whole = new List<double>();
                for (int i = 0; i < r; i++)
                {
                    await EditAsync(services, edited, cancellationToken);
                    byId.Add(await TimeSyncAsync(services, index, cancellationToken));
                    await EditAsync(services, edited, cancellationToken);
                    changes.Bump();
                    whole.Add(await TimeSyncAsync(services, index, cancellationToken));
                }

                // Nothing changed, no signal, the backstop always due: a sync reads the fingerprint and stops.
                using var polling = new WatchlistIndex(null, backstop: TimeSpan.Zero);
                await TimeSyncAsync(services, polling, cancellationToken);
                var fingerprint = new List<double>();
                for (int i = 0; i < r; i++)
                {
                    fingerprint.Add(await TimeSyncAsync(services, polling, cancellationToken));
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"entries: {index.Count}"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seeded: {seeded:F1} s"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"index load: {load / 1000:F1} s"));
                await output.WriteLineAsync("sync after one edit, read back by id: " + Summary(byId));
                await output.WriteLineAsync("sync after one edit, whole table looked at: " + Summary(whole));
                await output.WriteLineAsync("fingerprint alone (the backstop): " + Summary(fingerprint));
                return 0;
            }
        });
        return sync;
    }

    // Median, least and most of the rounds after the first, in milliseconds.
    private static string Summary(List<double> times)
    {
        double[] counted = [.. times.Skip(1).Order()];
        return string.Create(CultureInfo.InvariantCulture, $"median {counted[counted.Length / 2]:F1} ms (min {counted[0]:F1}, max {counted[^1]:F1}, {counted.Length} rounds)");
    }

    private static async Task<T> InScopeAsync<T>(ServiceProvider services, Func<MaabarDbContext, Task<T>> action)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MaabarDbContext>());
    }

    private static async Task<double> TimeSyncAsync(ServiceProvider services, WatchlistIndex index, CancellationToken cancellationToken) => await InScopeAsync(services, async db =>
    {
        long start = Stopwatch.GetTimestamp();
        await index.SyncAsync(db, cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    });

    // A material change through a context of this process, as an analyst's edit is.
    private static Task<int> EditAsync(ServiceProvider services, Guid id, CancellationToken cancellationToken) => InScopeAsync(services, async db =>
    {
        WatchlistEntry entry = await db.WatchlistEntries.SingleAsync(e => e.Id == id, cancellationToken);
        entry.FullNameLatin = entry.FullNameLatin!.Length > 60 ? entry.FullNameLatin[..40] : entry.FullNameLatin + " A";
        entry.Version++;
        return await db.SaveChangesAsync(cancellationToken);
    });

    private static async Task SeedAsync(ServiceProvider services, int n, ProgressBar progress, CancellationToken cancellationToken)
    {
        var people = new SyntheticPeople(2026);
        TimeProvider clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        for (int done = 0; done < n;)
        {
            int batch = Math.Min(5000, n - done);
            await InScopeAsync(services, async db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (int i = done; i < done + batch; i++)
                {
                    SyntheticPeople.Person person = people.NextPerson();
                    db.WatchlistEntries.Add(new WatchlistEntry
                    {
                        OwnerAgency = AgencyCode.Tunisia,
                        Reference = "BENCH-" + i.ToString("D8", CultureInfo.InvariantCulture),
                        FullNameLatin = SyntheticPeople.French(person),
                        FullNameArabic = SyntheticPeople.Arabic(person),
                        Sex = person.Sex == "F" ? Sex.Female : Sex.Male,
                        CreatedUtc = clock.GetUtcNow().UtcDateTime,
                    });
                }

                return await db.SaveChangesAsync(cancellationToken);
            });
            done += batch;
            progress.Report(done);
        }
    }
}
