using System.Security.Claims;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maabar.Server.Features.Auth;

internal static class TwoFactorEndpoints
{
    /// <summary>DELETE /api/v1/users/{username}/two-factor: an administrator removes a user's second factor (lost phone).</summary>
    public static void MapTwoFactorEndpoints(this RouteGroupBuilder api) =>
        api.MapDelete("/users/{username}/two-factor", ResetAsync)
            .RequireAuthorization(ServerSetup.Policies.Administration)
            .WithTags("Users")
            .WithSummary("An administrator of the user's agency removes the user's second factor (lost phone): key and recovery codes voided, sessions ended within a minute; the user enrols again at the next sign-in. Audited.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(string username, ClaimsPrincipal user, SecondFactor secondFactor, Problems problems, CancellationToken ct) =>
        await secondFactor.ResetByAdministratorAsync(user.ToActor(), username, ct)
            ? TypedResults.NoContent()
            : problems.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
}
