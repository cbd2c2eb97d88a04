using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Server.Tests;

/// <summary>One server per provider whose clock the tests move (token expiry, revalidation interval, session lifetime).</summary>
public abstract class ClockedServerFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase? database;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        Factory = new MaabarFactory(database) { Clock = Clock };
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }
}

public sealed class SqliteClockedServerFixture() : ClockedServerFixture(StorageProvider.Sqlite);

public sealed class PostgresClockedServerFixture() : ClockedServerFixture(StorageProvider.Postgres);

/// <summary>Issue 21 point 2: a token or a cookie stops working within a minute of a change to its account.</summary>
public abstract partial class SessionRevocationTests(ClockedServerFixture fixture)
{
    private const string Sector = "TN-LY-S3";

    /// <summary>Just over <c>Auth:RevalidationInterval</c> (one minute by default).</summary>
    private static readonly TimeSpan PastTheInterval = TimeSpan.FromSeconds(61);

    private MaabarFactory Factory => fixture.Factory;

    private FakeTimeProvider Clock => fixture.Clock;

    private async Task<string> CreateSupervisorAsync()
    {
        string name = "s" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = AgencyCode.Tunisia };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded);
            return 0;
        });
        return name;
    }

    /// <summary>What an administrator (or the lockout) does to the account; none of these rotates the stamp by itself except "stamp".</summary>
    private Task<int> ChangeAsync(string userName, string change) => Factory.InScopeAsync(async sp =>
    {
        UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
        MaabarUser user = (await users.FindByNameAsync(userName))!;
        var admin = new Maabar.Core.Actor(Guid.CreateVersion7(), "test-admin", AgencyCode.Tunisia, new HashSet<string> { Roles.Administrator });
        bool succeeded = change switch
        {
            "lock" => (await users.SetLockoutEndDateAsync(user, Clock.GetUtcNow().AddHours(1))).Succeeded,
            "role" => (await users.RemoveFromRoleAsync(user, Roles.Supervisor)).Succeeded,
            "stamp" => (await users.UpdateSecurityStampAsync(user)).Succeeded,

            // Issue 21 point 1: what an administrator or the user does through the lifecycle's use cases.
            "disable" => (await sp.GetRequiredService<UpdateUser>().HandleAsync(admin, userName, new UpdateUserRequest(true, null), CancellationToken.None)).Outcome == UpdateUserOutcome.Updated,
            "roles" => (await sp.GetRequiredService<UpdateUser>().HandleAsync(admin, userName, new UpdateUserRequest(null, [Roles.Analyst]), CancellationToken.None)).Outcome == UpdateUserOutcome.Updated,
            "reset" => (await sp.GetRequiredService<ResetPassword>().HandleAsync(admin, userName, CancellationToken.None)).Outcome == ResetPasswordOutcome.Reset,
            "password" => (await sp.GetRequiredService<ChangeOwnPassword>().HandleAsync(user, TestData.Password, "Changed-password-2027", CancellationToken.None)).Outcome == ChangePasswordOutcome.Changed,
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        Assert.True(succeeded);
        return 0;
    });

    private Task<bool> AssessmentExistsAsync(string reason) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().SectorAssessments.AnyAsync(a => a.SectorId == Sector && a.Reason == reason));

    private static Task<HttpResponseMessage> AssessAsync(HttpClient api, string reason) =>
        api.PutAsJsonAsync($"/api/v1/sectors/{Sector}/impact", new { impact = "high", reason });

    [Fact]
    public async Task Token_AccountUnchanged_StillActsAfterTheInterval()
    {
        using HttpClient api = await Factory.CreateApiClientAsync(await CreateSupervisorAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sectors")).StatusCode);
        Clock.Advance(PastTheInterval);
        string reason = "unchanged " + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await AssessAsync(api, reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await AssessmentExistsAsync(reason));
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("role")]
    [InlineData("stamp")]
    [InlineData("disable")]
    [InlineData("roles")]
    [InlineData("reset")]
    [InlineData("password")]
    public async Task Token_AccountChanged_IsRefusedAfterTheIntervalAndChangesNothing(string change)
    {
        string name = await CreateSupervisorAsync();
        using HttpClient api = await Factory.CreateApiClientAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sectors")).StatusCode);
        await ChangeAsync(name, change);
        Clock.Advance(PastTheInterval);
        string reason = "revoked " + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await AssessAsync(api, reason);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.AuthRequired, problem.Code);
        Assert.False(await AssessmentExistsAsync(reason));
    }

    [Fact]
    public async Task Token_PastFifteenMinutes_IsRefused()
    {
        using HttpClient api = await Factory.CreateApiClientAsync(await CreateSupervisorAsync());
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sectors")).StatusCode);
        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        using HttpResponseMessage response = await api.GetAsync("/api/v1/sectors");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("role")]
    [InlineData("stamp")]
    [InlineData("disable")]
    [InlineData("roles")]
    [InlineData("reset")]
    [InlineData("password")]
    public async Task Cookie_AccountChanged_IsSignedOutAfterTheInterval(string change)
    {
        string name = await CreateSupervisorAsync();
        using HttpClient browser = await SignedInAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await ChangeAsync(name, change);
        Clock.Advance(PastTheInterval);

        using HttpResponseMessage response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Cookie_ActiveEveryHour_EndsAfterTheSessionLifetime()
    {
        using HttpClient browser = await SignedInAsync(await CreateSupervisorAsync());
        for (int hour = 1; hour <= 11; hour++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        }

        Clock.Advance(TimeSpan.FromMinutes(61));
        using HttpResponseMessage response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Factory.BaseAddress };
        string html = await client.GetStringAsync("/Account/Login");
        using HttpResponseMessage response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = TestData.Password,
            ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteSessionRevocationTests(SqliteClockedServerFixture fixture) : SessionRevocationTests(fixture), IClassFixture<SqliteClockedServerFixture>;

public sealed class PostgresSessionRevocationTests(PostgresClockedServerFixture fixture) : SessionRevocationTests(fixture), IClassFixture<PostgresClockedServerFixture>;
