using System.Globalization;
using System.Security.Cryptography;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maabar.Federation;

/// <summary>
/// POST /api/v1/federation/inbox: a partner delivers one signed envelope. No user signs in: the signature
/// is the authentication. Refused, each with an audit row and a ProblemDetails code, and nothing applied:
/// a malformed envelope, an unknown sender, a message not addressed to this node, a bad signature (tampered
/// payload, wrong key), a delivery sent outside the allowed clock skew (a replay of an old delivery), an
/// unknown type or version, a payload that does not fit its type. A repeat of a message already received
/// is acknowledged and ignored. Also refused: a format-2 envelope naming a key the sender does not hold here
/// (<c>federation.key_unknown</c>), a format-1 envelope after the transition (<c>federation.format_retired</c>), and a
/// delivery from a partner pinned to a client certificate that did not present it (<c>federation.client_certificate</c>).
/// </summary>
public static partial class InboxEndpoint
{
    public const string Path = "/api/v1/federation/inbox";

    public static IEndpointConventionBuilder MapFederationInbox(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Federation")
            .WithSummary("A partner node delivers one signed envelope. 200 applied or duplicate; 4xx refused with a code (audited).");

    private static async Task<IResult> HandleAsync(HttpContext http, NodeKeys keys, FederationNode node, IOptions<FederationOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        ILogger logger = loggers.CreateLogger("Maabar.Federation.Inbox");
        if (http.Request.ContentLength > Envelope.MaxBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, FederationCodes.EnvelopeInvalid);
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > Envelope.MaxBytes)
                {
                    return Problem(StatusCodes.Status413PayloadTooLarge, FederationCodes.EnvelopeInvalid);
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Envelope? envelope = Envelope.Parse(body);
        if (envelope is null)
        {
            return await RefuseAsync(http, node, null, "-", StatusCodes.Status400BadRequest, FederationCodes.EnvelopeInvalid, nowUtc, logger, ct);
        }

        string id = envelope.Id.ToString();
        IReadOnlyList<(string KeyId, ECDsa Key)> partnerKeys = keys.PublicKeysOf(envelope.Sender);
        if (partnerKeys.Count == 0)
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status403Forbidden, FederationCodes.SenderUnknown, nowUtc, logger, ct);
        }

        // Mutual TLS, when the partner is pinned: the connection's client certificate must be the pinned one.
        if (!CertificatePins.Admits(keys.CertificatePinsOf(envelope.Sender), http.Connection.ClientCertificate))
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status403Forbidden, FederationCodes.ClientCertificate, nowUtc, logger, ct);
        }

        if (!envelope.Recipients.Contains(node.Agency))
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status400BadRequest, FederationCodes.NotForUs, nowUtc, logger, ct);
        }

        // Format 1 signs an ambiguous form and names no key: accepted only until the configured end of the transition.
        if (envelope.Format == 1 && !(options.Value.AcceptV1Until is { } until && clock.GetUtcNow() < until))
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status400BadRequest, FederationCodes.FormatRetired, nowUtc, logger, ct);
        }

        // Format 2 names its key: one of the partner's (two during a rotation). Format 1 may be signed by either.
        bool verified;
        if (envelope.Format == 2)
        {
            ECDsa? key = partnerKeys.FirstOrDefault(k => string.Equals(k.KeyId, envelope.KeyId, StringComparison.Ordinal)).Key;
            if (key is null)
            {
                return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status401Unauthorized, FederationCodes.KeyUnknown, nowUtc, logger, ct);
            }

            verified = envelope.IsSignedBy(key);
        }
        else
        {
            verified = partnerKeys.Any(k => envelope.IsSignedBy(k.Key));
        }

        if (!verified)
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status401Unauthorized, FederationCodes.SignatureInvalid, nowUtc, logger, ct);
        }

        DateTime? sent = Envelope.ReadInstant(envelope.Sent);
        DateTime? created = Envelope.ReadInstant(envelope.Created);
        bool replyDueValid = envelope.ReplyDue is null || Envelope.ReadInstant(envelope.ReplyDue) is not null;
        if (sent is null || created is null || !replyDueValid)
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status400BadRequest, FederationCodes.EnvelopeInvalid, nowUtc, logger, ct);
        }

        // Each delivery is signed with the time it was sent: an old delivery played again is refused.
        if ((nowUtc - sent.Value).Duration() > options.Value.MaxClockSkew)
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status401Unauthorized, FederationCodes.Stale, nowUtc, logger, ct);
        }

        if (!MessageTypes.IsSupported(envelope.Type, envelope.Version))
        {
            return await RefuseAsync(http, node, envelope.Sender, id, StatusCodes.Status422UnprocessableEntity, FederationCodes.TypeUnknown, nowUtc, logger, ct);
        }

        var message = new ReceivedMessage(envelope.Id, envelope.Sender, envelope.Type, envelope.Version, envelope.CorrelationId, created.Value,
            Envelope.ReadInstant(envelope.ReplyDue), envelope.Sequence, envelope.Payload, envelope.Previous);
        (ReceiveOutcome outcome, string? code) = await http.RequestServices.GetRequiredService<ReceiveMessage>().HandleAsync(node.Agency, message, ct);
        switch (outcome)
        {
            case ReceiveOutcome.Applied:
                Log.Received(logger, envelope.Type, envelope.Sender, envelope.Sequence);
                return Results.Json(new { status = "applied" });
            case ReceiveOutcome.Duplicate:
                return Results.Json(new { status = "duplicate" });
            default:
                Log.Refused(logger, code!, envelope.Sender);
                return Problem(StatusCodes.Status422UnprocessableEntity, code!);
        }
    }

    private static async Task<IResult> RefuseAsync(HttpContext http, FederationNode node, string? sender, string messageId, int status, string code, DateTime nowUtc, ILogger logger, CancellationToken ct)
    {
        var actor = Actor.System(node.Agency) with { UserName = "partner:" + (sender is { Length: <= 3 } s && AgencyCode.IsWellFormed(s) ? s : "?") };
        string source = http.Connection.RemoteIpAddress?.ToString() ?? "-";

        // Anyone can post here: one row per refusal code and source per window, with the count held back.
        RejectionSampler sampler = http.RequestServices.GetRequiredService<RejectionSampler>();
        TimeSpan window = http.RequestServices.GetRequiredService<IOptions<FederationOptions>>().Value.RejectionAuditWindow;
        if (sampler.ShouldAudit(code, source, nowUtc, window, out int heldBack))
        {
            MaabarDbContext db = http.RequestServices.GetRequiredService<MaabarDbContext>();
            db.Audit(actor, nowUtc, AuditActions.FederationRejected, "message", messageId.Length <= 64 ? messageId : "-", "federation.receive",
                RefusedMessages.Format(code, source, heldBack));
            await db.SaveChangesAsync(ct);
            Log.Refused(logger, code, actor.UserName);
        }

        return Problem(status, code);
    }

    private static IResult Problem(int status, string code) =>
        Results.Problem(statusCode: status, title: code, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Federation message {Type} from {Sender} applied (sequence {Sequence})")]
        public static partial void Received(ILogger logger, string type, string sender, long sequence);

        [LoggerMessage(2, LogLevel.Warning, "Federation message refused: {Code} ({Sender})")]
        public static partial void Refused(ILogger logger, string code, string sender);
    }
}

/// <summary>This node's agency as the federation sees it.</summary>
public sealed record FederationNode(string Agency);
