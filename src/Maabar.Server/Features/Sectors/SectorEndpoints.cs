using System.Security.Claims;
using Maabar.Core.Features.Sectors;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Sectors;

/// <summary>The body of PUT /api/v1/sectors/{id}/impact.</summary>
public sealed record SectorImpactBody(string? Impact, string? Reason);

internal static class SectorEndpoints
{
    public static void MapSectorEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/sectors").WithTags("Sectors");
        group.MapGet("/", async (SectorBoard board, CancellationToken ct) => TypedResults.Ok(await board.HandleAsync(ct)))
            .WithSummary("The sectors of the Tunisia-Libya border, north to south: latitudes, impact level (the higher of the two agencies' assessments), each assessment, open incidents.");
        group.MapPut("/{id}/impact", SetImpactAsync)
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("A supervisor assesses the sector's impact level for their agency: low, medium, high, critical; reason required above low. Sent to partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<SectorAssessmentView>, ProblemHttpResult>> SetImpactAsync(string id, SectorImpactBody body, ClaimsPrincipal user, SetSectorImpact useCase, Problems problems, CancellationToken ct)
    {
        (SectorAssessmentView? assessment, IReadOnlyList<ValidationError> errors, bool notFound) = await useCase.HandleAsync(user.ToActor(), id, body.Impact, body.Reason, ct);
        if (notFound)
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.SectorUnknown);
        }

        if (errors.Count > 0)
        {
            return problems.Refused(errors);
        }

        return TypedResults.Ok(assessment!);
    }
}
