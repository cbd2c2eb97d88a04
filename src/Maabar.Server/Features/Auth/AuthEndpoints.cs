using Maabar.Core.Data;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Server.Features.Auth;

/// <summary>A token request; <c>Code</c> is the second factor of an account that has one (6-digit authenticator code or a recovery code).</summary>
public sealed record TokenRequest(string? Username, string? Password, string? Code = null);

public sealed record PasswordChangeRequest(string? Username, string? CurrentPassword, string? NewPassword);

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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/auth/password", ChangePasswordAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4 * 1024))
            .WithTags("Auth")
            .WithSummary("Changes the user's own password ({username, currentPassword, newPassword}, no token); 204, then sign in with the new one.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest body, AuditedSignIn signIn, SecondFactor secondFactor, Problems problems, ILoggerFactory loggers, CancellationToken ct)
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
        if (result.RequiresTwoFactor && user is not null)
        {
            return await SecondFactorAsync(user, body.Code, signIn.Manager, secondFactor, problems, ct);
        }

        if (result.Succeeded && signIn.Manager is MaabarSignInManager { EnrolmentRequired: true })
        {
            // The password was right, but the role requires a second factor not yet enrolled: no token (Auth:RequireTwoFactorForRoles).
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.TwoFactorEnrolmentRequired);
        }

        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        if (result.IsNotAllowed)
        {
            // Only after the right password: a password set by someone else is changed first (POST /auth/password).
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.PasswordChangeRequired);
        }

        if (user is not null)
        {
            Log.SignInFailed(loggers.CreateLogger("Maabar.Auth"), user.Id, result.IsLockedOut ? "locked-out" : "wrong-password");
        }

        // One answer for an unknown name, a wrong password and a locked account: nothing to probe.
        return problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        PasswordChangeRequest body, PasswordChange change, Problems problems, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.CurrentPassword) || string.IsNullOrEmpty(body.NewPassword))
        {
            return problems.Validation([.. new[]
            {
                string.IsNullOrWhiteSpace(body.Username) ? new ValidationError(ErrorCodes.Required, "username") : null,
                string.IsNullOrEmpty(body.CurrentPassword) ? new ValidationError(ErrorCodes.Required, "currentPassword") : null,
                string.IsNullOrEmpty(body.NewPassword) ? new ValidationError(ErrorCodes.Required, "newPassword") : null,
            }.OfType<ValidationError>()]);
        }

        ChangePasswordResult result = await change.HandleAsync(body.Username.Trim(), body.CurrentPassword, body.NewPassword, "api.password", ct);
        return result.Outcome switch
        {
            ChangePasswordOutcome.Changed => TypedResults.NoContent(),
            ChangePasswordOutcome.Invalid => problems.Validation(result.Errors!),
            ChangePasswordOutcome.WrongPassword => problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed),
        };
    }

    /// <summary>
    /// The second step of a token request whose password was right for an account with a second factor. No code:
    /// 401 <c>auth.two_factor_required</c> (the caller knows the password, so this tells nothing new); a wrong code
    /// counts towards the lockout like a wrong password and is 401 <c>auth.failed</c>.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> SecondFactorAsync(
        MaabarUser user, string? code, SignInManager<MaabarUser> manager, SecondFactor secondFactor, Problems problems, CancellationToken ct)
    {
        // Identity remembered the half-signed-in user in a cookie for a browser's next step; an API client has none.
        await manager.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (string.IsNullOrWhiteSpace(code))
        {
            return problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.TwoFactorRequired);
        }

        SignInResult result = await secondFactor.SignInAsync(user, code, "api.token", ct);
        return result.Succeeded ? TypedResults.Empty : problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.SignInFailed);
    }

    /// <summary>The token response, for the OpenAPI document.</summary>
    internal sealed record AccessTokenResponseDoc(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
