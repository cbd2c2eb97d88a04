using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Maabar.Server.Infrastructure;

/// <summary>How the node meets the network. Section <c>Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// HTTPS only: <c>Secure</c> cookies, redirection of plain HTTP to HTTPS, HSTS. Default true;
    /// <c>appsettings.Development.json</c> turns it off for <c>dotnet run</c> on plain HTTP.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Addresses of the reverse proxies (TLS terminators, load balancers) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed; from anyone else these headers are ignored. Default none.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Largest request body in bytes, for every endpoint without a documented limit of its own; default and most 1 MiB.</summary>
    [Range(1024, 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The proxies as addresses; an entry that is not an address stops the start.</summary>
    public IEnumerable<IPAddress> ProxyAddresses() => KnownProxies.Select(IPAddress.Parse);

    /// <summary>True when every <see cref="KnownProxies"/> entry is an IP address.</summary>
    public bool ProxiesAreAddresses() => KnownProxies.All(p => IPAddress.TryParse(p, out _));
}

/// <summary>Security headers on every response (OWASP ASVS 4 §14.4), forwarded headers from known proxies only.</summary>
internal static class HttpHardening
{
    /// <summary>
    /// Scripts and styles from this node only, no inline script, no plugins, never inside a frame (ASVS 4 §14.4.3, §14.4.7).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar) starts itself with an inline script; it shows only the OpenAPI document,
    /// so it alone may run inline script. It is still never framed.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

    /// <summary>One year, every subdomain (ASVS 4 §14.4.5).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, NetworkOptions network)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // The defaults believe loopback; only the configured proxies are believed.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (IPAddress proxy in network.ProxyAddresses())
        {
            options.KnownProxies.Add(proxy);
        }
    }

    /// <summary>Adds the headers just before the response starts, so that error pages and problems written later have them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool requireHttps) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-reference") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (requireHttps && context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
