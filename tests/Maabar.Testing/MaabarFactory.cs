using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maabar.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maabar.Testing;

/// <summary>
/// The real server (Program) on a throwaway database, configured through settings only, as an operator
/// would. Captures every log message so tests can check that no personal data is logged.
/// </summary>
public sealed class MaabarFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-password-for-tests-1";

    private readonly Dictionary<string, string?> settings;

    public MaabarFactory(TestDatabase database, IDictionary<string, string?>? extraSettings = null, int port = 0)
    {
        // A real Kestrel on a loopback port (a free one unless given): request limits, headers and cookies behave as in production.
        UseKestrel(port);
        Database = database;
        settings = database.StorageSettings();
        settings["Node:Agency"] = "TUN";
        settings["Bootstrap:AdminPassword"] = AdminPassword;
        settings["Demo:Enabled"] = "false";
        // Tests sign in far more often than a person; the limit itself is tested with a low value of its own.
        settings["Auth:SignInPermitsPerWindow"] = "1000000";
        settings["Auth:FailedSignInDelay"] = "00:00:00";

        // Test users of every role sign in with a password only; TwoFactorTests set this back to the default (null: unset).
        settings["Auth:RequireTwoFactorForRoles"] = string.Empty;

        // Tests talk plain HTTP to a loopback Kestrel; HttpsHardeningTests turn this back on.
        settings["Network:RequireHttps"] = "false";

        // Outside Development a node needs a certificate for its key ring; DataProtectionKeyTests unset it to see the refusal.
        settings["DataProtection:Certificate:Path"] = TestCertificates.KeyRingPfx;
        settings["DataProtection:Certificate:Password"] = TestCertificates.Password;
        // A null value unsets a key this factory sets, so the server applies its own default.
        foreach (KeyValuePair<string, string?> pair in extraSettings ?? new Dictionary<string, string?>())
        {
            if (pair.Value is null)
            {
                settings.Remove(pair.Key);
            }
            else
            {
                settings[pair.Key] = pair.Value;
            }
        }
    }

    public TestDatabase Database { get; }

    /// <summary>A loopback port free right now, for a server whose address must be known before it starts (a partner's configuration).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every formatted log message the server wrote.</summary>
    public ConcurrentQueue<string> LogMessages { get; } = new();

    public string Environment { get; init; } = "Testing";

    /// <summary>The clock the server reads: <see cref="TestClock.Machine"/> unless a test places the server at a moment of its choosing.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Changes to the server's services after its own registrations (e.g. a hosted service removed), or null.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (KeyValuePair<string, string?> pair in settings)
        {
            builder.UseSetting(pair.Key, pair.Value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogMessages)));
        TimeProvider clock = Clock ?? TestClock.Machine;
        if (clock != TimeProvider.System)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the screening index is loaded at start, in the background); throws after 60 s.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using HttpClient client = CreateClient();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using HttpResponseMessage response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"/health/ready still answers {(int)response.StatusCode} after 60 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:40123</c>; starts the server if needed.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>An API client holding a bearer token of the given user.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string userName, string password = TestData.Password, string? language = null)
    {
        HttpClient client = CreateClient();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        TokenResponse token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    public sealed record TokenResponse(string AccessToken, long ExpiresIn);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " | " + exception));
    }
}
