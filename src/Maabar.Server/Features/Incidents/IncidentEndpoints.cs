using System.Security.Claims;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Incidents;

/// <summary>The body of POST /api/v1/incidents/{id}/reports.</summary>
public sealed record FollowUpBody(string? Text, string? Impact, bool Close = false);

internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/incidents").WithTags("Incidents");
        group.MapGet("/", ListAsync).WithSummary("Incidents of this node and its partners, newest first. open=true for open ones; since=ISO 8601 for a time filter.");
        group.MapPost("/", ReportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("Reports an incident (type, impact low|medium|high|critical, crossingId or latitude/longitude, title, description, occurredUtc). High and critical ones go to the partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/reports", FollowUpAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("A follow-up report on one of the agency's incidents: text, optionally a new impact, optionally closing it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<IncidentView>>> ListAsync(IncidentLog log, CancellationToken ct, bool open = false, DateTime? since = null, int limit = 200) =>
        TypedResults.Ok(await log.ListAsync(open, since?.ToUniversalTime(), limit, ct));

    private static async Task<Results<Created<IncidentView>, ProblemHttpResult>> ReportAsync(IncidentInput body, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct)
    {
        (IncidentView? incident, IReadOnlyList<ValidationError> errors) = await log.ReportAsync(user.ToActor(), body, ct);
        if (incident is not null)
        {
            return TypedResults.Created($"/api/v1/incidents/{incident.Id}", incident);
        }

        return errors[0].Code == ErrorCodes.Forbidden ? problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden) : problems.Validation(errors);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> FollowUpAsync(Guid id, FollowUpBody body, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct)
    {
        (IncidentView? incident, string? error) = await log.FollowUpAsync(user.ToActor(), id, body.Text, body.Impact, body.Close, ct);
        return error switch
        {
            null => TypedResults.Ok(incident!),
            ErrorCodes.IncidentNotFound => problems.Of(StatusCodes.Status404NotFound, error),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
            ErrorCodes.IncidentClosed => problems.Of(StatusCodes.Status409Conflict, error),
            _ => problems.Validation([new ValidationError(error, error == ErrorCodes.ImpactInvalid ? "impact" : "text")]),
        };
    }
}
