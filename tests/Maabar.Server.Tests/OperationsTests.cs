using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Maabar.Testing;
using Maabar.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Tests;

/// <summary>A server in the Development environment, where a framework's defaults differ most from Production.</summary>
public sealed class DevelopmentServerFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Factory = new MaabarFactory(database) { Environment = "Development" };
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }
}

/// <summary>Issue 25 (defects found under load, point 6): bodies, health, metrics: what operators and their tools see.</summary>
public sealed partial class OperationsTests(DevelopmentServerFixture fixture) : IClassFixture<DevelopmentServerFixture>
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    private MaabarFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Post_MalformedJsonInEveryEnvironment_Is400BodyInvalidLocalizedWithoutStackTrace(string environment)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database) { Environment = environment };
        factory.StartServer();
        await TestData.SeedAsync(factory.Services);
        using HttpClient client = await factory.CreateApiClientAsync(TunOfficer, language: "fr");
        int before = await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<MaabarDbContext>().Passages.Count()));

        using HttpResponseMessage response = await client.PostAsync("/api/v1/passages", new StringContent("{\"crossingId\": ", Encoding.UTF8, "application/json"));

        string text = await response.Content.ReadAsStringAsync();
        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.BodyInvalid, "application/problem+json"), (problem.Status, problem.Code, problem.MediaType));
        // \u00EA: LATIN SMALL LETTER E WITH CIRCUMFLEX
        Assert.Equal("Le corps de la requ\u00EAte n'est pas un JSON valide pour cette op\u00E9ration.", problem.Title); // \u00E9: LATIN SMALL LETTER E WITH ACUTE
        Assert.DoesNotContain(" at Microsoft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Equal(before, await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<MaabarDbContext>().Passages.Count())));
    }

    [Fact]
    public async Task ConsoleLogs_InProduction_AreJsonLinesWithUtcTimesAndNoScopes()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database) { Environment = "Production" };
        factory.StartServer();

        ConsoleLoggerOptions console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        JsonConsoleFormatterOptions json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        ConsoleLoggerOptions development = Factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal((ConsoleFormatterNames.Json, true, false, ConsoleFormatterNames.Simple), (console.FormatterName, json.UseUtcTimestamp, json.IncludeScopes, development.FormatterName));
    }

    [Fact]
    public async Task Token_ChunkedBodyOverItsLimit_Is413TooLargeAndSignsNobodyIn()
    {
        // No Content-Length: the body streams in chunks, so Kestrel can only count while it reads. 256 KiB is
        // 64 times the token endpoint's 4 KiB and fits a socket buffer, so the client is never blocked writing.
        int auditBefore = await CountAuditAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Factory.BaseAddress.Host, Factory.BaseAddress.Port);
        NetworkStream stream = tcp.GetStream();
        string user = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        byte[] head = Encoding.ASCII.GetBytes(
            $"POST /api/v1/auth/token HTTP/1.1\r\nHost: {Factory.BaseAddress.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        await stream.WriteAsync(head);
        await WriteChunkAsync(stream, $"{{\"username\":\"{user}\",\"password\":\"{TestData.Password}\",\"padding\":\"");
        for (int i = 0; i < 64; i++)
        {
            await WriteChunkAsync(stream, new string('x', 4096));
        }

        await WriteChunkAsync(stream, "\"}");
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());

        string response = await ReadResponseAsync(stream);
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request.too_large\"", response, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", response, StringComparison.Ordinal);
        Assert.Equal(auditBefore, await CountAuditAsync());
    }

    [Fact]
    public async Task Import_FileOverTheGlobalLimit_IsAcceptedUnderItsOwnLimit()
    {
        // The UN list's official file grows past 1 MiB: the import endpoint declares its own larger limit.
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Supervisor));
        string xml = await File.ReadAllTextAsync(RepositoryPaths.SharedData("watchlists/un-consolidated-sample.xml"));
        string large = xml + "\n<!-- " + new string('p', (int)(1.5 * 1024 * 1024)) + " -->\n";
        Assert.True(Encoding.UTF8.GetByteCount(large) > 1024 * 1024);

        using HttpResponseMessage response = await supervisor.PostAsync("/api/v1/watchlist/imports?format=un-xml", new StringContent(large, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_LiveReadyAndLegacy_AreHealthyOnceTheIndexIsLoaded()
    {
        await Factory.WaitUntilReadyAsync();
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage live = await client.GetAsync("/health/live");
        using HttpResponseMessage ready = await client.GetAsync("/health/ready");
        using HttpResponseMessage legacy = await client.GetAsync("/health");

        Assert.True(Factory.Service<ScreeningIndexState>().IsLoaded, "the warm-up loads the index at start");
        Assert.Equal(
            [(HttpStatusCode.OK, "Healthy"), (HttpStatusCode.OK, "Healthy"), (HttpStatusCode.OK, "Healthy")],
            new[] { (live.StatusCode, await live.Content.ReadAsStringAsync()), (ready.StatusCode, await ready.Content.ReadAsStringAsync()), (legacy.StatusCode, await legacy.Content.ReadAsStringAsync()) });
    }

    [Fact]
    public async Task Readiness_IndexNotYetLoaded_Is503ThenReadyOnceTheWarmUpHasLoadedIt()
    {
        // The node's own warm-up is held back, so that the moment before the index is loaded can be looked at.
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database)
        {
            TestServices = services =>
            {
                foreach (ServiceDescriptor warmUp in services.Where(d => d.ImplementationType == typeof(ScreeningIndexWarmUp)).ToList())
                {
                    services.Remove(warmUp);
                }
            },
        };
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage liveBefore = await client.GetAsync("/health/live");
        using HttpResponseMessage readyBefore = await client.GetAsync("/health/ready");
        using HttpResponseMessage legacyBefore = await client.GetAsync("/health");
        using ScreeningIndexWarmUp warmUp = ActivatorUtilities.CreateInstance<ScreeningIndexWarmUp>(factory.Services);
        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!;
        using HttpResponseMessage readyAfter = await client.GetAsync("/health/ready");
        using HttpResponseMessage legacyAfter = await client.GetAsync("/health");

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK),
            (liveBefore.StatusCode, readyBefore.StatusCode, legacyBefore.StatusCode, readyAfter.StatusCode, legacyAfter.StatusCode));
        Assert.Equal("Unhealthy", await readyBefore.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterAPassageAndAFailedSignIn_ScrapeShowsThem()
    {
        using HttpClient officer = await Factory.CreateApiClientAsync(TunOfficer);
        using HttpClient anonymous = Factory.CreateClient();
        string partner = "Z" + TestData.UniqueLetters()[..2];
        await Factory.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            DateTime nowUtc = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.PartnerLinks.Add(new PartnerLink { Agency = partner, DownSinceUtc = nowUtc.AddMinutes(-5) });
            db.OutboxMessages.Add(new OutboxMessage { Recipient = partner, Type = "test", Payload = "{}", CreatedUtc = nowUtc.AddMinutes(-2), NextAttemptUtc = nowUtc.AddDays(1) });
            db.OutboxMessages.Add(new OutboxMessage { Recipient = partner, Type = "test", Payload = "{}", CreatedUtc = nowUtc.AddMinutes(-1), NextAttemptUtc = nowUtc.AddDays(1) });
            return await db.SaveChangesAsync();
        });

        using HttpResponseMessage passage = await officer.PostAsJsonAsync("/api/v1/passages", new
        {
            crossingId = TestData.Crossing,
            lane = "CAR-IN-1",
            direction = "entry",
            identity = new { fullNameLatin = TestData.UniqueLatinName(), birthDate = "1980-05-17", sex = "M", nationality = "TUN" },
        });
        using HttpResponseMessage wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = TunOfficer, password = "not-the-password-1" });
        using HttpResponseMessage response = await anonymous.GetAsync("/metrics");

        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (passage.StatusCode, wrong.StatusCode, response.StatusCode));
        Assert.Matches($@"(?m)^maabar_passages_total\{{[^}}]*crossing=""{TestData.Crossing}""[^}}]*decision=""Cleared""[^}}]*\}} [1-9]", text);
        Assert.Matches(@"(?m)^maabar_screening_duration_seconds_count(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"(?m)^maabar_signins_failed_total\{[^}]*channel=""api.token""[^}]*\} [1-9]", text);
        Assert.Matches($@"(?m)^maabar_outbox_backlog\{{[^}}]*partner=""{partner}""[^}}]*\}} 2(\s|$)", text);
        Assert.Matches($@"(?m)^maabar_partner_link_up\{{[^}}]*partner=""{partner}""[^}}]*\}} 0(\s|$)", text);
        double age = double.Parse(Regex.Match(text, $@"(?m)^maabar_outbox_oldest_age_seconds\{{[^}}]*partner=""{partner}""[^}}]*\}} ([0-9.eE+]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(age, 110, 3600);
        Assert.DoesNotContain(TunOfficer, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ThroughAProxyOrFromLoopback_Is404ThenServed()
    {
        using HttpClient anonymous = Factory.CreateClient();
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using HttpResponseMessage throughProxy = await anonymous.SendAsync(proxied);
        using HttpResponseMessage direct = await anonymous.GetAsync("/metrics");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (throughProxy.StatusCode, direct.StatusCode));
        Assert.DoesNotContain("maabar_", await throughProxy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("127.0.0.1", "203.0.113.9", false)]
    public void MayScrape_ByAddressAndProxy_AllowsLoopbackOnlyByDefault(string remote, string? forwardedFor, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        Assert.Equal(expected, Metrics.MayScrape(context, [.. new MetricsOptions().Networks()]));
    }

    [Fact]
    public void MayScrape_ConfiguredNetwork_AllowsItAndNoLongerLoopback()
    {
        var options = new MetricsOptions { AllowedNetworks = ["10.20.0.0/16"] };
        IPNetwork[] networks = [.. options.Networks()];

        Assert.Equal((true, false), (Allowed("10.20.5.6"), Allowed("127.0.0.1")));

        bool Allowed(string remote)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            return Metrics.MayScrape(context, networks);
        }
    }

    private Task<int> CountAuditAsync() =>
        Factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<MaabarDbContext>().AuditEntries.Count()));

    private static async Task WriteChunkAsync(NetworkStream stream, string text)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    /// <summary>The response's head and body as text, read until the server closes or a second passes without data.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (true)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(text.Length == 0 ? 30 : 1));
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (IOException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
