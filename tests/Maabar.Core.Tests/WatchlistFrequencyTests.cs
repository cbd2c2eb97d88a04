using System.Data.Common;
using Maabar.Core.Data;
using Maabar.Core.Features.Screening;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Migrations.Postgres;
using Maabar.Migrations.Sqlite;
using Maabar.Names;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maabar.Core.Tests;

/// <summary>
/// The node's name index weighs name words by what its own watchlist teaches: learned when the list is
/// first loaded, kept while the list changes a little, learned again (and the index rebuilt) once the list
/// has changed by a quarter.
/// </summary>
public abstract class WatchlistFrequencyTests(CoreFixture fixture)
{
    [Fact]
    public async Task TheIndex_LearnsFromTheList_AndLearnsAgainOnceTheListHasChangedEnough()
    {
        using var index = new WatchlistIndex();
        await fixture.SyncIndexAsync(index);
        NameFrequencies first = index.Frequencies;
        Assert.Equal("corpus+list", first.Origin);
        Assert.Equal(1f, first.WeightOf("zarrouk"));
        int before = index.Count;

        // A few entries more: the model stays (its version too), the entries are indexed all the same.
        await AddAsync(5, i => $"Hedi {Given(i)} Kchaou");
        await fixture.SyncIndexAsync(index);
        Assert.Equal(first.Version, index.Frequencies.Version);
        Assert.Equal(before + 5, index.Count);

        // A list in which one family name in ten is Zarrouk: it weighs less once the model is learned again.
        // (Other tests of the class share the database: enough for a quarter of whatever it holds.)
        int added = Math.Max(WatchlistIndex.RelearnAfterChanges, (before + 5) / 4) + 200;
        await AddAsync(added, i => $"{Given(i)} Ben {Given(i + 7)} {(i % 10 == 0 ? "Zarrouk" : Given(i + 3) + "i")}");
        await fixture.SyncIndexAsync(index);
        Assert.NotEqual(first.Version, index.Frequencies.Version);
        Assert.True(index.Frequencies.WeightOf("zarrouk") < 0.7f, $"zarrouk weighs {index.Frequencies.WeightOf("zarrouk")}");
        Assert.Equal(before + 5 + added, index.Count);
    }

    /// <summary>
    /// A full load cancelled between its two reads of the list (here: as the second opens) leaves the old
    /// index and the versions it was built from as a pair. Had the versions been cleared, the next, small,
    /// sync would not know the old index held an entry deleted since, and would keep screening against it.
    /// </summary>
    [Fact]
    public async Task ACancelledReload_LeavesTheOldIndexAndItsVersionsTogether()
    {
        string doomed = "DOOMED-" + TestData.UniqueLetters();
        await AddAsync(1, _ => "Hedi Doomed Kchaou", doomed);
        using var index = new WatchlistIndex();
        await fixture.SyncIndexAsync(index);
        int before = index.Count;

        // Enough new entries for a reload; it is cancelled as it opens its second read.
        string batch = "RELOAD-" + TestData.UniqueLetters();
        await AddAsync(Math.Max(WatchlistIndex.RelearnAfterChanges, before / 4) + 100, i => $"{Given(i)} Ben {Given(i + 5)} Rebuild", batch);
        using var cancel = new CancellationTokenSource();
        var interceptor = new CancelOnReader(3, cancel);
        await fixture.InScopeAsync(async sp =>
        {
            string connection = sp.GetRequiredService<MaabarDbContext>().Database.GetConnectionString()!;
            var options = new DbContextOptionsBuilder<MaabarDbContext>();
            _ = fixture.Provider == StorageProvider.Sqlite ? options.UseMaabarSqlite(connection) : options.UseMaabarPostgres(connection);
            await using var db = new MaabarDbContext(options.AddInterceptors(interceptor).Options);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.SyncAsync(db, cancel.Token));
            return 0;
        });
        Assert.Equal(3, interceptor.Readers);
        Assert.Equal(before, index.Count);

