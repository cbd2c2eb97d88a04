using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;

namespace Maabar.Server.Infrastructure;

/// <summary>Who may read <c>/metrics</c>. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Exports the node's metrics at <c>/metrics</c> (Prometheus text format). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>) whose addresses may read <c>/metrics</c>; anyone else, and any
    /// request that came through a proxy (it carries <c>X-Forwarded-For</c>), gets 404. Empty (the default):
    /// loopback only (<see cref="Loopback"/>).
    /// </summary>
    public IReadOnlyList<string> AllowedNetworks { get; set; } = [];

    /// <summary>The networks allowed when <see cref="AllowedNetworks"/> is empty.</summary>
    public static IReadOnlyList<string> Loopback { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>The networks that may scrape.</summary>
    public IEnumerable<IPNetwork> Networks() => (AllowedNetworks.Count == 0 ? Loopback : AllowedNetworks).Select(n => IPNetwork.Parse(n));

    /// <summary>True when every <see cref="AllowedNetworks"/> entry is a network in CIDR notation.</summary>
    public bool NetworksAreValid() => AllowedNetworks.All(n => IPNetwork.TryParse(n, out _));
}

/// <summary>
/// OpenTelemetry metrics: the <see cref="MaabarMetrics"/> meter (passages, screening latency, failed sign-ins),
/// the federation gauges below, and ASP.NET Core's request metrics; scraped by Prometheus at <c>/metrics</c>.
/// </summary>
internal static class Metrics
{
    public const string Path = "/metrics";

    public static void AddMaabarMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName))
            .Validate(o => o.NetworksAreValid(), "Metrics:AllowedNetworks must list networks in CIDR notation, e.g. 10.20.0.0/16.").ValidateOnStart();
        MetricsOptions options = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled)
        {
            return;
        }

        services.AddSingleton<FederationGauges>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MaabarMetrics.MeterName, FederationGauges.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>Serves <c>/metrics</c> to the allowed networks only; for anyone else the path does not exist.</summary>
    public static void UseMaabarMetrics(this WebApplication app)
    {
        MetricsOptions options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        // The gauges observe the database only once someone scrapes: created here, with the host.
        app.Services.GetRequiredService<FederationGauges>();
        IPNetwork[] allowed = [.. options.Networks()];
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == Path && MayScrape(context, allowed));
    }

    /// <summary>A direct request (no proxy in between) from an allowed network.</summary>
    internal static bool MayScrape(HttpContext context, IReadOnlyList<IPNetwork> allowed)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("X-Original-For"))
        {
            return false;
        }

        IPAddress? remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return allowed.Any(n => n.Contains(remote));
    }
}

/// <summary>
/// The federation queue and links, read from the database when scraped: outbox backlog and the age of the
/// oldest waiting message per partner, and whether each partner's link is up. A database that cannot be read
/// gives no measurement (the scrape still answers).
/// </summary>
internal sealed class FederationGauges : IDisposable
{
    public const string MeterName = "Maabar.Federation";

    /// <summary>A reading older than this (real elapsed time) is read again; a scrape reads the three gauges one after the other.</summary>
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(1);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly Meter meter;
    private readonly Lock gate = new();
    private List<PartnerState>? last;
    private long lastReadAt;

    public FederationGauges(IServiceScopeFactory scopes, TimeProvider clock, IMeterFactory meters)
    {
        this.scopes = scopes;
        this.clock = clock;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("maabar.outbox.backlog", () => Read(s => s.Select(p => Measure(p.Pending, p.Agency))), "{message}",
            "Messages waiting to be sent, per partner.");
        meter.CreateObservableGauge("maabar.outbox.oldest_age", () => Read(s => s.Select(p => Measure(p.OldestAgeSeconds, p.Agency))), "s",
            "Age of the oldest message waiting to be sent, per partner, in seconds (0 when none waits).");
        meter.CreateObservableGauge("maabar.partner.link.up", () => Read(s => s.Select(p => Measure(p.Up ? 1 : 0, p.Agency))), "1",
            "1 while the partner's link is up (its last delivery attempt succeeded or none failed), 0 while it is down.");
    }

    public void Dispose() => meter.Dispose();

    private static Measurement<double> Measure(double value, string partner) => new(value, new KeyValuePair<string, object?>("partner", partner));

    private IEnumerable<Measurement<double>> Read(Func<IReadOnlyList<PartnerState>, IEnumerable<Measurement<double>>> select)
    {
        IReadOnlyList<PartnerState> states;
        try
        {
            // The three gauges of one scrape share one reading of the database.
            lock (gate)
            {
                if (last is null || Stopwatch.GetElapsedTime(lastReadAt) > ReadAgainAfter)
                {
                    last = Snapshot();
                    lastReadAt = Stopwatch.GetTimestamp();
                }

                states = last;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return [];
        }

        return [.. select(states)];
    }

    /// <summary>One grouped read of the queue and one of the links (observable instruments are read synchronously).</summary>
    private List<PartnerState> Snapshot()
    {
        using IServiceScope scope = scopes.CreateScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        var pending = db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .GroupBy(m => m.Recipient)
            .Select(g => new { Agency = g.Key, Count = g.Count(), Oldest = g.Min(m => m.CreatedUtc) })
            .ToList();
        var links = db.PartnerLinks.AsNoTracking().Select(l => new { l.Agency, Down = l.DownSinceUtc != null }).ToList();
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        return [.. links.Select(l => l.Agency).Union(pending.Select(p => p.Agency)).Order(StringComparer.Ordinal).Select(agency =>
        {
            var queue = pending.FirstOrDefault(p => p.Agency == agency);
            bool down = links.Any(l => l.Agency == agency && l.Down);
            return new PartnerState(agency, queue?.Count ?? 0, queue is null ? 0 : Math.Max(0, (nowUtc - queue.Oldest).TotalSeconds), !down);
        })];
    }

    private sealed record PartnerState(string Agency, int Pending, double OldestAgeSeconds, bool Up);
}
