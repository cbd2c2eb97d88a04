using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Features.Auth;
using Maabar.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Maabar.Server.Tests;

/// <summary>A server with its own settings on a fresh database, for one test class.</summary>
public abstract class ConfiguredServerFixture(StorageProvider provider, Dictionary<string, string?> settings) : IAsyncLifetime
{
    private TestDatabase? database;

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        Factory = new MaabarFactory(database, settings);
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }

    /// <summary>Creates an officer of TUN with <see cref="TestData.Password"/>; returns the name.</summary>
    public async Task<string> CreateOfficerAsync(DateTimeOffset? lockedUntil = null)
    {
        string name = "p" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = AgencyCode.Tunisia };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Officer)).Succeeded);
            if (lockedUntil is not null)
            {
                Assert.True((await users.SetLockoutEndDateAsync(user, lockedUntil)).Succeeded);
            }

            return 0;
        });
        return name;
    }

    /// <summary>The account's failed-attempt count and its sign-in audit rows.</summary>
    public Task<(int Failed, int AuditRows)> AttemptsOfAsync(string userName) => Factory.InScopeAsync(async sp =>
    {
        MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
        MaabarUser user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        int rows = await db.AuditEntries.CountAsync(a => a.UserId == user.Id && (a.Action == AuditActions.SignedIn || a.Action == AuditActions.SignInFailed));
        return (user.AccessFailedCount, rows);
    });
}

/// <summary>Three password sign-ins per address per hour: the fourth is throttled.</summary>
public sealed class SqliteThrottledServerFixture() : ConfiguredServerFixture(StorageProvider.Sqlite, Throttled)
{
    internal static Dictionary<string, string?> Throttled => new() { ["Auth:SignInPermitsPerWindow"] = "3", ["Auth:SignInWindow"] = "01:00:00" };
}

public sealed class PostgresThrottledServerFixture() : ConfiguredServerFixture(StorageProvider.Postgres, SqliteThrottledServerFixture.Throttled);

/// <summary>No throttling, room for a hundred failures, and the default delay of failed sign-ins: timings as in production.</summary>
public sealed class SqliteTimingServerFixture() : ConfiguredServerFixture(StorageProvider.Sqlite, Timing)
{
    internal static Dictionary<string, string?> Timing => new() { ["Auth:MaxFailedAttempts"] = "100", ["Auth:FailedSignInDelay"] = "00:00:01" };
}

public sealed class PostgresTimingServerFixture() : ConfiguredServerFixture(StorageProvider.Postgres, SqliteTimingServerFixture.Timing);

/// <summary>Issue 21 point 4: every failed password sign-in looks the same, from one address it is throttled.</summary>
public abstract partial class SignInThrottlingTests(ConfiguredServerFixture fixture)
{
    /// <summary>The only test of its class: the address's bucket is shared by every request of the fixture (token, login page and password change).</summary>
    [Fact]
    public async Task SignIn_BeyondTheAddressLimit_Is429AndChecksNoPassword()
    {
        string officer = await fixture.CreateOfficerAsync();
        using HttpClient client = fixture.Factory.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = officer, password = "wrong-password-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        (int Failed, int AuditRows) before = await fixture.AttemptsOfAsync(officer);

        using HttpResponseMessage right = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = officer, password = TestData.Password });
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Factory.BaseAddress };
        using HttpResponseMessage page = await browser.GetAsync("/Account/Login");
        string token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using HttpResponseMessage form = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = officer,
            ["Password"] = "wrong-password-x",
            ["__RequestVerificationToken"] = token,
        }));

        string hashBefore = await fixture.Factory.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<MaabarUser>>().FindByNameAsync(officer))!.PasswordHash!);
        using HttpResponseMessage change = await client.PostAsJsonAsync("/api/v1/auth/password", new { username = officer, currentPassword = TestData.Password, newPassword = "Throttled-change-2027" });

        Problem problem = await Problem.ReadAsync(right);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, change.StatusCode);
        Assert.Equal(hashBefore, await fixture.Factory.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<MaabarUser>>().FindByNameAsync(officer))!.PasswordHash!));
        Assert.Equal("rate_limited", problem.Code);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal(before, await fixture.AttemptsOfAsync(officer));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteSignInThrottlingTests(SqliteThrottledServerFixture fixture) : SignInThrottlingTests(fixture), IClassFixture<SqliteThrottledServerFixture>;

