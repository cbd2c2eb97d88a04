using System.Net;
using System.Text.RegularExpressions;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Maabar.Tests;

namespace Maabar.Server.Tests;

/// <summary>Issue 21 point 5: security headers on every kind of response, small bodies.</summary>
public abstract partial class SecurityHeaderTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK, "text/html")]
    [InlineData("/api/v1/public/crossings", HttpStatusCode.OK, "application/json")]
    [InlineData("/api/v1/crossings", HttpStatusCode.Unauthorized, "application/problem+json")]
    [InlineData("/no/such/page", HttpStatusCode.NotFound, "text/html")]
    public async Task Response_PageApiAndProblem_CarryTheSecurityHeaders(string path, HttpStatusCode status, string mediaType)
    {
        using HttpClient client = fixture.Factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        string csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent over HTTPS only");
    }

    [Fact]
    public async Task Token_BodyOfThreeMegabytes_Is413AndSignsNobodyIn()
    {
        // The client asks before it sends (Expect: 100-continue), as a well-behaved client of a large body does.
        // Kestrel answers 413 from Content-Length alone and closes the connection; a client that pushed the
        // 3 MB regardless would sometimes meet a broken pipe instead of the answer, depending on timing.
        using HttpClient factoryClient = fixture.Factory.CreateClient();
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) };
        using var client = new HttpClient(handler) { BaseAddress = factoryClient.BaseAddress };
        string padding = new('x', 3 * 1024 * 1024);
        using var body = new StringContent($$"""{"username":"{{TestData.UserName(AgencyCode.Tunisia, Roles.Officer)}}","password":"{{TestData.Password}}","padding":"{{padding}}"}""", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = body };
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage response = await client.SendAsync(request);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.Equal("request.too_large", problem.Code);
    }

    /// <summary>CSP refuses inline script: no page may carry one, nor an on… event attribute.</summary>
    [Fact]
    public void Pages_HaveNoInlineScriptOrEventAttribute()
    {
        string pages = Path.Combine(RepositoryPaths.Root, "src", "Maabar.Server", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => InlineScript().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(pages, f))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(", ", values) : string.Empty;

    /// <summary>A script element without src, or an attribute such as onclick= / onsubmit=.</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

public sealed class SqliteSecurityHeaderTests(SqliteServerFixture fixture) : SecurityHeaderTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresSecurityHeaderTests(PostgresServerFixture fixture) : SecurityHeaderTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>A node as deployed: HTTPS required, behind a TLS proxy at 127.0.0.1.</summary>
public sealed class SqliteBehindProxyFixture() : ConfiguredServerFixture(StorageProvider.Sqlite, BehindProxy)
{
    internal static Dictionary<string, string?> BehindProxy => new()
    {
        ["Network:RequireHttps"] = "true",
        ["Network:KnownProxies:0"] = "127.0.0.1",
        ["https_port"] = "443",
    };
}

public sealed class PostgresBehindProxyFixture() : ConfiguredServerFixture(StorageProvider.Postgres, SqliteBehindProxyFixture.BehindProxy);

/// <summary>The same, but the proxy is elsewhere: this client's forwarded headers must not be believed.</summary>
public sealed class SqliteUnknownProxyFixture() : ConfiguredServerFixture(StorageProvider.Sqlite, UnknownProxy)
{
    internal static Dictionary<string, string?> UnknownProxy => new()
    {
        ["Network:RequireHttps"] = "true",
        ["Network:KnownProxies:0"] = "192.0.2.10",
        ["https_port"] = "443",
    };
}

public sealed class PostgresUnknownProxyFixture() : ConfiguredServerFixture(StorageProvider.Postgres, SqliteUnknownProxyFixture.UnknownProxy);

public abstract class HttpsBehindProxyTests(ConfiguredServerFixture fixture)
{
    private HttpClient Client()
    {
        HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Factory.BaseAddress };
        return client;
    }

    [Fact]
    public async Task PlainHttp_WithoutTheProxy_IsRedirectedToHttps()
    {
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location?.Scheme);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task ThroughTheProxy_IsServedWithHstsAndSecureCookies()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        List<string> cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class SqliteHttpsBehindProxyTests(SqliteBehindProxyFixture fixture) : HttpsBehindProxyTests(fixture), IClassFixture<SqliteBehindProxyFixture>;

public sealed class PostgresHttpsBehindProxyTests(PostgresBehindProxyFixture fixture) : HttpsBehindProxyTests(fixture), IClassFixture<PostgresBehindProxyFixture>;

public abstract class UnknownProxyTests(ConfiguredServerFixture fixture)
{
    [Fact]
    public async Task ForwardedProto_FromAnAddressNotListed_IsIgnored()
    {
        using HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Factory.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class SqliteUnknownProxyTests(SqliteUnknownProxyFixture fixture) : UnknownProxyTests(fixture), IClassFixture<SqliteUnknownProxyFixture>;

public sealed class PostgresUnknownProxyTests(PostgresUnknownProxyFixture fixture) : UnknownProxyTests(fixture), IClassFixture<PostgresUnknownProxyFixture>;