        // The new entries go again, and so does one the old index holds: the next sync is a small one.
        await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaabarDbContext>();
            return await db.WatchlistEntries.Where(e => e.Reference.StartsWith(batch) || e.Reference == doomed + "-0").ExecuteDeleteAsync();
        });
        await fixture.SyncIndexAsync(index);
        Assert.Equal(before - 1, index.Count);
    }

    /// <summary>
    /// With units of work of its own, the index learns and builds the new model in the background: the sync
    /// that finds the drift returns at once with the new entries indexed under the current model, syncs go
    /// on while the new index is built, and the new index catches up with what changed meanwhile before it
    /// replaces the current one.
    /// </summary>
    [Fact]
    public async Task ABackgroundRebuild_LeavesScreeningToTheCurrentIndex_AndCatchesUpBeforeItSwaps()
    {
        using var index = new WatchlistIndex(scopes: fixture.Services.GetRequiredService<IServiceScopeFactory>());
        await fixture.SyncIndexAsync(index);
        NameFrequencies first = index.Frequencies;
        int before = index.Count;
        var built = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        index.BeforeCatchUp = async () =>
        {
            built.SetResult();
            await release.Task;
        };

        string batch = "BACKGROUND-" + TestData.UniqueLetters();
        int added = Math.Max(WatchlistIndex.RelearnAfterChanges, before / 4) + 200;
        await AddAsync(added, i => $"{Given(i)} Ben {Given(i + 7)} {(i % 10 == 0 ? "Ghodbani" : Given(i + 3) + "i")}", batch);
        await fixture.SyncIndexAsync(index);
        Task rebuild = Assert.IsType<Task>(index.Rebuild, exactMatch: false);
        Assert.Equal(first.Version, index.Frequencies.Version);
        Assert.Equal(before + added, index.Count);

        // The new index is built, not yet in place. Two entries come and one of the batch goes: the current
        // index follows at the next sync, which the rebuild does not hold up.
        await built.Task;
        await AddAsync(2, i => $"Hedi Latecomer{Given(i)} Kchaou");
        await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().WatchlistEntries.Where(e => e.Reference == batch + "-1").ExecuteDeleteAsync());
        await fixture.SyncIndexAsync(index);
        Assert.False(rebuild.IsCompleted);
        Assert.Equal(first.Version, index.Frequencies.Version);
        Assert.Equal(before + added + 1, index.Count);

        // Released, it catches up with both changes on its own and takes over.
        release.SetResult();
        await rebuild;
        Assert.NotEqual(first.Version, index.Frequencies.Version);
        Assert.Equal(1f, first.WeightOf("ghodbani"));
        Assert.True(index.Frequencies.WeightOf("ghodbani") < 0.7f, $"ghodbani weighs {index.Frequencies.WeightOf("ghodbani")}");
        Assert.Equal(before + added + 1, index.Count);
        await fixture.SyncIndexAsync(index);
        Assert.Equal(before + added + 1, index.Count);
    }

    /// <summary>
    /// A background rebuild that fails (here: its unit of work cannot reach the database) is logged, leaves
    /// the current index screening and up to date, and is not tried again at once.
    /// </summary>
    [Fact]
    public async Task AFailedBackgroundRebuild_KeepsTheCurrentIndex_AndIsLogged()
    {
        var broken = new ServiceCollection();
        broken.AddScoped<MaabarDbContext>(_ => throw new InvalidOperationException("database unreachable"));
        await using ServiceProvider brokenServices = broken.BuildServiceProvider();
        var logger = new ListLogger();
        using var index = new WatchlistIndex(scopes: brokenServices.GetRequiredService<IServiceScopeFactory>(), logger: logger);
        await fixture.SyncIndexAsync(index);
        NameFrequencies first = index.Frequencies;
        int before = index.Count;

        int added = Math.Max(WatchlistIndex.RelearnAfterChanges, before / 4) + 100;
        await AddAsync(added, i => $"{Given(i)} Ben {Given(i + 3)} Failing");
        await fixture.SyncIndexAsync(index);
        Task rebuild = Assert.IsType<Task>(index.Rebuild, exactMatch: false);
        await rebuild;
        Assert.Equal(first.Version, index.Frequencies.Version);
        Assert.Equal(before + added, index.Count);
        (LogLevel level, string message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.StartsWith("Watchlist index rebuild failed", message, StringComparison.Ordinal);

        // Still drifted, but the next sync does not start another at once.
        await AddAsync(1, _ => "Hedi One More Kchaou");
        await fixture.SyncIndexAsync(index);
        Assert.Same(rebuild, index.Rebuild);
        Assert.Equal(before + added + 1, index.Count);
    }

    private sealed class ListLogger : ILogger<WatchlistIndex>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    // Cancels the token as the n-th data reader of the context opens.
    private sealed class CancelOnReader(int n, CancellationTokenSource cancel) : DbCommandInterceptor
    {
        public int Readers { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (++Readers == n)
            {
                cancel.Cancel();
            }

            return ValueTask.FromResult(result);
        }
    }

    // Distinct made-up given names from a number.
    private static string Given(int i) => "Na" + (char)('a' + (i % 26)) + (char)('a' + (i / 26 % 26)) + (char)('a' + (i / 676 % 26)) + "a";

    private Task<int> AddAsync(int count, Func<int, string> name, string? reference = null) => fixture.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<MaabarDbContext>();
        string batch = reference ?? "FREQ-" + TestData.UniqueLetters();
        for (int i = 0; i < count; i++)
        {
            db.WatchlistEntries.Add(new WatchlistEntry
            {
                OwnerAgency = AgencyCode.Tunisia,
                Reference = $"{batch}-{i}",
                FullNameLatin = name(i),
                Sex = Sex.Male,
                CreatedUtc = fixture.Clock.GetUtcNow().UtcDateTime,
            });
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class SqliteWatchlistFrequencyTests(SqliteCoreFixture fixture) : WatchlistFrequencyTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresWatchlistFrequencyTests(PostgresCoreFixture fixture) : WatchlistFrequencyTests(fixture), IClassFixture<PostgresCoreFixture>;

/// <summary>
/// The index reads what this process changed, entry by entry, when it committed a change to entries; the
/// entries table's fingerprint (an aggregate over the whole table) only when a change did not say which
/// entries, or when the backstop interval has passed (other processes).
/// </summary>
public abstract class WatchlistChangeSignalTests(CoreFixture fixture)
{
    [Fact]
    public async Task TheTableIsReadAgain_OnlyAfterACommittedChangeToEntries()
    {
        (WatchlistChanges changes, WatchlistIndex index, long reads) = await SignalledIndexAsync();
        using WatchlistIndex disposed = index;
        int count = index.Count;

        // Nothing changed: screenings do not touch the table.
        await fixture.SyncIndexAsync(index);
        await fixture.SyncIndexAsync(index);
        Assert.Equal(reads, index.FingerprintReads);

        // A passage or any save that leaves entries alone does not either.
        await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaabarDbContext>();
            CrossingPoint crossing = await db.CrossingPoints.FirstAsync();
            crossing.NameEn += " ";
            return await db.SaveChangesAsync();
        });
        await fixture.SyncIndexAsync(index);
        Assert.Equal(reads, index.FingerprintReads);

        // An entry saved through a context of this process: read back alone and indexed, the table left alone.
        await AddEntryAsync(transaction: null);
        await fixture.SyncIndexAsync(index);
        Assert.Equal(reads, index.FingerprintReads);
        Assert.Equal(count + 1, index.Count);

        // Inside a transaction: nothing until the commit (the rows are not visible before), then read.
        long generation = changes.Generation;
        await AddEntryAsync(transaction: async (db, commit) =>
        {
            Assert.Equal(generation, changes.Generation);
            await commit();
            Assert.Equal(generation + 1, changes.Generation);
        });
        await fixture.SyncIndexAsync(index);
        Assert.Equal(count + 2, index.Count);

        // Rolled back: no signal, nothing to read.
        generation = changes.Generation;
        await AddEntryAsync(transaction: (db, commit) => Task.CompletedTask);
        Assert.Equal(generation, changes.Generation);
        long before = index.FingerprintReads;
        await fixture.SyncIndexAsync(index);
        Assert.Equal(before, index.FingerprintReads);
        Assert.Equal(count + 2, index.Count);
    }

    /// <summary>
    /// An entry this process adds, renames and deletes is screened as it stands after each step, with no look
    /// at the whole table; a change that does not say which entries it touched makes the index look at it.
    /// </summary>
    [Fact]
    public async Task ThisProcesssChanges_AreReadBackEntryByEntry()
    {
        (WatchlistChanges changes, WatchlistIndex index, long reads) = await SignalledIndexAsync();
        using WatchlistIndex disposed = index;
        string first = "Noureddine Zoghlami " + TestData.UniqueLetters(), second = "Lassaad Ouerghemmi " + TestData.UniqueLetters();

        Guid id = await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaabarDbContext>();
            var entry = new WatchlistEntry { OwnerAgency = AgencyCode.Tunisia, Reference = "SIGNAL-" + TestData.UniqueLetters(), FullNameLatin = first, Sex = Sex.Male, CreatedUtc = fixture.Clock.GetUtcNow().UtcDateTime };
            db.WatchlistEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        Assert.Contains(await ScreenAsync(index, first), m => m.Entry.Id == id);

        await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaabarDbContext>();
            WatchlistEntry entry = await db.WatchlistEntries.SingleAsync(e => e.Id == id);
            entry.FullNameLatin = second;
            entry.Version++;
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await ScreenAsync(index, first), m => m.Entry.Id == id);
        Assert.Contains(await ScreenAsync(index, second), m => m.Entry.Id == id);

        await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaabarDbContext>();
            db.WatchlistEntries.Remove(await db.WatchlistEntries.SingleAsync(e => e.Id == id));
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await ScreenAsync(index, second), m => m.Entry.Id == id);
        Assert.Equal(reads, index.FingerprintReads);

        // A change that does not name its entries: the table is looked at.
        changes.Bump();
        await fixture.SyncIndexAsync(index);
        Assert.Equal(reads + 1, index.FingerprintReads);
    }

    // An index told of this process's changes, loaded, its backstop too far off to matter, and its fingerprint reads so far.
    private async Task<(WatchlistChanges Changes, WatchlistIndex Index, long Reads)> SignalledIndexAsync()
    {
        WatchlistChanges changes = fixture.Services.GetRequiredService<WatchlistChanges>();
        var index = new WatchlistIndex(changes, backstop: TimeSpan.FromHours(1));
        await fixture.SyncIndexAsync(index);
        return (changes, index, index.FingerprintReads);
    }

    private Task<IReadOnlyList<ScreeningMatch>> ScreenAsync(WatchlistIndex index, string name) => fixture.InScopeAsync(sp =>
        index.ScreenAsync(sp.GetRequiredService<MaabarDbContext>(), new Traveller { Agency = AgencyCode.Tunisia, FullNameLatin = name, Sex = Sex.Male }, null, AgencyCode.Tunisia, null, CancellationToken.None));

    [Fact]
    public async Task AWriterInAnotherProcess_IsSeenOnceTheBackstopHasPassed()
    {
        // The signal of another process is another object: this one hears nothing of the save.
        var elsewhere = new WatchlistChanges();
        using var index = new WatchlistIndex(elsewhere, backstop: TimeSpan.Zero);
        await fixture.SyncIndexAsync(index);
        int count = index.Count;
        await AddEntryAsync(transaction: null);
        Assert.Equal(0, elsewhere.Generation);
        await fixture.SyncIndexAsync(index);
        Assert.Equal(count + 1, index.Count);
    }

    /// <summary>
    /// With units of work of its own (as in the server), a loaded index looks at the whole table in the
    /// background: the screening that finds the backstop due goes on at once with the current index, and
    /// another process's entry is indexed when the look is done.
    /// </summary>
    [Fact]
    public async Task AWriterInAnotherProcess_IsLookedForInTheBackground_WithoutHoldingUpTheScreening()
    {
        var elsewhere = new WatchlistChanges();
        using var index = new WatchlistIndex(elsewhere, backstop: TimeSpan.Zero, scopes: fixture.Services.GetRequiredService<IServiceScopeFactory>());
        await fixture.SyncIndexAsync(index);
        int count = index.Count;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        index.BeforeLook = () => held.Task;
        await AddEntryAsync(transaction: null);

        // The look waits on the test; the screening's sync does not wait on the look.
        await fixture.SyncIndexAsync(index).WaitAsync(TimeSpan.FromSeconds(30));
        Task look = index.Look!;
        Assert.False(look.IsCompleted);
        Assert.Equal(count, index.Count);

        held.SetResult();
        await look.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(count + 1, index.Count);
    }

    // Adds one entry; inside a transaction when given one (the callback commits or, by not calling commit, rolls back).
    private Task<int> AddEntryAsync(Func<MaabarDbContext, Func<Task>, Task>? transaction) => fixture.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<MaabarDbContext>();
        await using var tx = transaction is null ? null : await db.Database.BeginTransactionAsync();
        db.WatchlistEntries.Add(new WatchlistEntry
        {
            OwnerAgency = AgencyCode.Tunisia,
            Reference = "SIGNAL-" + TestData.UniqueLetters(),
            FullNameLatin = "Hedi Signal " + TestData.UniqueLetters(),
            Sex = Sex.Male,
            CreatedUtc = fixture.Clock.GetUtcNow().UtcDateTime,
        });
        int saved = await db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction(db, () => tx!.CommitAsync());
        }

        return saved;
    });
}

