using System.Security.Claims;
using Maabar.Core.Features.Hits;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Hits;

/// <summary>The body of POST /api/v1/hits/{id}/decision.</summary>
public sealed record DecisionBody(string? Outcome, string? Reason);

/// <summary>The body of POST /api/v1/hits/{id}/confirmation; <c>confirmed</c> false sends the hit back to secondary.</summary>
public sealed record ConfirmationBody(bool Confirmed = true);

internal static class HitEndpoints
{
    public static void MapHitEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/hits").WithTags("Hits").RequireAuthorization(ServerSetup.Policies.Adjudication);
        group.MapGet("/", ListAsync)
            .WithSummary("The caller's agency's hits in one state, oldest first: status=open (secondary queue), awaiting-confirmation, awaiting-owner (liaison desk, overdue first), closed, suppressed.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id:guid}/decision", DecideAsync)
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("Decides a hit: outcome positive (then a supervisor confirms), negative (issues a namesake clearance when a document was presented: clearanceNumber) or inconclusive (the owner is asked; reply due in 12 hours).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/confirmation", ConfirmAsync)
            .WithMetadata(new RequestSizeLimitAttribute(1024))
            .WithSummary("A supervisor other than the decider confirms a positive decision (four eyes).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<IReadOnlyList<HitQueueItem>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ListHits useCase, Problems problems, CancellationToken ct, string? status = null, int limit = 100)
    {
        HitStatus? parsed = ListHits.ParseStatus(status);
        if (parsed is null)
        {
            return problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.QueryInvalid, [new ValidationError(ErrorCodes.HitStatusInvalid, "status")]);
        }

        return TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), parsed.Value, limit, ct));
    }

    private static async Task<Results<Ok<HitDecisionView>, ProblemHttpResult>> DecideAsync(Guid id, DecisionBody body, ClaimsPrincipal user, DecideHit useCase, Problems problems, CancellationToken ct) =>
        Answer(await useCase.HandleAsync(user.ToActor(), id, body.Outcome, body.Reason, ct), problems);

    private static async Task<Results<Ok<HitDecisionView>, ProblemHttpResult>> ConfirmAsync(Guid id, ConfirmationBody? body, ClaimsPrincipal user, ConfirmHit useCase, Problems problems, CancellationToken ct) =>
        Answer(await useCase.HandleAsync(user.ToActor(), id, body?.Confirmed ?? true, ct), problems);

    internal static Results<Ok<HitDecisionView>, ProblemHttpResult> Answer(AdjudicationResult result, Problems problems) => result.Outcome switch
    {
        AdjudicationOutcome.Done => TypedResults.Ok(result.Hit!),
        AdjudicationOutcome.Invalid => problems.Validation(result.Errors!),
        AdjudicationOutcome.NotFound => problems.Of(StatusCodes.Status404NotFound, result.Code!),
        AdjudicationOutcome.Forbidden => problems.Of(StatusCodes.Status403Forbidden, result.Code!),
        AdjudicationOutcome.Conflict => problems.Of(StatusCodes.Status409Conflict, result.Code!),
        _ => throw new InvalidOperationException($"Unhandled outcome {result.Outcome}."),
    };
}
