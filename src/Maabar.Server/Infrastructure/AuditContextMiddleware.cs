using System.Security.Cryptography;
using System.Text;
using Maabar.Core.Data;

namespace Maabar.Server.Infrastructure;

/// <summary>
/// Gives the request's audit rows their session and client address: the session is a non-reversible id of the
/// signed-in user's token (bearer token or sign-in cookie: the first 32 hex digits of its SHA-256, the same for
/// every request of that session), the address is the client's as the server sees it after trusted proxies.
/// </summary>
internal static class AuditContextMiddleware
{
    /// <summary>The sign-in cookie's name (see the application cookie's configuration).</summary>
    public const string AuthCookie = "maabar.auth";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // Set in this async method: the value flows to the rest of the request and is gone when it ends.
        AuditCallContext.Current = new AuditCallContext(SessionOf(context), context.Connection.RemoteIpAddress?.ToString());
        await next(context);
    }

    /// <summary>The session id of a request that presents a token or the sign-in cookie, or null.</summary>
    public static string? SessionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The API's bearer scheme authenticates at authorization, after this runs: the token presented is read
        // whatever its fate; a request it does not authenticate is refused and writes no row of the user's.
        string authorization = context.Request.Headers.Authorization.ToString();
        string? token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim()
            : context.Request.Cookies[AuthCookie];
        if (token is not null && token.StartsWith("chunks-", StringComparison.Ordinal) && int.TryParse(token.AsSpan("chunks-".Length), out int chunks) && chunks is > 0 and < 100)
        {
            // A large cookie is split in chunks (maabar.authC1, C2...): the session is the whole value.
            token = string.Concat(Enumerable.Range(1, chunks).Select(i => context.Request.Cookies[AuthCookie + "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }

        return token is { Length: > 0 } ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32] : null;
    }
}
