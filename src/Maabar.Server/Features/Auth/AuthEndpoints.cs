using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Server.Features.Auth;

public sealed record TokenRequest(string? Username, string? Password);

internal static class AuthEndpoints
{
    /// <summary>The rate-limiting policy of every password sign-in (API token and login page), per client address.</summary>
    public const string SignInPolicy = "sign-in";

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4 * 1024))
            .WithTags("Auth")
            .WithSummary("Exchanges a user name and password for a bearer token ({accessToken, expiresIn} in seconds).")
            .Produces<AccessTokenResponseDoc>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
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

        if (user is not null)
        {
            Log.SignInFailed(loggers.CreateLogger("Maabar.Auth"), user.Id, result.IsLockedOut ? "locked-out" : "wrong-password");
        }

        // One answer for an unknown name, a wrong password and a locked account: nothing to probe.
        return problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed);
    }

    /// <summary>The token response, for the OpenAPI document.</summary>
    internal sealed record AccessTokenResponseDoc(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
