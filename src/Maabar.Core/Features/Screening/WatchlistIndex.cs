using System.Diagnostics;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Names;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Screening;

/// <summary>
/// The node's name index over its watchlist entries, kept in step with the database, and screening with
/// it. One per process (a singleton): built on first use, then brought up to date before every
/// screening. The database stays the truth: a fingerprint (row count and the sum of versions) tells
/// whether anything changed; if so, entries whose version differs from the indexed one are re-read, and
/// entries gone from the table leave the index. The fingerprint is an aggregate over the whole table, so it
/// is read only when <see cref="WatchlistChanges"/> says this process changed entries, or when the
/// backstop interval (<see cref="BackstopInterval"/>) has passed since it was last read (for writers in
/// other processes).
/// Thread-safe.
/// <para>
/// Name words are weighed by what the list itself teaches (<see cref="NameFrequencies.LearnFrom"/>, on top
/// of the shipped corpus counts): the whole list is read once to learn, then again to index. The model is
/// fixed for an index's life; when the list has grown or shrunk by a quarter (and at least
/// <see cref="RelearnAfterChanges"/> entries) since, the next sync learns again and builds a new index.
/// </para>
/// </summary>
public sealed class WatchlistIndex : IDisposable
{
    /// <summary>The least change in the number of entries that makes the model be learned again.</summary>
    public const int RelearnAfterChanges = 1000;

    /// <summary>
    /// How stale the index may be, by default, for changes made by another process (the CLI importing a list
    /// while the server runs, another server on the same database): the table is looked at again after this long.
    /// </summary>
    public static readonly TimeSpan BackstopInterval = TimeSpan.FromSeconds(2);

    private readonly WatchlistChanges? changes;
    private readonly TimeSpan backstop;
    private long syncedGeneration = -1;
    private long checkedAt;
    private long fingerprintReads;

    private readonly SemaphoreSlim sync = new(1, 1);
    // Per entry: the version indexed and how many identities it was indexed as (one per date of birth).
    private readonly Dictionary<Guid, (int Version, int Identities)> indexedVersions = [];

    // Replaced whole when the model is learned again; a search already running finishes on the old one.
    private volatile NameIndex index = new(NameFrequencies.Default);
    private int learnedAtEntries;

    // Document and vehicle entries, by exact key (see ScreeningDescriptions.ExactKeys); guarded by exactLock.
    private readonly Dictionary<string, HashSet<Guid>> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, IReadOnlyList<string>> exactKeysOf = [];
    private readonly Lock exactLock = new();
    private (int Count, long Versions)? fingerprint;

    /// <summary>An index told of this process's changes by <paramref name="changes"/>; without it, the table is looked at before every screening.</summary>
    /// <param name="changes">This process's change signal (a singleton).</param>
    /// <param name="backstop">How often to look at the table for other processes' changes; <see cref="BackstopInterval"/> when null.</param>
    public WatchlistIndex(WatchlistChanges? changes = null, TimeSpan? backstop = null)
    {
        this.changes = changes;
        this.backstop = backstop ?? BackstopInterval;
    }

    /// <summary>Times the entries table's fingerprint was read: what the change signal saves.</summary>
    public long FingerprintReads => Interlocked.Read(ref fingerprintReads);

    /// <summary>Entries indexed.</summary>
    public int Count => index.Count;

    /// <summary>The model the index weighs name words by: its version names it in hits' explanations and reports.</summary>
    public NameFrequencies Frequencies => index.Frequencies;

    /// <summary>Brings the index up to date with the entries table.</summary>
    /// <param name="db">A context of the caller's unit of work.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task SyncAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The generation is read before the table: a change committed while the table is read is seen next time.
        long generation = changes?.Generation ?? -1;
        if (changes is not null && generation == Interlocked.Read(ref syncedGeneration)
            && Stopwatch.GetElapsedTime(Interlocked.Read(ref checkedAt)) < backstop)
        {
            return;
        }

