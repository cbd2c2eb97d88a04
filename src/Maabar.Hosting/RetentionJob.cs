using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Retention;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maabar.Hosting;

/// <summary>
/// Runs <see cref="PurgeExpiredRecords"/> every <see cref="RetentionOptions.Interval"/> on the node's
/// <see cref="TimeProvider"/>. The schedule is kept in the database, not in the process: a run is due one
/// interval after the last run any instance (or <c>maabar retention purge</c>) recorded in the audit trail, or
/// after this instance started when none did. A restart does not reset it, and instances sharing a database
/// take turns rather than each purging.
/// </summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IOptions<NodeOptions> node, TimeProvider clock, ILogger<RetentionJob> logger)
    : BackgroundService
{
    /// <summary>How long to wait before trying again when the database could not be reached.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RetentionOptions o = options.Value;
        DateTime startedUtc = clock.GetUtcNow().UtcDateTime;
        if (!o.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunIfDueAsync(startedUtc, o.Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database is away or busy: nothing was purged (each type is one transaction); try again later.
                Log.PurgeFailed(logger, ex.GetType().Name);
                wait = o.Interval < RetryAfter ? o.Interval : RetryAfter;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Purges when a run is due; returns how long to wait before looking again.</summary>
    internal async Task<TimeSpan> RunIfDueAsync(DateTime startedUtc, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        DateTime? last = await db.AuditEntries.Where(a => a.Action == AuditActions.RetentionPurged).MaxAsync(a => (DateTime?)a.OccurredUtc, cancellationToken);
        DateTime due = (last ?? startedUtc) + interval;
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        if (due > nowUtc)
        {
            return due - nowUtc;
        }

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        RetentionRun run = await scope.ServiceProvider.GetRequiredService<PurgeExpiredRecords>().HandleAsync(Actor.System(node.Value.Agency), dryRun: false, cancellationToken);
        Log.Purged(logger, run.Counts.Sum(c => c.Count), elapsed.ElapsedMilliseconds);

        // The next run is due one interval after this one began, however long this one took.
        TimeSpan next = nowUtc + interval - clock.GetUtcNow().UtcDateTime;
        return next > TimeSpan.Zero ? next : TimeSpan.Zero;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Retention purge: {Count} records purged in {Milliseconds} ms")]
        public static partial void Purged(ILogger logger, int count, long milliseconds);

        [LoggerMessage(2, LogLevel.Warning, "Retention purge failed, will try again: {Error}")]
        public static partial void PurgeFailed(ILogger logger, string error);
    }
}

public static class RetentionJobServiceCollectionExtensions
{
    /// <summary>Runs the retention purge in the background (section <c>Retention</c>; off with <c>Retention:Enabled=false</c>).</summary>
    public static IServiceCollection AddMaabarRetentionJob(this IServiceCollection services)
    {
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
