using System.Security.Claims;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maabar.Server.Features.Users;

public sealed record UserBody(string? Username, string? Password, string? Agency, IReadOnlyList<string>? Roles, string? DisplayName);

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ServerSetup.Policies.Administration);
        group.MapPost("/", CreateAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(8 * 1024)).WithSummary("Creates a user in the administrator's agency.");
        group.MapGet("/", async (ClaimsPrincipal user, ListUsers useCase, CancellationToken ct) => TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), ct)))
            .WithSummary("The users of the administrator's agency.");
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(UserBody body, ClaimsPrincipal user, CreateUser useCase, Problems problems, CancellationToken ct)
    {
        CreateUserResult result = await useCase.HandleAsync(user.ToActor(), new CreateUserRequest(body.Username, body.Password, body.Agency, body.Roles, body.DisplayName), ct);
        return result.Outcome switch
        {
            CreateUserOutcome.Created => TypedResults.Created($"/api/v1/users/{result.User!.Id}", result.User),
            CreateUserOutcome.Invalid => problems.Validation(result.Errors!),
            CreateUserOutcome.AgencyForbidden => problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.AgencyForbidden, result.Errors),
            CreateUserOutcome.UserNameTaken => problems.Of(StatusCodes.Status409Conflict, ErrorCodes.UserNameTaken, result.Errors),
        };
    }
}
