using System.Security.Claims;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maabar.Server.Features.Users;

public sealed record UserBody(string? Username, string? Password, string? Agency, IReadOnlyList<string>? Roles, string? DisplayName);

public sealed record UserPatchBody(bool? Disabled, IReadOnlyList<string>? Roles);

public sealed record TemporaryPasswordResponse(string TemporaryPassword);

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ServerSetup.Policies.Administration);
        group.MapPost("/", CreateAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(8 * 1024)).WithSummary("Creates a user in the administrator's agency.");
        group.MapGet("/", async (ClaimsPrincipal user, ListUsers useCase, CancellationToken ct) => TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), ct)))
            .WithSummary("The users of the administrator's agency.");
        group.MapPatch("/{username}", UpdateAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("Disables or enables a user of the administrator's agency and sets its roles ({disabled, roles}); ends the user's sessions.");
        group.MapPost("/{username}/password-reset", ResetPasswordAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1024))
            .WithSummary("Gives a user of the administrator's agency a one-time password ({temporaryPassword}) to change at the next sign-in.");
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> UpdateAsync(string username, UserPatchBody body, ClaimsPrincipal user, UpdateUser useCase, Problems problems, CancellationToken ct)
    {
        UpdateUserResult result = await useCase.HandleAsync(user.ToActor(), username, new UpdateUserRequest(body.Disabled, body.Roles), ct);
        return result.Outcome switch
        {
            UpdateUserOutcome.Updated => TypedResults.Ok(result.User!),
            UpdateUserOutcome.Invalid => problems.Validation(result.Errors!),
            UpdateUserOutcome.NotFound => problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound),
            UpdateUserOutcome.LastAdministrator => problems.Of(StatusCodes.Status409Conflict, ErrorCodes.LastAdministrator),
        };
    }

    private static async Task<Results<Ok<TemporaryPasswordResponse>, ProblemHttpResult>> ResetPasswordAsync(string username, ClaimsPrincipal user, ResetPassword useCase, Problems problems, HttpContext context, CancellationToken ct)
    {
        ResetPasswordResult result = await useCase.HandleAsync(user.ToActor(), username, ct);
        switch (result.Outcome)
        {
            case ResetPasswordOutcome.Reset:
                // A secret in the body: no cache may keep it.
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new TemporaryPasswordResponse(result.TemporaryPassword!));
            case ResetPasswordOutcome.NotFound:
                return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound);
            default:
                throw new InvalidOperationException("Unknown outcome " + result.Outcome);
        }
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
