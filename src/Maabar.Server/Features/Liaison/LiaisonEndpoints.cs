using System.Security.Claims;
using System.Text.Json;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Liaison;

/// <summary>A partner message as the API returns it, the payload as JSON.</summary>
public sealed record InboxMessageView(Guid MessageId, string Sender, string Type, Guid? CorrelationId, DateTime CreatedUtc, DateTime ReceivedUtc, DateTime? ReplyDueUtc, DateTime? RepliedUtc, bool Overdue, bool AwaitsReply, JsonElement Payload);

/// <summary>The body of POST /api/v1/federation/messages/{id}/reply.</summary>
public sealed record ReplyBody(string? Outcome, string? Reason);

internal static class LiaisonEndpoints
{
    public static void MapLiaisonEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/federation").WithTags("Liaison desk").RequireAuthorization(ServerSetup.Policies.Liaison);
        group.MapGet("/messages", InboxAsync).WithSummary("Partner messages, overdue and unanswered first (audited: payloads hold personal data). awaitingReply=true for the queue.");
        group.MapPost("/messages/{id:guid}/reply", ReplyAsync)
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("Answers a hit notification (confirmed, not-the-person, action-not-possible) or a request for information (positive, negative, unknown).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/outbox", OutboxAsync).WithSummary("Outgoing messages and their delivery state (no payloads). status=pending|delivered|rejected|expired.");
        group.MapGet("/partners", PartnersAsync).WithSummary("Each partner's link: last success, last failure, down since, backlog.");
        group.MapGet("/gaps", GapsAsync).WithSummary("Gaps in the partners' sequences: messages a partner sent before one received here that never arrived (or were refused), newest first.");
    }

    private static async Task<Ok<IReadOnlyList<InboxMessageView>>> InboxAsync(ClaimsPrincipal user, LiaisonDesk desk, CancellationToken ct, bool awaitingReply = false, int limit = 100)
    {
        IReadOnlyList<InboxItem> items = await desk.InboxAsync(user.ToActor(), awaitingReply, limit, ct);
        return TypedResults.Ok<IReadOnlyList<InboxMessageView>>([.. items.Select(i => new InboxMessageView(
            i.MessageId, i.Sender, i.Type, i.CorrelationId, i.CreatedUtc, i.ReceivedUtc, i.ReplyDueUtc, i.RepliedUtc, i.Overdue, i.AwaitsReply, JsonDocument.Parse(i.Payload).RootElement.Clone()))]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReplyAsync(Guid id, ReplyBody body, ClaimsPrincipal user, LiaisonDesk desk, Problems problems, CancellationToken ct)
    {
        string? error = await desk.ReplyAsync(user.ToActor(), id, body.Outcome, body.Reason, ct);
        return error switch
        {
            null => TypedResults.NoContent(),
            ErrorCodes.MessageNotFound => problems.Of(StatusCodes.Status404NotFound, error),
            ErrorCodes.MessageAlreadyAnswered or ErrorCodes.PartnerUnknown => problems.Of(StatusCodes.Status409Conflict, error),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
            _ => problems.Validation([new ValidationError(error, error == ErrorCodes.TooLong ? "reason" : "outcome")]),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<OutboxItem>>, ProblemHttpResult>> OutboxAsync(ClaimsPrincipal user, LiaisonDesk desk, Problems problems, CancellationToken ct, string? status = null, int limit = 100)
    {
        OutboxStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse(status, ignoreCase: true, out OutboxStatus s) || int.TryParse(status, out _))
            {
                return problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.QueryInvalid, [new ValidationError(ErrorCodes.QueryInvalid, "status")]);
            }

            parsed = s;
        }

        return TypedResults.Ok(await desk.OutboxAsync(user.ToActor(), parsed, limit, ct));
    }

    private static async Task<Ok<IReadOnlyList<SequenceGap>>> GapsAsync(ClaimsPrincipal user, LiaisonDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.GapsAsync(user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<PartnerHealth>>> PartnersAsync(LiaisonDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.PartnersAsync(ct));
}