        long readAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref fingerprintReads);
        var current = await db.WatchlistEntries.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(e => (long)e.Version), Withdrawn = g.Count(e => e.WithdrawnUtc != null) })
            .SingleOrDefaultAsync(cancellationToken);

        // A partner's withdrawal keeps the owner's version: the withdrawn count is part of the fingerprint.
        (int Count, long Versions) now = current is null ? (0, 0) : (current.Count, current.Versions + ((long)current.Withdrawn << 40));
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

            if (fingerprint is null || Drifted(now.Count))
            {
                await LoadAllAsync(db, cancellationToken);
            }
            else
            {
                var rows = await db.WatchlistEntries.AsNoTracking().Select(e => new { e.Id, Version = e.WithdrawnUtc == null ? e.Version : -e.Version }).ToListAsync(cancellationToken);
                var changed = rows.Where(r => !indexedVersions.TryGetValue(r.Id, out var v) || v.Version != r.Version).Select(r => r.Id).ToList();
                var present = rows.Select(r => r.Id).ToHashSet();
                foreach (Guid gone in indexedVersions.Keys.Where(id => !present.Contains(id)).ToList())
                {
                    RemoveIdentities(gone);
                }

                foreach (Guid[] chunk in changed.Chunk(500))
                {
                    foreach (WatchlistEntry entry in await db.WatchlistEntries.AsNoTracking().Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken))
                    {
                        RemoveIdentities(entry.Id);
                        IReadOnlyList<IndexedIdentity> identities = ScreeningDescriptions.Describe(entry);
                        index.AddOrUpdateMany(identities);
                        indexedVersions[entry.Id] = (IndexedVersion(entry), identities.Count);
                        SetExactKeys(entry);
                    }
                }
            }

            fingerprint = now;
            Synced(generation, readAt);
        }
        finally
        {
            sync.Release();
        }
    }

    private void Synced(long generation, long readAt)
    {
        Interlocked.Exchange(ref syncedGeneration, generation);
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
    public async Task<IReadOnlyList<ScreeningMatch>> ScreenAsync(MaabarDbContext db, Traveller traveller, string? documentNumber, string agency, MrzName? mrzName, CancellationToken cancellationToken, Presented? presented = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SyncAsync(db, cancellationToken);
        (PersonDescription person, IReadOnlyList<string> otherNames) = ScreeningDescriptions.Describe(traveller, documentNumber, mrzName);
        IndexSearchResult found = index.Search(person, otherNames);
        var exactHits = new List<(Guid Entry, string Key, string? State)>();
        lock (exactLock)
        {
            foreach ((string? key, string? state) in new[]
            {
                (presented?.DocumentNumber is { } number ? ScreeningDescriptions.DocumentKey(number) : null, presented?.DocumentState),
                (presented?.VehiclePlate is { } plate ? ScreeningDescriptions.PlateKey(plate) : null, presented?.VehicleCountry),
            })
            {
                if (key is not null && exact.TryGetValue(key, out HashSet<Guid>? listed))
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
    private bool Drifted(int entries) => Math.Abs(entries - learnedAtEntries) >= Math.Max(RelearnAfterChanges, learnedAtEntries / 4);

    /// <summary>
    /// Reads every entry twice: once to learn the list's word frequencies, once to index it with them, into a
    /// new index that then replaces the old. Entries gone since the last load leave the exact-number lists.
    /// The new index and its versions replace the old together at the end: a load cancelled half-way leaves
    /// the old ones as they were (and the fingerprint unchanged, so the next sync loads again).
    /// </summary>
    private async Task LoadAllAsync(MaabarDbContext db, CancellationToken cancellationToken)
    {
        var learner = new NameFrequencyLearner();
        int entries = 0;
        await foreach (WatchlistEntry entry in db.WatchlistEntries.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            entries++;
            ScreeningDescriptions.CountNames(learner, entry);
        }

        var fresh = new NameIndex(learner.LearnOnto(NameFrequencies.Default));
        var versions = new Dictionary<Guid, (int Version, int Identities)>();
        var batch = new List<IndexedIdentity>(4096);
        await foreach (WatchlistEntry entry in db.WatchlistEntries.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Not every provider checks the token on rows it has already buffered.
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<IndexedIdentity> identities = ScreeningDescriptions.Describe(entry);
            versions[entry.Id] = (IndexedVersion(entry), identities.Count);
            SetExactKeys(entry);
            batch.AddRange(identities);
            if (batch.Count >= batch.Capacity - 8)
            {
                fresh.AddOrUpdateMany(batch);
                batch.Clear();
            }
        }

        fresh.AddOrUpdateMany(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (exactLock)
        {
            foreach (Guid gone in exactKeysOf.Keys.Where(id => !versions.ContainsKey(id)).ToList())
            {
                RemoveExactKeys(gone);
            }
        }

        // The old index is left to the collector, not disposed: a search may still be reading it.
        index = fresh;
        indexedVersions.Clear();
        foreach ((Guid id, (int Version, int Identities) indexed) in versions)
        {
            indexedVersions[id] = indexed;
        }

        learnedAtEntries = entries;
    }

    // The version as indexed: negative once withdrawn, so that a withdrawal at the same version is a change.
    private static int IndexedVersion(WatchlistEntry entry) => entry.WithdrawnUtc is null ? entry.Version : -entry.Version;

    private void SetExactKeys(WatchlistEntry entry)
    {
        IReadOnlyList<string> keys = ScreeningDescriptions.ExactKeys(entry);
        lock (exactLock)
        {
            RemoveExactKeys(entry.Id);
            if (keys.Count == 0)
            {
                return;
            }

            exactKeysOf[entry.Id] = keys;
            foreach (string key in keys)
            {
                if (!exact.TryGetValue(key, out HashSet<Guid>? ids))
                {
                    exact[key] = ids = [];
                }

                ids.Add(entry.Id);
            }
        }
    }

    private void RemoveExactKeys(Guid entry)
    {
        if (exactKeysOf.Remove(entry, out IReadOnlyList<string>? keys))
        {
            foreach (string key in keys)
            {
                if (exact.TryGetValue(key, out HashSet<Guid>? ids) && ids.Remove(entry) && ids.Count == 0)
                {
                    exact.Remove(key);
                }
            }
        }
    }

    private void RemoveIdentities(Guid entry)
    {
        lock (exactLock)
        {
            RemoveExactKeys(entry);
        }

        if (indexedVersions.Remove(entry, out var indexed))
        {
            for (int i = 0; i < indexed.Identities; i++)
            {
                index.Remove(ScreeningDescriptions.IndexedId(entry, i));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        index.Dispose();
        sync.Dispose();
    }
}

/// <summary>What a traveller presented besides their identity: the document and the vehicle, for the exact-number lists.</summary>
/// <param name="DocumentNumber">The document's number.</param>
/// <param name="DocumentState">Its issuing state.</param>
/// <param name="VehiclePlate">The vehicle's plate.</param>
/// <param name="VehicleCountry">The plate's country.</param>
public sealed record Presented(string? DocumentNumber, string? DocumentState, string? VehiclePlate, string? VehicleCountry);
