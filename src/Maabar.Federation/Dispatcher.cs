using System.Globalization;
using System.Net;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maabar.Federation;

/// <summary>
/// Sends the outbox. For each partner, in sequence order, one message after the other (so per-sender order
/// holds): sign a fresh delivery, POST it, and on acknowledgement mark it delivered. A transient failure
/// (no answer, 5xx, 408, 429) stops that partner's queue until the backoff (exponential with full jitter,
/// kept in the database so a restart keeps it) has passed; a refusal (other 4xx) marks that message rejected
/// and the queue moves on; a message older than the lifetime expires. Every state is in the database: a
/// killed process resumes where it stopped, and at worst re-sends one message, which the partner's inbox
/// acknowledges as a duplicate. Several server instances share the work through a lease per partner.
/// </summary>
public sealed partial class Dispatcher(IServiceScopeFactory scopes, NodeKeys keys, FederationNode node, IHttpClientFactory http, IOptions<FederationOptions> options, TimeProvider clock, ILogger<Dispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "maabar-federation";
    private readonly string instance = $"{Environment.MachineName}:{Environment.ProcessId}:{System.Security.Cryptography.RandomNumberGenerator.GetHexString(12, lowercase: true)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keys.Partners.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (string partner in keys.Partners)
                {
                    await DrainAsync(partner, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database is away or busy: try again on the next tick; nothing is lost.
                Log.DispatchFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.DispatchInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>On a graceful stop the leases are given back, so another instance (or this node restarted) resumes at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            await db.PartnerLinks.Where(l => l.LeaseOwner == instance)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseOwner, (string?)null).SetProperty(l => l.LeaseUntilUtc, (DateTime?)null), cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
            // The lease then lapses by itself (Federation:LeaseDuration).
            Log.DispatchFailed(logger, ex.GetType().Name);
        }
    }

    /// <summary>Sends what is due to <paramref name="partner"/>; returns how many messages were acknowledged.</summary>
    internal async Task<int> DrainAsync(string partner, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        if (!await TryLeaseAsync(db, partner, cancellationToken))
        {
            return 0;
        }

        FederationOptions o = options.Value;
        HttpClient client = http.CreateClient(HttpClientName);
        client.Timeout = o.RequestTimeout;
        int delivered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<OutboxMessage> batch = await db.OutboxMessages
                .Where(m => m.Recipient == partner && m.Status == OutboxStatus.Pending)
                .OrderBy(m => m.Sequence).Take(50).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return delivered;
            }

            // The batch's states are saved together: a crash before the save re-sends at most this batch,
            // which the partner acknowledges as duplicates (its inbox applies each message once).
            PartnerLink link = await db.PartnerLinks.SingleAsync(l => l.Agency == partner, cancellationToken);
            bool stop = false;
            foreach (OutboxMessage message in batch)
            {
                DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
                if (message.NextAttemptUtc > nowUtc)
                {
                    // The head of the queue waits for its backoff; nothing behind it may overtake it.
                    stop = true;
                    break;
                }

                if (message.CreatedUtc + o.MessageLifetime < nowUtc)
                {
                    message.Status = OutboxStatus.Expired;
                    message.LastError = "federation.expired";
                    continue;
                }

                (bool done, bool permanent, string? error) = await SendAsync(client, message, nowUtc, cancellationToken);
                message.Attempts++;
                link.LeaseUntilUtc = nowUtc + o.LeaseDuration;
                if (done)
                {
                    message.Status = OutboxStatus.Delivered;
                    message.DeliveredUtc = nowUtc;
                    message.LastError = null;
                    await LinkUpAsync(db, link, nowUtc, cancellationToken);
                    delivered++;
                }
                else if (permanent)
                {
                    message.Status = OutboxStatus.Rejected;
                    message.LastError = error;
                    await LinkUpAsync(db, link, nowUtc, cancellationToken);
                    Log.Rejected(logger, message.Type, partner, error ?? "-");
                }
                else
                {
                    message.LastError = error;
                    message.NextAttemptUtc = nowUtc + Backoff(message.Attempts, o);
                    LinkDown(db, link, error, nowUtc, o);
                    stop = true;
                    break;
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (stop)
            {
                return delivered;
            }
        }

        return delivered;
    }

    private async Task<(bool Done, bool Permanent, string? Error)> SendAsync(HttpClient client, OutboxMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        Envelope envelope = new Envelope(
            message.MessageId, message.Type, message.Version, node.Agency, [message.Recipient], Envelope.Instant(message.CreatedUtc),
            message.CorrelationId, message.ReplyDueUtc is { } due ? Envelope.Instant(due) : null, message.Sequence, Envelope.Instant(nowUtc),
            message.Payload, string.Empty).SignWith(keys.Signing);
        try
        {
            using var content = new ByteArrayContent(envelope.ToJson());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await client.PostAsync(keys.InboxOf(message.Recipient), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (true, false, null);
            }

            string code = "http." + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            bool transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (false, !transient, code);
        }
        catch (HttpRequestException ex)
        {
            return (false, false, "net." + (ex.HttpRequestError.ToString().ToLowerInvariant()));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, false, "net.timeout");
        }
    }

    /// <summary>Exponential backoff with full jitter: a random delay up to base x 2^(attempts-1), capped.</summary>
    internal static TimeSpan Backoff(int attempts, FederationOptions o)
    {
        double ceiling = Math.Min(o.RetryMaxDelay.TotalMilliseconds, o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromMilliseconds(Math.Max(o.RetryBaseDelay.TotalMilliseconds / 2, Random.Shared.NextDouble() * ceiling));
    }

    private static string OutageTitle(string partner) => $"Link to {partner} down";

    private async Task LinkUpAsync(MaabarDbContext db, PartnerLink link, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (link.DownReportedUtc is not null)
        {
            await IncidentLog.CloseOutageAsync(db, node.Agency, OutageTitle(link.Agency), "Link restored; the backlog is being delivered.", nowUtc, cancellationToken);
            db.Audit(Actor.System(node.Agency), nowUtc, AuditActions.FederationLinkUp, "partner", link.Agency, "federation.dispatch",
                string.Create(CultureInfo.InvariantCulture, $"down-since={Envelope.Instant(link.DownSinceUtc ?? nowUtc)}"));
            Log.LinkUp(logger, link.Agency);
        }

        link.LastSuccessUtc = nowUtc;
        link.DownSinceUtc = null;
        link.DownReportedUtc = null;
    }

    private void LinkDown(MaabarDbContext db, PartnerLink link, string? error, DateTime nowUtc, FederationOptions o)
    {
        link.LastFailureUtc = nowUtc;
        link.LastError = error;
        link.DownSinceUtc ??= nowUtc;
        if (link.DownReportedUtc is null && nowUtc - link.DownSinceUtc >= o.LinkDownAlertAfter)
        {
            link.DownReportedUtc = nowUtc;
            db.Audit(Actor.System(node.Agency), nowUtc, AuditActions.FederationLinkDown, "partner", link.Agency, "federation.dispatch",
                string.Create(CultureInfo.InvariantCulture, $"since={Envelope.Instant(link.DownSinceUtc.Value)};error={error}"));
            Log.LinkDown(logger, link.Agency, link.DownSinceUtc.Value, error ?? "-");

            // The outage is an incident on the board, not only a log line.
            IncidentLog.RecordOutage(db, node.Agency, OutageTitle(link.Agency), $"Deliveries to {link.Agency} fail since {Envelope.Instant(link.DownSinceUtc.Value)} ({error}).", link.DownSinceUtc.Value, nowUtc);
        }
    }

    /// <summary>Takes or renews this instance's lease on a partner's queue; false when another instance holds it.</summary>
    private async Task<bool> TryLeaseAsync(MaabarDbContext db, string partner, CancellationToken cancellationToken)
    {
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        if (!await db.PartnerLinks.AnyAsync(l => l.Agency == partner, cancellationToken))
        {
            try
            {
                db.PartnerLinks.Add(new PartnerLink { Agency = partner });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance created it first.
            }

            db.ChangeTracker.Clear();
        }

        DateTime until = nowUtc + options.Value.LeaseDuration;
        int taken = await db.PartnerLinks
            .Where(l => l.Agency == partner && (l.LeaseOwner == instance || l.LeaseUntilUtc == null || l.LeaseUntilUtc < nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseOwner, instance).SetProperty(l => l.LeaseUntilUtc, until), cancellationToken);
        return taken == 1;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Federation dispatch paused: {Error}")]
        public static partial void DispatchFailed(ILogger logger, string error);

        [LoggerMessage(2, LogLevel.Warning, "Federation message {Type} refused by {Partner}: {Code}")]
        public static partial void Rejected(ILogger logger, string type, string partner, string code);

        [LoggerMessage(3, LogLevel.Error, "Federation link to {Partner} down since {Since:O}: {Error}")]
        public static partial void LinkDown(ILogger logger, string partner, DateTime since, string error);

        [LoggerMessage(4, LogLevel.Information, "Federation link to {Partner} is back")]
        public static partial void LinkUp(ILogger logger, string partner);
    }
}