public sealed class PostgresSignInThrottlingTests(PostgresThrottledServerFixture fixture) : SignInThrottlingTests(fixture), IClassFixture<PostgresThrottledServerFixture>;

/// <summary>Issue 21 point 4: an unknown name, a wrong password and a locked account answer alike, in about the same time.</summary>
public abstract class SignInProbingTests(ConfiguredServerFixture fixture, ITestOutputHelper output)
{
    /// <summary>Attempts of each kind; the median of each is compared.</summary>
    private const int Rounds = 30;

    /// <summary>How far apart the medians may be: the issue's yardstick, 10 %.</summary>
    private const double Tolerance = 0.10;

    [Fact]
    public async Task Token_UnknownWrongAndLocked_AnswerTheSameAndTakeAboutTheSameTime()
    {
        string known = await fixture.CreateOfficerAsync();
        string locked = await fixture.CreateOfficerAsync(DateTimeOffset.MaxValue);
        using HttpClient client = fixture.Factory.CreateClient();
        var cases = new (string Kind, Func<int, object> Body)[]
        {
            ("unknown", i => new { username = "nobody-" + i + "-" + Guid.NewGuid().ToString("N")[..6], password = "wrong-password-" + i }),
            ("wrong-password", i => new { username = known, password = "wrong-password-" + i }),
            ("locked", i => new { username = locked, password = TestData.Password }),
        };
        var times = cases.ToDictionary(c => c.Kind, _ => new List<double>());
        var codes = new HashSet<(HttpStatusCode, string?)>();

        for (int round = -1; round < Rounds; round++)
        {
            foreach ((string kind, Func<int, object> body) in cases)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", body(round));
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Problem problem = await Problem.ReadAsync(response);
                codes.Add((problem.Status, problem.Code));
                if (round >= 0)
                {
                    times[kind].Add(ms); // the first round warms up the JIT and the connection
                }
            }
        }

        Assert.Equal([(HttpStatusCode.Unauthorized, ErrorCodes.SignInFailed)], codes);
        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        output.WriteLine(string.Join(", ", medians.Select(m => $"{m.Key} median {m.Value:F1} ms")));
        double slowest = medians.Values.Max();
        double fastest = medians.Values.Min();
        Assert.True(slowest <= fastest * (1 + Tolerance), $"medians too far apart: {string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:F1} ms"))}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

public sealed class SqliteSignInProbingTests(SqliteTimingServerFixture fixture, ITestOutputHelper output) : SignInProbingTests(fixture, output), IClassFixture<SqliteTimingServerFixture>;

public sealed class PostgresSignInProbingTests(PostgresTimingServerFixture fixture, ITestOutputHelper output) : SignInProbingTests(fixture, output), IClassFixture<PostgresTimingServerFixture>;

/// <summary>Issue 21 point 4: the common-password list.</summary>
public sealed class CommonPasswordTests
{
    [Fact]
    public void List_HoldsAtLeastTenThousandPasswords() => Assert.InRange(CommonPasswordValidator.Count, 10_000, 100_000);

    [Theory]
    [InlineData("password1234", true)]
    [InlineData("QWERTY123456", true)]
    [InlineData(TestData.Password, false)]
    [InlineData("A-strong-pass-2026", false)]
    public void IsCommon_IgnoresCase(string password, bool common) => Assert.Equal(common, CommonPasswordValidator.IsCommon(password));
}
