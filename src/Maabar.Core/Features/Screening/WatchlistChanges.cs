using System.Data.Common;
using System.Runtime.CompilerServices;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maabar.Core.Features.Screening;

/// <summary>
/// Tells the name index that watchlist entries changed, and which, so that it need not ask the database
/// before every screening, nor read the whole table to find them. Bumped by
/// <see cref="WatchlistChangeInterceptor"/> when a save that touched entries is committed in this process.
/// The last <see cref="Remembered"/> changed entries are kept; a reader that has fallen further behind (or a
/// change whose entries are not known) must look at the whole table. Writers in another process (the CLI
/// importing a list, another server instance) are not seen here: <see cref="WatchlistIndex"/> also looks at
/// the table itself at least every <see cref="WatchlistIndex.BackstopInterval"/>. Thread-safe.
/// </summary>
public sealed class WatchlistChanges
{
    /// <summary>How many changed entries are remembered for readers that are behind.</summary>
    public const int Remembered = 4096;

    private readonly Lock gate = new();
    private readonly Queue<(long Generation, Guid Entry)> log = new();
    private long generation;

    // Readers synced before this generation may have missed entries no longer in the log, or not known.
    private long incompleteBefore;

    /// <summary>Grows by one at every committed change to watchlist entries in this process.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Records that entries changed, without saying which: readers look at the whole table.</summary>
    public void Bump() => Bump([]);

    /// <summary>Records that these entries were added, changed or removed.</summary>
    /// <param name="entries">Their ids; none when not known.</param>
    public void Bump(IReadOnlyCollection<Guid> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (gate)
        {
            long next = generation + 1;
            if (entries.Count == 0)
            {
                incompleteBefore = next;
            }

            foreach (Guid entry in entries)
            {
                log.Enqueue((next, entry));
            }

            while (log.Count > Remembered)
            {
                incompleteBefore = Math.Max(incompleteBefore, log.Dequeue().Generation);
            }

            // Published last: a reader that sees the generation finds its entries in the log.
            Interlocked.Exchange(ref generation, next);
        }
    }

    /// <summary>
    /// The entries changed after generation <paramref name="since"/> up to <paramref name="upTo"/>, or null when
    /// some of them are not known (forgotten, or a change that did not say).
    /// </summary>
    /// <param name="since">The generation the reader is up to date with.</param>
    /// <param name="upTo">The generation it is catching up to.</param>
    public IReadOnlyCollection<Guid>? ChangedSince(long since, long upTo)
    {
        lock (gate)
        {
            if (since < incompleteBefore)
            {
                return null;
            }

            return [.. log.Where(c => c.Generation > since && c.Generation <= upTo).Select(c => c.Entry).Distinct()];
        }
    }
}

/// <summary>
/// Bumps <see cref="WatchlistChanges"/> once a save that added, changed or removed watchlist entries is
/// durable: at once without a transaction, at the commit with one (a bump before the commit would let a
/// screening read the old rows and believe itself up to date).
/// </summary>
public sealed class WatchlistChangeInterceptor(WatchlistChanges changes) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Per context, the entries it is saving or saved inside a transaction not yet committed.
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = [];

    /// <inheritdoc/>
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    /// <inheritdoc/>
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc/>
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    /// <inheritdoc/>
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc/>
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    /// <inheritdoc/>
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            pending.Remove(context);
        }
    }

    /// <inheritdoc/>
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    // Before the save the tracker still knows what is added, changed or deleted.
    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<WatchlistEntry>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            pending.GetOrCreateValue(context).Add(entry.Entity.Id);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out HashSet<Guid>? entries))
        {
            pending.Remove(context);
            changes.Bump(entries);
        }
    }
}
