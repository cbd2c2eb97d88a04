using System.Security.Claims;
using Maabar.Core.Features.Crossings;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Crossings;

/// <summary>The body of POST /api/v1/crossings/{id}/status.</summary>
public sealed record CrossingStatusBody(string? Status, string? Reason, string? Lane, string? ExpectedReopening, IReadOnlyList<string>? AllowedCategories);

internal static class CrossingEndpoints
{
    public static void MapCrossingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/crossings", async (ClaimsPrincipal user, ListCrossings useCase, CancellationToken ct) =>
                TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), ct)))
            .WithTags("Crossings")
            .WithSummary("The crossing points where the caller's agency has lanes, with those lanes and their status.");
        api.MapGet("/crossings/{id}/status", async (string id, CrossingBoard board, IOptions<NodeOptions> node, Problems problems, CancellationToken ct) =>
                (await board.HandleAsync(node.Value.Agency, ct)).FirstOrDefault(c => c.Id == id) is { } crossing
                    ? (IResult)TypedResults.Ok(crossing)
                    : problems.Of(StatusCodes.Status404NotFound, ErrorCodes.CrossingUnknown))
            .WithTags("Crossings")
            .WithSummary("One crossing's board: both sides' status, reason, expected reopening, admitted categories, lanes and estimated waits.")
            .Produces<BoardCrossing>().ProducesProblem(StatusCodes.Status404NotFound);

        // PUT is the contract's verb (the status is replaced); POST stays for the forms and clients written before.
        api.MapPut("/crossings/{id}/status", SetStatusAsync)
            .WithTags("Crossings")
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("A supervisor sets their agency's side of the crossing (or one lane, with lane): open, restricted, humanitarian-only, closed; reason required unless open. Sent to partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/crossings/{id}/status", SetStatusAsync)
            .WithTags("Crossings")
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("A supervisor sets their agency's side of the crossing (or one lane, with lane): open, restricted, humanitarian-only, closed; reason required unless open. Sent to partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>GET /api/v1/public/crossings: the status board for anyone (no personal data).</summary>
    public static void MapPublicCrossingEndpoints(this RouteGroupBuilder api)
    {
        foreach (string route in (string[])["/status", "/public/crossings"])
        {
            api.MapGet(route, async (CrossingBoard board, IOptions<NodeOptions> node, CancellationToken ct) =>
                    TypedResults.Ok(await board.HandleAsync(node.Value.Agency, ct)))
                .AllowAnonymous()
                .WithTags("Crossings")
                .WithSummary("Every crossing with both sides' status, reason, expected reopening, and the estimated wait per lane and direction from the last hour's passages. No sign-in.");
        }
    }

    private static async Task<Results<Ok<SideView>, ProblemHttpResult>> SetStatusAsync(string id, CrossingStatusBody body, ClaimsPrincipal user, SetCrossingStatus useCase, Problems problems, CancellationToken ct)
    {
        (SideView? side, IReadOnlyList<ValidationError> errors, bool notFound) = await useCase.HandleAsync(
            user.ToActor(), id, body.Lane, body.Status, body.Reason, body.ExpectedReopening, body.AllowedCategories, ct);
        if (notFound)
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.CrossingUnknown);
        }

        if (errors.Count > 0)
        {
            return problems.Refused(errors);
        }

        return TypedResults.Ok(side!);
    }
}
