using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Server.Features.Auth;

public sealed record TokenRequest(string? Username, string? Password);

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Exchanges a user name and password for a bearer token ({accessToken, expiresIn} in seconds).")
            .Produces<AccessTokenResponseDoc>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest body, AuditedSignIn signIn, Problems problems, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            return problems.Validation([.. new[]
            {
                string.IsNullOrWhiteSpace(body.Username) ? new ValidationError(ErrorCodes.Required, "username") : null,
                string.IsNullOrEmpty(body.Password) ? new ValidationError(ErrorCodes.Required, "password") : null,
            }.OfType<ValidationError>()]);
        }

        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken} when sign-in succeeds.
        signIn.Manager.AuthenticationScheme = IdentityConstants.BearerScheme;
        (SignInResult result, MaabarUser? user) = await signIn.PasswordSignInAsync(body.Username.Trim(), body.Password, "api.token", ct);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        string code = result.IsLockedOut ? ErrorCodes.LockedOut : ErrorCodes.InvalidCredentials;
        if (user is not null)
        {
            Log.SignInFailed(loggers.CreateLogger("Maabar.Auth"), user.Id, code);
        }

        return problems.Of(StatusCodes.Status401Unauthorized, code);
    }

    /// <summary>The token response, for the OpenAPI document.</summary>
    internal sealed record AccessTokenResponseDoc(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
