using System.Diagnostics;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Names;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maabar.Core.Features.Screening;

/// <summary>
/// The node's name index over its watchlist entries, kept in step with the database, and screening with
/// it. One per process (a singleton): built on first use, then brought up to date before every
/// screening. The database stays the truth. When <see cref="WatchlistChanges"/> says this process changed
/// entries and names them, those entries alone are read again. Otherwise (a change that did not say which,
/// a reader too far behind, and every <see cref="BackstopInterval"/> for writers in other processes) a
/// fingerprint (row count and the sum of versions, an aggregate over the whole table) tells whether anything
/// changed; if so, entries whose version differs from the indexed one are re-read, and entries gone from
/// the table leave the index. With a scope factory, the backstop's look runs in the background: no
/// screening waits for a read of the whole table once the index is loaded.
/// Thread-safe.
/// <para>
/// Name words are weighed by what the list itself teaches (<see cref="NameFrequencies.LearnFrom"/>, on top
/// of the shipped corpus counts): the whole list is read once to learn, then again to index. The model is
/// fixed for an index's life; when the list has grown or shrunk by a quarter (and at least
/// <see cref="RelearnAfterChanges"/> entries) since, a new index is learned and built in the background
/// (with a unit of work of its own), while screening goes on against the current one, kept up to date as
/// before. Once built, the new index catches up with what changed meanwhile and replaces the current one.
/// Without a scope factory (no background unit of work) the sync that finds the drift rebuilds in place.
/// </para>
/// </summary>
public sealed partial class WatchlistIndex : IDisposable
{
    /// <summary>The least change in the number of entries that makes the model be learned again.</summary>
    public const int RelearnAfterChanges = 1000;

    /// <summary>
    /// How stale the index may be, by default, for changes made by another process (the CLI importing a list
    /// while the server runs, another server on the same database): the table is looked at again after this long.
    /// </summary>
    public static readonly TimeSpan BackstopInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long after a failed background rebuild the next may start.</summary>
    public static readonly TimeSpan RetryRebuildAfter = TimeSpan.FromMinutes(1);

    private readonly WatchlistChanges? changes;
    private readonly TimeSpan backstop;
    private readonly IServiceScopeFactory? scopes;
    private readonly ILogger<WatchlistIndex>? logger;
    private readonly CancellationTokenSource stopping = new();
    private long syncedGeneration = -1;
    private long checkedAt;
    private long fingerprintReads;

    // Held by whoever changes the current snapshot: a sync, or a background rebuild catching up and swapping.
    private readonly SemaphoreSlim sync = new(1, 1);

    // Replaced whole by a full load; a search already running finishes on the one it started with.
    private volatile Snapshot current = new(new NameIndex(NameFrequencies.Default), 0);

    // Guards every snapshot's exact-number lists (changed by syncs while screenings read them).
    private readonly Lock exactLock = new();
    private (int Count, long Versions)? fingerprint;
    private Task? rebuild;
    private long rebuildFailedAt;
    private readonly Lock lookLock = new();
    private Task? look;

    /// <summary>An index told of this process's changes by <paramref name="changes"/>; without it, the table is looked at before every screening.</summary>
    /// <param name="changes">This process's change signal (a singleton).</param>
    /// <param name="backstop">How often to look at the table for other processes' changes; <see cref="BackstopInterval"/> when null.</param>
    /// <param name="scopes">Units of work for rebuilding in the background; without, a rebuild holds up the sync that needs it.</param>
    /// <param name="logger">Where a background rebuild reports (counts and model versions, never names).</param>
    public WatchlistIndex(WatchlistChanges? changes = null, TimeSpan? backstop = null, IServiceScopeFactory? scopes = null, ILogger<WatchlistIndex>? logger = null)
    {
        this.changes = changes;
        this.backstop = backstop ?? BackstopInterval;
        this.scopes = scopes;
        this.logger = logger;
    }

    /// <summary>Times the entries table's fingerprint was read: what the change signal saves.</summary>
    public long FingerprintReads => Interlocked.Read(ref fingerprintReads);

