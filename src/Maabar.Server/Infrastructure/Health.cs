using System.Diagnostics;
using Maabar.Core.Data;
using Maabar.Core.Features.Screening;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maabar.Server.Infrastructure;

/// <summary>
/// Liveness and readiness. <c>/health/live</c>: the process answers (restart it when it does not).
/// <c>/health/ready</c>: the database answers and the screening index is loaded (send it traffic only then).
/// <c>/health</c> is the readiness answer under its old address.
/// </summary>
internal static class Health
{
    /// <summary>Tag of the checks that readiness waits for.</summary>
    public const string Ready = "ready";

    public static void AddMaabarHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<ScreeningIndexHealthCheck>("screening-index", tags: [Ready]);
        services.AddSingleton<ScreeningIndexState>();
        services.AddHostedService<ScreeningIndexWarmUp>();
    }

    public static void MapMaabarHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
    }
}

/// <summary>Readiness: the database answers.</summary>
internal sealed class DatabaseHealthCheck(MaabarDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}

/// <summary>Whether the process's screening index has been loaded from the database (set once, by <see cref="ScreeningIndexWarmUp"/>). Thread-safe.</summary>
internal sealed class ScreeningIndexState
{
    private volatile bool loaded;

    public bool IsLoaded => loaded;

    public void MarkLoaded() => loaded = true;
}

/// <summary>Readiness: the screening index has been loaded, so that the first passage does not wait for it.</summary>
internal sealed class ScreeningIndexHealthCheck(ScreeningIndexState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("screening index not loaded"));
}

/// <summary>Loads the screening index as the node starts, trying again while the database cannot be reached.</summary>
internal sealed class ScreeningIndexWarmUp(IServiceScopeFactory scopes, WatchlistIndex index, ScreeningIndexState state, TimeProvider clock, ILogger<ScreeningIndexWarmUp> logger) : BackgroundService
{
    /// <summary>The wait between two attempts while the database is out of reach.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yields at once: the host's start does not wait for the load.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await index.SyncAsync(scope.ServiceProvider.GetRequiredService<MaabarDbContext>(), stoppingToken);
                state.MarkLoaded();
                Log.ScreeningIndexLoaded(logger, index.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.ScreeningIndexLoadFailed(logger, e.GetType().Name, RetryAfter);
            }

            try
            {
                await Task.Delay(RetryAfter, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
