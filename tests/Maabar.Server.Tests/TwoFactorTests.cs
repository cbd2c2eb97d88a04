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
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Server.Tests;

/// <summary>
/// A server as outside Development (Auth:RequireTwoFactorForRoles unset: supervisors, liaison officers and
/// administrators need a second factor), whose clock the tests move from one 30-second code step to the next.
/// </summary>
public abstract class TwoFactorServerFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase? database;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        Factory = new MaabarFactory(database, new Dictionary<string, string?> { [TwoFactorRequirement.Key] = null }) { Clock = Clock };
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }
}

public sealed class SqliteTwoFactorServerFixture() : TwoFactorServerFixture(StorageProvider.Sqlite);

public sealed class PostgresTwoFactorServerFixture() : TwoFactorServerFixture(StorageProvider.Postgres);

/// <summary>Issue 21 point 3: TOTP second factor, mandatory for the powerful roles, on the API and the pages.</summary>
public abstract partial class TwoFactorTests(TwoFactorServerFixture fixture)
{
    private static readonly TimeSpan OneStep = TimeSpan.FromSeconds(30);

    private MaabarFactory Factory => fixture.Factory;

    private FakeTimeProvider Clock => fixture.Clock;

    private async Task<string> CreateUserAsync(string role)
    {
        string name = "u" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = AgencyCode.Tunisia };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return 0;
        });
        return name;
    }

    /// <summary>Enrols the user directly (as the page would after a right code); returns the key and the recovery codes.</summary>
    private Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(string name) => Factory.InScopeAsync(async sp =>
    {
        UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
        MaabarUser user = (await users.FindByNameAsync(name))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        List<string> codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];
        return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
    });

    private Task<MaabarUser> ReadUserAsync(string name) =>
        Factory.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<MaabarUser>>().FindByNameAsync(name))!);

    private Task<List<string>> AuditActionsAsync(string name) => Factory.InScopeAsync(sp =>
        sp.GetRequiredService<MaabarDbContext>().AuditEntries.Where(a => a.UserName == name).OrderBy(a => a.ChainPosition).Select(a => a.Action).ToListAsync());

    private async Task<HttpResponseMessage> TokenAsync(string name, string password = TestData.Password, string? code = null)
    {
        using HttpClient client = Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { username = name, password, code });
    }

    private string CodeNow(string key) => AuthenticatorApp.Code(key, Clock.GetUtcNow());

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.LiaisonOfficer)]
    [InlineData(Roles.Administrator)]
    public async Task Token_RequiredRoleNotEnrolled_Is403EnrolmentRequiredWithoutToken(string role)
    {
        string name = await CreateUserAsync(role);

        using HttpResponseMessage response = await TokenAsync(name);

        string body = await response.Content.ReadAsStringAsync();
        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal(ErrorCodes.TwoFactorEnrolmentRequired, problem.Code);
        Assert.DoesNotContain("accessToken", body, StringComparison.Ordinal);

        // The trail says what happened: no token, for want of a second factor (not a sign-in).
        List<string?> signIns = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries
            .Where(a => a.UserName == name && (a.Action == AuditActions.SignedIn || a.Action == AuditActions.SignInFailed)).Select(a => a.Details).ToListAsync());
        Assert.Equal("outcome=two-factor-enrolment-required", Assert.Single(signIns));
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.CommitteeMember)]
    public async Task Token_OptionalRoleNotEnrolled_IsIssuedWithThePasswordAlone(string role)
    {
        using HttpResponseMessage response = await TokenAsync(await CreateUserAsync(role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_EnrolledWithoutCode_Is401TwoFactorRequiredAndCountsNoFailure()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        await EnrolAsync(name);

        using HttpResponseMessage response = await TokenAsync(name);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.TwoFactorRequired, problem.Code);
        Assert.Equal(0, (await ReadUserAsync(name)).AccessFailedCount);
    }

    [Fact]
    public async Task Token_EnrolledWrongPasswordRightCode_IsTheOneFailedAnswer()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);

        using HttpResponseMessage response = await TokenAsync(name, "Wrong-password-2026", CodeNow(key));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.SignInFailed, problem.Code);
    }

    [Fact]
    public async Task Token_EnrolledRightCode_IssuesATokenThatWorks()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);

        using HttpResponseMessage response = await TokenAsync(name, code: CodeNow(key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        MaabarFactory.TokenResponse token = (await response.Content.ReadFromJsonAsync<MaabarFactory.TokenResponse>())!;
        using HttpClient api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sectors")).StatusCode);
        Assert.Contains(AuditActions.SignedIn, await AuditActionsAsync(name));
    }

    [Fact]
    public async Task Token_SameCodeTwice_SecondIsRefused()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);
        string code = CodeNow(key);
        using HttpResponseMessage first = await TokenAsync(name, code: code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using HttpResponseMessage replay = await TokenAsync(name, code: code);

        Problem problem = await Problem.ReadAsync(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.SignInFailed, problem.Code);
        Clock.Advance(OneStep);
        using HttpResponseMessage next = await TokenAsync(name, code: CodeNow(key));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Token_CodeTwoStepsOld_IsRefused()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);
        string old = CodeNow(key);
        Clock.Advance(OneStep * 2);

        using HttpResponseMessage response = await TokenAsync(name, code: old);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, (await ReadUserAsync(name)).AccessFailedCount);
    }

    [Fact]
    public async Task Token_WrongCodes_LockTheAccountLikeWrongPasswords()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);
        string right = CodeNow(key);
        string wrong = right == "000000" ? "111111" : "000000";
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage attempt = await TokenAsync(name, code: wrong);
            Assert.Equal(ErrorCodes.SignInFailed, (await Problem.ReadAsync(attempt)).Code);
        }

        using HttpResponseMessage response = await TokenAsync(name, code: right);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.SignInFailed, problem.Code);
        Assert.True(await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            return await users.IsLockedOutAsync((await users.FindByNameAsync(name))!);
        }));
        Assert.Contains(AuditActions.SignInFailed, await AuditActionsAsync(name));
        Assert.DoesNotContain(AuditActions.SignedIn, await AuditActionsAsync(name));
    }

    [Fact]
    public async Task Token_RecoveryCode_WorksOnceAndIsAudited()
    {
        string name = await CreateUserAsync(Roles.LiaisonOfficer);
        (_, List<string> codes) = await EnrolAsync(name);

        using HttpResponseMessage first = await TokenAsync(name, code: codes[3].ToLowerInvariant());
        using HttpResponseMessage again = await TokenAsync(name, code: codes[3]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        int left = await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            return await users.CountRecoveryCodesAsync((await users.FindByNameAsync(name))!);
        });
        Assert.Equal(9, left);
        Assert.Single(await AuditActionsAsync(name), a => a == AuditActions.RecoveryCodeUsed);
    }

    [Fact]
    public async Task AdministratorReset_OwnAgencyUser_RemovesTheFactorEndsTheTokenAndIsAudited()
    {
        string name = await CreateUserAsync(Roles.Officer);
        (string key, _) = await EnrolAsync(name);
        using HttpResponseMessage issued = await TokenAsync(name, code: CodeNow(key));
        MaabarFactory.TokenResponse token = (await issued.Content.ReadFromJsonAsync<MaabarFactory.TokenResponse>())!;
        string admin = await CreateUserAsync(Roles.Administrator);
        (string adminKey, _) = await EnrolAsync(admin);
        using HttpResponseMessage adminToken = await TokenAsync(admin, code: CodeNow(adminKey));
        using HttpClient api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await adminToken.Content.ReadFromJsonAsync<MaabarFactory.TokenResponse>())!.AccessToken);

        using HttpResponseMessage response = await api.DeleteAsync($"/api/v1/users/{name}/two-factor");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False((await ReadUserAsync(name)).TwoFactorEnabled);
        Assert.True(await Factory.InScopeAsync(sp =>
            sp.GetRequiredService<MaabarDbContext>().AuditEntries.AnyAsync(a => a.Action == AuditActions.TwoFactorReset && a.UserName == admin)));
        using HttpClient old = Factory.CreateClient();
        old.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/sectors")).StatusCode);
    }

    [Fact]
    public async Task AdministratorReset_OtherAgencyUser_Is404AndChangesNothing()
    {
        string name = "l" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            Assert.True((await users.CreateAsync(new MaabarUser { UserName = name, Agency = AgencyCode.Libya }, TestData.Password)).Succeeded);
            return 0;
        });
        await EnrolAsync(name);
        string admin = await CreateUserAsync(Roles.Administrator);
        (string adminKey, _) = await EnrolAsync(admin);
        using HttpResponseMessage adminToken = await TokenAsync(admin, code: CodeNow(adminKey));
        using HttpClient api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await adminToken.Content.ReadFromJsonAsync<MaabarFactory.TokenResponse>())!.AccessToken);

        using HttpResponseMessage response = await api.DeleteAsync($"/api/v1/users/{name}/two-factor");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await ReadUserAsync(name)).TwoFactorEnabled);
        Assert.DoesNotContain(AuditActions.TwoFactorReset, await AuditActionsAsync(admin));
    }

    /// <summary>A client like a browser without scripts: keeps cookies, does not follow redirects.</summary>
    private HttpClient Browser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Factory.BaseAddress };

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        string html = await client.GetStringAsync(path);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string name) =>
        PostFormAsync(client, "/Account/Login", "/Account/Login", new() { ["UserName"] = name, ["Password"] = TestData.Password });

    [Fact]
    public async Task Pages_RequiredRoleNotEnrolled_AreSentToEnrolmentFirst()
    {
        using HttpClient client = Browser();
        using HttpResponseMessage signIn = await PasswordStepAsync(client, await CreateUserAsync(Roles.Supervisor));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using HttpResponseMessage home = await client.GetAsync("/Crossings/Manage");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/TwoFactor?returnUrl=%2FCrossings%2FManage", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_OptionalRoleNotEnrolled_GoWhereTheyAsk()
    {
        using HttpClient client = Browser();
        using HttpResponseMessage signIn = await PasswordStepAsync(client, await CreateUserAsync(Roles.Officer));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using HttpResponseMessage page = await client.GetAsync("/Passages/New");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task EnrolmentPage_WrongThenRightCode_EnrolsShowsRecoveryCodesOnceAndOpensThePages()
    {
        string name = await CreateUserAsync(Roles.Administrator);
        using HttpClient client = Browser();
        using (HttpResponseMessage signIn = await PasswordStepAsync(client, name))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        string page = await client.GetStringAsync("/Account/TwoFactor");
        string key = KeyPattern().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        byte[] png = Convert.FromBase64String(WebUtility.HtmlDecode(QrPattern().Match(page).Groups[1].Value));
        Assert.Equal(32, key.Length);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        string wrong = CodeNow(key) == "000000" ? "111111" : "000000";
        using HttpResponseMessage refused = await PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enrol", new() { ["Code"] = wrong });
        string refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"mfa-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.False((await ReadUserAsync(name)).TwoFactorEnabled);
        Assert.DoesNotContain(AuditActions.TwoFactorEnrolled, await AuditActionsAsync(name));

        using HttpResponseMessage enrolled = await PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enrol", new() { ["Code"] = CodeNow(key) });
        string html = await enrolled.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(10, RecoveryCodePattern().Count(html));
        Assert.True((await ReadUserAsync(name)).TwoFactorEnabled);
        Assert.Contains(AuditActions.TwoFactorEnrolled, await AuditActionsAsync(name));
        using HttpResponseMessage users = await client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        string after = await client.GetStringAsync("/Account/TwoFactor");
        Assert.Equal(0, RecoveryCodePattern().Count(after));
    }

    [Fact]
    public async Task LoginPage_EnrolledUser_AsksForTheCodeAndOnlyTheRightOneSignsIn()
    {
        string name = await CreateUserAsync(Roles.Supervisor);
        (string key, _) = await EnrolAsync(name);
        using HttpClient client = Browser();

        using HttpResponseMessage password = await PasswordStepAsync(client, name);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/LoginTwoFactor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using HttpResponseMessage notYet = await client.GetAsync("/Crossings/Manage");
        Assert.StartsWith("/Account/Login", notYet.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        string wrong = CodeNow(key) == "000000" ? "111111" : "000000";
        using HttpResponseMessage refused = await PostFormAsync(client, "/Account/LoginTwoFactor", "/Account/LoginTwoFactor", new() { ["Code"] = wrong });
        Assert.Contains("data-testid=\"login-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await ReadUserAsync(name)).AccessFailedCount);

        using HttpResponseMessage accepted = await PostFormAsync(client, "/Account/LoginTwoFactor", "/Account/LoginTwoFactor", new() { ["Code"] = CodeNow(key) });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using HttpResponseMessage page = await client.GetAsync("/Crossings/Manage");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, (await ReadUserAsync(name)).AccessFailedCount);
    }

    [Fact]
    public async Task EnrolmentPage_ResetWithWrongCode_ChangesNothingAndWithRightCodeRemovesTheFactor()
    {
        string name = await CreateUserAsync(Roles.Officer);
        (string key, _) = await EnrolAsync(name);
        using HttpClient client = Browser();
        using (HttpResponseMessage password = await PasswordStepAsync(client, name))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        using (HttpResponseMessage second = await PostFormAsync(client, "/Account/LoginTwoFactor", "/Account/LoginTwoFactor", new() { ["Code"] = CodeNow(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        Clock.Advance(OneStep);
        string wrong = CodeNow(key) == "000000" ? "111111" : "000000";
        using HttpResponseMessage refused = await PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Reset", new() { ["Code"] = wrong });
        Assert.Contains("data-testid=\"mfa-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await ReadUserAsync(name)).TwoFactorEnabled);

        using HttpResponseMessage reset = await PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Reset", new() { ["Code"] = CodeNow(key) });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await ReadUserAsync(name)).TwoFactorEnabled);
        Assert.Contains(AuditActions.TwoFactorReset, await AuditActionsAsync(name));
        using HttpResponseMessage token = await TokenAsync(name);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-testid=\"mfa-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrPattern();

    [GeneratedRegex("<li><code>[A-Z0-9]+-[A-Z0-9]+</code></li>")]
    private static partial Regex RecoveryCodePattern();
}

public sealed class SqliteTwoFactorTests(SqliteTwoFactorServerFixture fixture) : TwoFactorTests(fixture), IClassFixture<SqliteTwoFactorServerFixture>;

public sealed class PostgresTwoFactorTests(PostgresTwoFactorServerFixture fixture) : TwoFactorTests(fixture), IClassFixture<PostgresTwoFactorServerFixture>;

/// <summary>The pieces that need no server: the code algorithm against RFC 6238's own vectors, and the setting.</summary>
public sealed class TwoFactorUnitTests
{
    private static readonly byte[] RfcKey = "12345678901234567890"u8.ToArray();

    // RFC 6238 appendix B, SHA-1 column (8 digits); an authenticator app shows the last 6.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Totp_RfcVectors_ServerAndTestAppAgree(long unixSeconds, string eightDigits)
    {
        long step = unixSeconds / 30;

        Assert.Equal(eightDigits, AuthenticatorApp.CodeForKey(RfcKey, step, 8));
        Assert.Equal(eightDigits[2..], Totp.Code(RfcKey, step).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Totp_FromBase32_RoundTripsTheRfcKey()
    {
        // "12345678901234567890" in base 32 (RFC 4648).
        Assert.Equal(RfcKey, Totp.FromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        Assert.Null(Totp.FromBase32("not base 32!"));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Maabar.Server";

        public string ContentRootPath { get; set; } = ".";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static TwoFactorRequirement From(string environment, Dictionary<string, string?> settings) =>
        TwoFactorRequirement.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Environment(environment));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Requirement_UnsetOutsideDevelopment_IsSupervisorLiaisonOfficerAndAdministrator(string environment)
    {
        TwoFactorRequirement requirement = From(environment, []);

        Assert.Equal(new[] { Roles.Administrator, Roles.LiaisonOfficer, Roles.Supervisor }, requirement.RequiredRoles.Order(StringComparer.Ordinal));
        Assert.False(requirement.AppliesTo([Roles.Officer, Roles.Analyst, Roles.CommitteeMember]));
    }

    [Fact]
    public void Requirement_UnsetInDevelopment_IsNobody() =>
        Assert.Empty(From("Development", []).RequiredRoles);

    [Fact]
    public void Requirement_EmptyValue_IsNobodyEvenInProduction() =>
        Assert.Empty(From("Production", new() { [TwoFactorRequirement.Key] = string.Empty }).RequiredRoles);

    [Fact]
    public void Requirement_CommaSeparatedOrList_IsWhatItSays()
    {
        Assert.Equal(new[] { Roles.Analyst, Roles.Officer }, From("Development", new() { [TwoFactorRequirement.Key] = "officer, analyst" }).RequiredRoles.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Roles.Officer }, From("Production", new() { [TwoFactorRequirement.Key + ":0"] = "officer" }).RequiredRoles);
    }

    [Fact]
    public void Requirement_UnknownRole_FailsNamingTheSetting()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => From("Production", new() { [TwoFactorRequirement.Key] = "officer,chief" }));
        Assert.Contains(TwoFactorRequirement.Key, error.Message, StringComparison.Ordinal);
        Assert.Contains("chief", error.Message, StringComparison.Ordinal);
    }
}