    /// <summary>Entries indexed.</summary>
    public int Count => current.Index.Count;

    /// <summary>The model the index weighs name words by: its version names it in hits' explanations and reports.</summary>
    public NameFrequencies Frequencies => current.Index.Frequencies;

    /// <summary>The background rebuild last started, if any (it never faults: a failure is logged and the current index kept).</summary>
    internal Task? Rebuild => rebuild;

    /// <summary>For tests: awaited by a background rebuild between building its index and catching it up.</summary>
    internal Func<Task>? BeforeCatchUp { get; set; }

    /// <summary>The background look at the whole table last started, if any (it never faults: a failure is logged).</summary>
    internal Task? Look => look;

    /// <summary>For tests: awaited by a background look before it reads the table.</summary>
    internal Func<Task>? BeforeLook { get; set; }

    /// <summary>Brings the index up to date with the entries table.</summary>
    /// <param name="db">A context of the caller's unit of work.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task SyncAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The generation is read before the table: a change committed while the table is read is seen next time.
        long generation = changes?.Generation ?? -1;
        bool backstopDue = Stopwatch.GetElapsedTime(Interlocked.Read(ref checkedAt)) >= backstop;
        if (changes is not null && generation == Interlocked.Read(ref syncedGeneration) && !backstopDue)
        {
            return;
        }

        // A loaded index reads back this process's changes before the screening. The backstop's look at the
        // whole table (for other processes' changes) runs in the background with units of work of its own,
        // and inline without: that look covers this process's changes too.
        if (changes is not null && fingerprint is not null && (!backstopDue || scopes is not null)
            && (generation == Interlocked.Read(ref syncedGeneration) || await ReadAgainChangedAsync(db, changes, generation, cancellationToken)))
        {
            if (backstopDue)
            {
                StartLook();
            }

            return;
        }

