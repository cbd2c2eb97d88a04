using System.Data.Common;
using System.Runtime.CompilerServices;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maabar.Core.Features.Screening;

/// <summary>
/// Tells the name index that watchlist entries may have changed, so that it need not ask the database
/// before every screening. Bumped by <see cref="WatchlistChangeInterceptor"/> when a save that touched
/// entries is committed in this process. Writers in another process (the CLI importing a list, another
/// server instance) are not seen here: <see cref="WatchlistIndex"/> also looks at the table itself at
/// least every <see cref="WatchlistIndex.BackstopInterval"/>. Thread-safe.
/// </summary>
public sealed class WatchlistChanges
{
    private long generation;

    /// <summary>Grows by one at every committed change to watchlist entries in this process.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Records that entries changed.</summary>
    public void Bump() => Interlocked.Increment(ref generation);
}

/// <summary>
/// Bumps <see cref="WatchlistChanges"/> once a save that added, changed or removed watchlist entries is
/// durable: at once without a transaction, at the commit with one (a bump before the commit would let a
/// screening read the old rows and believe itself up to date).
/// </summary>
public sealed class WatchlistChangeInterceptor(WatchlistChanges changes) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts that saved entries inside a transaction not yet committed.
    private readonly ConditionalWeakTable<DbContext, object> pending = [];

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
        if (context is not null && context.ChangeTracker.Entries<WatchlistEntry>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            pending.AddOrUpdate(context, context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && pending.Remove(context))
        {
            changes.Bump();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && pending.Remove(context))
        {
            changes.Bump();
        }
    }
}