public sealed class SqliteWatchlistChangeSignalTests(SqliteCoreFixture fixture) : WatchlistChangeSignalTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresWatchlistChangeSignalTests(PostgresCoreFixture fixture) : WatchlistChangeSignalTests(fixture), IClassFixture<PostgresCoreFixture>;

/// <summary>The change signal names the entries changed since a generation, as long as it still remembers them all.</summary>
public sealed class WatchlistChangesTests
{
    [Fact]
    public void ChangedSince_NamesTheEntries_UntilTheyAreForgottenOrAChangeDidNotSay()
    {
        var changes = new WatchlistChanges();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        changes.Bump([a]);
        changes.Bump([b, a]);

        Assert.Equal(2, changes.Generation);
        Assert.Equal(new HashSet<Guid> { a, b }, changes.ChangedSince(0, 2)!.ToHashSet());
        Assert.Equal([b, a], changes.ChangedSince(1, 2)!);
        Assert.Equal([a], changes.ChangedSince(0, 1)!);
        Assert.Empty(changes.ChangedSince(2, 2)!);

        // More changed entries than are remembered: a reader from before them must look at the whole table.
        long before = changes.Generation;
        for (int i = 0; i <= WatchlistChanges.Remembered; i++)
        {
            changes.Bump([Guid.NewGuid()]);
        }

        Assert.Null(changes.ChangedSince(before, changes.Generation));
        Assert.Equal(WatchlistChanges.Remembered, changes.ChangedSince(before + 1, changes.Generation)!.Count);
        Assert.Single(changes.ChangedSince(changes.Generation - 1, changes.Generation)!);

        // A change that does not say which entries: nobody from before it can catch up entry by entry.
        long unknown = changes.Generation;
        changes.Bump();
        Assert.Null(changes.ChangedSince(unknown, changes.Generation));
        changes.Bump([a]);
        Assert.Equal([a], changes.ChangedSince(unknown + 1, changes.Generation)!);
    }
}