        await LookAtTableAsync(db, generation, cancellationToken);
    }

    /// <summary>
    /// Reads the table's fingerprint and, when it is not what the index holds, catches up (or loads the index,
    /// the first time or when it must be relearned in place). <paramref name="generation"/> is the change
    /// signal's generation read before the table, or <see cref="long.MinValue"/> for a look that leaves the
    /// signal's bookkeeping to the screenings.
    /// </summary>
    private async Task LookAtTableAsync(MaabarDbContext db, long generation, CancellationToken cancellationToken)
    {
        long readAt = Stopwatch.GetTimestamp();
        (int Count, long Versions) now = await ReadFingerprintAsync(db, cancellationToken);
        if (fingerprint == now)
        {
            Synced(generation, readAt);
            return;
        }

        await sync.WaitAsync(cancellationToken);
        try
        {
            if (fingerprint == now)
            {
                Synced(generation, readAt);
                return;
            }

            Snapshot snapshot = current;
            if (fingerprint is null || (scopes is null && Drifted(snapshot, now.Count)))
            {
                current = await LoadAsync(db, cancellationToken);
            }
            else
            {
                if (Drifted(snapshot, now.Count))
                {
                    StartRebuild();
                }

                await CatchUpAsync(db, snapshot, cancellationToken);
            }

            fingerprint = now;
            Synced(generation, readAt);
        }
        finally
        {
            sync.Release();
        }
    }

    /// <summary>Starts a look at the whole table in the background, unless one is running; the backstop restarts now.</summary>
    private void StartLook()
    {
        lock (lookLock)
        {
            if (look is { IsCompleted: false } || stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Exchange(ref checkedAt, Stopwatch.GetTimestamp());
            look = Task.Run(() => LookInBackgroundAsync(stopping.Token));
        }
    }

    private async Task LookInBackgroundAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (BeforeLook is { } pause)
            {
                await pause();
            }

            await using AsyncServiceScope scope = scopes!.CreateAsyncScope();
            await LookAtTableAsync(scope.ServiceProvider.GetRequiredService<MaabarDbContext>(), long.MinValue, cancellationToken);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            if (logger is not null)
            {
                Log.LookFailed(logger, e, backstop);
            }
        }
    }

    /// <summary>
    /// Reads again only the entries this process changed up to <paramref name="generation"/>, when the change
    /// signal knows them all and the index has been loaded; false when the whole table must be looked at.
    /// </summary>
    private async Task<bool> ReadAgainChangedAsync(MaabarDbContext db, WatchlistChanges signal, long generation, CancellationToken cancellationToken)
    {
        if (fingerprint is null || signal.ChangedSince(Interlocked.Read(ref syncedGeneration), generation) is null)
        {
            return false;
        }

        await sync.WaitAsync(cancellationToken);
        try
        {
            long synced = Interlocked.Read(ref syncedGeneration);
            if (synced >= generation)
            {
                return true;
            }

            IReadOnlyCollection<Guid>? changed = signal.ChangedSince(synced, generation);
            Snapshot snapshot = current;
            if (changed is null || fingerprint is null || (scopes is null && Drifted(snapshot, snapshot.Versions.Count + changed.Count)))
            {
                return false;
            }

            await ReadBackAsync(db, snapshot, changed, cancellationToken);

            // What the table holds if no other process wrote: the backstop's next look finds it so, or catches up.
            fingerprint = snapshot.Fingerprint;
            if (Drifted(snapshot, snapshot.Versions.Count))
            {
                StartRebuild();
            }

            Interlocked.Exchange(ref syncedGeneration, generation);
            return true;
        }
        finally
        {
            sync.Release();
        }
    }

    private async Task<(int Count, long Versions)> ReadFingerprintAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref fingerprintReads);
        var aggregate = await db.WatchlistEntries.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(e => (long)e.Version), Withdrawn = g.Count(e => e.WithdrawnUtc != null) })
            .SingleOrDefaultAsync(cancellationToken);

        // A partner's withdrawal keeps the owner's version: the withdrawn count is part of the fingerprint.
        return aggregate is null ? (0, 0) : (aggregate.Count, aggregate.Versions + ((long)aggregate.Withdrawn << 40));
    }

    private void Synced(long generation, long readAt)
    {
        if (generation != long.MinValue)
        {
            Interlocked.Exchange(ref syncedGeneration, generation);
        }

        Interlocked.Exchange(ref checkedAt, readAt);
    }

    /// <summary>
    /// The entries visible to <paramref name="agency"/> that alert for the traveller, best first, each with
    /// the entry as stored now.
    /// </summary>
    /// <param name="db">A context of the caller's unit of work.</param>
    /// <param name="traveller">The traveller.</param>
    /// <param name="documentNumber">The document presented, if any.</param>
    /// <param name="agency">The screening agency: it sees its own entries and those shared with it.</param>
    /// <param name="mrzName">The MRZ's name fields, when the identity was read from one.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="presented">The document and vehicle presented, screened against document and vehicle entries by exact number.</param>
    /// <param name="today">The node's day: an entry whose expiry date is before it no longer alerts. Null: expiry is not looked at.</param>
    public async Task<IReadOnlyList<ScreeningMatch>> ScreenAsync(MaabarDbContext db, Traveller traveller, string? documentNumber, string agency, MrzName? mrzName, CancellationToken cancellationToken, Presented? presented = null, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SyncAsync(db, cancellationToken);
        Snapshot snapshot = current;
        (PersonDescription person, IReadOnlyList<string> otherNames) = ScreeningDescriptions.Describe(traveller, documentNumber, mrzName);
        IndexSearchResult found = snapshot.Index.Search(person, otherNames);
        var exactHits = new List<(Guid Entry, string Key, string? State)>();
        lock (exactLock)
        {
            foreach ((string? key, string? state) in new[]
            {
                (presented?.DocumentNumber is { } number ? ScreeningDescriptions.DocumentKey(number) : null, presented?.DocumentState),
                (presented?.VehiclePlate is { } plate ? ScreeningDescriptions.PlateKey(plate) : null, presented?.VehicleCountry),
            })
            {
                if (key is not null && snapshot.Exact.TryGetValue(key, out HashSet<Guid>? listed))
                {
                    exactHits.AddRange(listed.Select(id => (id, key, state)));
                }
            }
        }

        if (found.Hits.Count == 0 && exactHits.Count == 0)
        {
            return [];
        }

        Guid[] ids = [.. found.Hits.Select(h => ScreeningDescriptions.EntryIdOf(h.EntryId)).Concat(exactHits.Select(h => h.Entry)).Distinct()];
        Dictionary<Guid, WatchlistEntry> entries = await db.WatchlistEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        if (today is { } day)
        {
            // Past its expiry date an entry stops alerting by itself, with no one having to withdraw it.
            foreach (Guid expired in entries.Values.Where(e => e.ExpiryDate < day).Select(e => e.Id).ToList())
            {
                entries.Remove(expired);
            }
        }

        var matches = new List<ScreeningMatch>();

        // A listed document or vehicle first: an exact number is the strongest evidence there is.
        foreach ((Guid id, string key, string? state) in exactHits)
        {
            if (entries.TryGetValue(id, out WatchlistEntry? entry) && entry.WithdrawnUtc is null && entry.IsVisibleTo(agency) && ScreeningDescriptions.ExactHitApplies(entry, key, state)
                && !matches.Exists(m => m.Entry.Id == id))
            {
                matches.Add(new ScreeningMatch(entry, 1.0, HitBand.Strong, ScreeningDescriptions.ExactExplanation(entry)));
            }
        }

        matches.AddRange(ScreeningDescriptions.Matches(found.Hits, entries, agency).Where(m => !matches.Exists(x => x.Entry.Id == m.Entry.Id)));
        return matches;
    }

    // The list has changed enough since the model was learned for its frequent words to have changed.
    private static bool Drifted(Snapshot snapshot, int entries) =>
        Math.Abs(entries - snapshot.LearnedAtEntries) >= Math.Max(RelearnAfterChanges, snapshot.LearnedAtEntries / 4);

    /// <summary>Starts a background rebuild, unless one is running or the last failed too recently. Called under the sync lock.</summary>
    private void StartRebuild()
    {
        if (rebuild is { IsCompleted: false } || stopping.IsCancellationRequested
            || (Interlocked.Read(ref rebuildFailedAt) != 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref rebuildFailedAt)) < RetryRebuildAfter))
        {
            return;
        }

        rebuild = Task.Run(() => RebuildAsync(stopping.Token));
    }

    /// <summary>
    /// Learns and builds a new index with a unit of work of its own, then, holding the sync lock, brings it up
    /// to date with what changed while it was built and puts it in place of the current one.
    /// </summary>
    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await using AsyncServiceScope scope = scopes!.CreateAsyncScope();
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            Snapshot fresh = await LoadAsync(db, cancellationToken);
            if (BeforeCatchUp is { } pause)
            {
                await pause();
            }

            await sync.WaitAsync(cancellationToken);
            try
            {
                (int Count, long Versions) now = await ReadFingerprintAsync(db, cancellationToken);
                await CatchUpAsync(db, fresh, cancellationToken);
                current = fresh;
                fingerprint = now;
            }
            finally
            {
                sync.Release();
            }

            if (logger is not null)
            {
                Log.Rebuilt(logger, Stopwatch.GetElapsedTime(started).TotalSeconds, fresh.Index.Count, fresh.Index.Frequencies.Version);
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            Interlocked.Exchange(ref rebuildFailedAt, Stopwatch.GetTimestamp());
            if (logger is not null)
            {
                Log.RebuildFailed(logger, e, RetryRebuildAfter);
            }
        }
    }

    /// <summary>
    /// Reads every entry twice: once to learn the list's word frequencies, once to index it with them, into a
    /// new snapshot (index, versions, exact-number lists) that the caller puts in place. Nothing shared is
    /// touched: a load cancelled half-way leaves the current snapshot as it was.
    /// </summary>
    private async Task<Snapshot> LoadAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        var learner = new NameFrequencyLearner();
        int entries = 0;
        await foreach (WatchlistEntry entry in db.WatchlistEntries.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            entries++;
            ScreeningDescriptions.CountNames(learner, entry);
        }

        var fresh = new Snapshot(new NameIndex(learner.LearnOnto(NameFrequencies.Default)), entries);
        var batch = new List<IndexedIdentity>(4096);
        await foreach (WatchlistEntry entry in db.WatchlistEntries.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Not every provider checks the token on rows it has already buffered.
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<IndexedIdentity> identities = ScreeningDescriptions.Describe(entry);
            fresh.SetVersion(entry.Id, IndexedVersion(entry), identities.Count);
            SetExactKeys(fresh, entry);
            batch.AddRange(identities);
            if (batch.Count >= batch.Capacity - 8)
            {
                fresh.Index.AddOrUpdateMany(batch);
                batch.Clear();
            }
        }

        fresh.Index.AddOrUpdateMany(batch);
        cancellationToken.ThrowIfCancellationRequested();
        return fresh;
    }

    /// <summary>Re-reads the entries whose version differs from what <paramref name="snapshot"/> indexed, and drops those gone.</summary>
    private async Task CatchUpAsync(MaabarDbContext db, Snapshot snapshot, CancellationToken cancellationToken)
    {
        var rows = await db.WatchlistEntries.AsNoTracking().Select(e => new { e.Id, Version = e.WithdrawnUtc == null ? e.Version : -e.Version }).ToListAsync(cancellationToken);
        var changed = rows.Where(r => !snapshot.Versions.TryGetValue(r.Id, out var v) || v.Version != r.Version).Select(r => r.Id).ToList();
        var present = rows.Select(r => r.Id).ToHashSet();
        foreach (Guid gone in snapshot.Versions.Keys.Where(id => !present.Contains(id)).ToList())
        {
            RemoveIdentities(snapshot, gone);
        }

        await ReadBackAsync(db, snapshot, changed, cancellationToken);
    }

    /// <summary>Reads these entries as stored now into <paramref name="snapshot"/>; those no longer in the table leave it.</summary>
    private async Task ReadBackAsync(MaabarDbContext db, Snapshot snapshot, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        foreach (Guid[] chunk in ids.Chunk(500))
        {
            Dictionary<Guid, WatchlistEntry> rows = await db.WatchlistEntries.AsNoTracking().Where(e => chunk.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            foreach (Guid id in chunk)
            {
                if (rows.TryGetValue(id, out WatchlistEntry? entry))
                {
                    Index(snapshot, entry);
                }
                else
                {
                    RemoveIdentities(snapshot, id);
                }
            }
        }
    }

    /// <summary>Indexes an entry as stored now, in place of what was indexed for it.</summary>
    private void Index(Snapshot snapshot, WatchlistEntry entry)
    {
        RemoveIdentities(snapshot, entry.Id);
        IReadOnlyList<IndexedIdentity> identities = ScreeningDescriptions.Describe(entry);
        snapshot.Index.AddOrUpdateMany(identities);
        snapshot.SetVersion(entry.Id, IndexedVersion(entry), identities.Count);
        SetExactKeys(snapshot, entry);
    }

    // The version as indexed: negative once withdrawn, so that a withdrawal at the same version is a change.
    private static int IndexedVersion(WatchlistEntry entry) => entry.WithdrawnUtc is null ? entry.Version : -entry.Version;

    private void SetExactKeys(Snapshot snapshot, WatchlistEntry entry)
    {
        IReadOnlyList<string> keys = ScreeningDescriptions.ExactKeys(entry);
        lock (exactLock)
        {
            RemoveExactKeys(snapshot, entry.Id);
            if (keys.Count == 0)
            {
                return;
            }

            snapshot.ExactKeysOf[entry.Id] = keys;
            foreach (string key in keys)
            {
                if (!snapshot.Exact.TryGetValue(key, out HashSet<Guid>? ids))
                {
                    snapshot.Exact[key] = ids = [];
                }

                ids.Add(entry.Id);
            }
        }
    }

    private static void RemoveExactKeys(Snapshot snapshot, Guid entry)
    {
        if (snapshot.ExactKeysOf.Remove(entry, out IReadOnlyList<string>? keys))
        {
            foreach (string key in keys)
            {
                if (snapshot.Exact.TryGetValue(key, out HashSet<Guid>? ids) && ids.Remove(entry) && ids.Count == 0)
                {
                    snapshot.Exact.Remove(key);
                }
            }
        }
    }

    private void RemoveIdentities(Snapshot snapshot, Guid entry)
    {
        lock (exactLock)
        {
            RemoveExactKeys(snapshot, entry);
        }

        if (snapshot.RemoveVersion(entry) is { } indexed)
        {
            for (int i = 0; i < indexed.Identities; i++)
            {
                snapshot.Index.Remove(ScreeningDescriptions.IndexedId(entry, i));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // A background rebuild sees the cancellation (or the disposed lock) and ends quietly.
        stopping.Cancel();
        current.Index.Dispose();
        sync.Dispose();
        stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Watchlist index rebuilt in the background in {Seconds:F1} s: {Entries} entries, name frequencies {Model}")]
        public static partial void Rebuilt(ILogger logger, double seconds, int entries, string model);

        [LoggerMessage(2, LogLevel.Error, "Watchlist index rebuild failed; screening goes on with the current index, and the rebuild is tried again after {Retry}")]
        public static partial void RebuildFailed(ILogger logger, Exception error, TimeSpan retry);

        [LoggerMessage(3, LogLevel.Warning, "Looking at the watchlist table in the background failed; screening goes on with the current index, and the table is looked at again after {Backstop}")]
        public static partial void LookFailed(ILogger logger, Exception error, TimeSpan backstop);
    }

    /// <summary>
    /// One index with what it was built from: per entry the version indexed and how many identities it was
    /// indexed as (one per date of birth), the exact-number lists (document and vehicle entries, see
    /// <see cref="ScreeningDescriptions.ExactKeys"/>), and the number of entries its model was learned from.
    /// </summary>
    private sealed class Snapshot(NameIndex index, int learnedAtEntries)
    {
        public NameIndex Index { get; } = index;

        private readonly Dictionary<Guid, (int Version, int Identities)> versions = [];
        private long versionSum;
        private int withdrawn;

        /// <summary>Per entry, the version indexed (negative once withdrawn) and how many identities it was indexed as.</summary>
        public IReadOnlyDictionary<Guid, (int Version, int Identities)> Versions => versions;

        /// <summary>The table's fingerprint as this snapshot has indexed it: row count, versions and withdrawals.</summary>
        public (int Count, long Versions) Fingerprint => (versions.Count, versionSum + ((long)withdrawn << 40));

        public void SetVersion(Guid entry, int version, int identities)
        {
            RemoveVersion(entry);
            versions[entry] = (version, identities);
            versionSum += Math.Abs(version);
            withdrawn += version < 0 ? 1 : 0;
        }

        public (int Version, int Identities)? RemoveVersion(Guid entry)
        {
            if (!versions.Remove(entry, out var indexed))
            {
                return null;
            }

            versionSum -= Math.Abs(indexed.Version);
            withdrawn -= indexed.Version < 0 ? 1 : 0;
            return indexed;
        }

        public Dictionary<string, HashSet<Guid>> Exact { get; } = new(StringComparer.Ordinal);

        public Dictionary<Guid, IReadOnlyList<string>> ExactKeysOf { get; } = [];

        public int LearnedAtEntries { get; } = learnedAtEntries;
    }
}

/// <summary>What a traveller presented besides their identity: the document and the vehicle, for the exact-number lists.</summary>
/// <param name="DocumentNumber">The document's number.</param>
/// <param name="DocumentState">Its issuing state.</param>
/// <param name="VehiclePlate">The vehicle's plate.</param>
/// <param name="VehicleCountry">The plate's country.</param>
public sealed record Presented(string? DocumentNumber, string? DocumentState, string? VehiclePlate, string? VehicleCountry);
