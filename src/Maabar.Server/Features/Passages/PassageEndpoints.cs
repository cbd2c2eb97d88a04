using System.Globalization;
using System.Security.Claims;
using Maabar.Core.Features.Documents;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Passages;

/// <summary>The body of POST /api/v1/passages.</summary>
public sealed record PassageBody(string? CrossingId, string? Lane, string? Direction, IdentityInput? Identity, string? Mrz, string? VehiclePlate = null, string? VehicleCountry = null, string? Category = null);

internal static class PassageEndpoints
{
    /// <summary>Largest accepted request body: an identity and an MRZ fit in a few kilobytes.</summary>
    public const long MaxBodyBytes = 32 * 1024;

    public static void MapPassageEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/passages").WithTags("Passages").RequireAuthorization(ServerSetup.Policies.Passages);
        group.MapPost("/", RecordAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Records a passage and screens the traveller. Send an Idempotency-Key header to make retries safe.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One passage of the caller's agency, with the traveller and hits. Audited.");
        group.MapGet("/", ListAsync).WithSummary("The latest passages of the caller's agency (no personal data).");
    }

    private static async Task<Results<Created<PassageView>, ProblemHttpResult>> RecordAsync(
        PassageBody body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        RecordPassage useCase,
        Problems problems,
        HttpContext http,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var request = new RecordPassageRequest(body.CrossingId, body.Lane, body.Direction, body.Identity, body.Mrz, idempotencyKey, body.VehiclePlate, body.VehicleCountry, body.Category);
        RecordPassageResult result = await useCase.HandleAsync(user.ToActor(), request, ct);
        switch (result.Outcome)
        {
            case RecordPassageOutcome.Recorded:
                Log.PassageRecorded(loggers.CreateLogger("Maabar.Passages"), result.Passage!.Id, result.Passage.CrossingId, result.Passage.Decision.ToString(), result.Passage.Hits.Count);
                Core.MaabarMetrics.PassageRecorded(result.Passage.CrossingId, result.Passage.Decision.ToString());
                return TypedResults.Created($"/api/v1/passages/{result.Passage.Id}", result.Passage);
            case RecordPassageOutcome.Replayed:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Created($"/api/v1/passages/{result.Passage!.Id}", result.Passage);
            case RecordPassageOutcome.Invalid:
                return problems.Validation(result.Errors!);
            case RecordPassageOutcome.CrossingUnknown:
                return problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.CrossingUnknown, result.Errors);
            case RecordPassageOutcome.LaneUnknown:
                return problems.Of(StatusCodes.Status422UnprocessableEntity, result.Errors![0].Code, result.Errors);
            case RecordPassageOutcome.LaneClosed:
                return problems.Of(StatusCodes.Status409Conflict, ErrorCodes.LaneClosed, result.Errors);
            case RecordPassageOutcome.NotAdmitted:
                // The categories the lane admits go back, so the client can say what would be let through.
                return problems.Of(StatusCodes.Status409Conflict, ErrorCodes.CategoryNotAdmitted, result.Errors, new("admitted", result.Admitted));
            case RecordPassageOutcome.IdempotencyKeyReused:
                return problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused, result.Errors);
            case RecordPassageOutcome.MrzInvalid:
                // The whole reading goes back: every error with its line and position, and OCR suggestions.
                return problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.MrzInvalid, result.Errors, new("mrz", MrzView.From(result.Mrz!, CultureInfo.CurrentUICulture)));
            default:
                throw new InvalidOperationException($"Unhandled outcome {result.Outcome}.");
        }
    }

    private static async Task<Results<Ok<PassageView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, GetPassage useCase, Problems problems, CancellationToken ct)
    {
        PassageView? passage = await useCase.HandleAsync(user.ToActor(), id, "api.passage.read", ct);
        return passage is null ? problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PassageNotFound) : TypedResults.Ok(passage);
    }

    private static async Task<Ok<IReadOnlyList<PassageSummary>>> ListAsync(ClaimsPrincipal user, ListRecentPassages useCase, CancellationToken ct, int limit = 50) =>
        TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), limit, ct));
}
