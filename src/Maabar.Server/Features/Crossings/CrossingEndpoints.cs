using System.Security.Claims;
using Maabar.Core.Features.Crossings;
using Maabar.Server.Infrastructure;

namespace Maabar.Server.Features.Crossings;

internal static class CrossingEndpoints
{
    public static void MapCrossingEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/crossings", async (ClaimsPrincipal user, ListCrossings useCase, CancellationToken ct) =>
                TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), ct)))
            .WithTags("Crossings")
            .WithSummary("The crossing points where the caller's agency has lanes, with those lanes and their status.");
}
