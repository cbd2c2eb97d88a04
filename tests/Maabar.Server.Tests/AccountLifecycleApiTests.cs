using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 21 point 1 through the API and the pages, on each database: administrators of the user's agency
/// disable, enable, set roles and reset passwords; a password set by someone else is changed before a token
/// is issued; every refusal leaves the account as it was.
/// </summary>
public abstract partial class AccountLifecycleApiTests(ServerFixture fixture)
{
    private const string NewPassword = "My-own-choice-2027";

    private static readonly string TunAdmin = TestData.UserName(AgencyCode.Tunisia, Roles.Administrator);

    private MaabarFactory Factory => fixture.Factory;

    private async Task<string> CreateOfficerAsync(string agency = AgencyCode.Tunisia, bool mustChange = false)
    {
        string name = "a" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = agency, MustChangePassword = mustChange };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Officer)).Succeeded);
            return 0;
        });
        return name;
    }

    /// <summary>Everything a refusal must leave alone.</summary>
    private sealed record AccountState(bool Disabled, bool MustChange, string? Stamp, string? Hash, string Roles, int AuditRows);

    private Task<AccountState> StateAsync(string userName) => Factory.InScopeAsync(async sp =>
    {
        MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
        MaabarUser user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        string roles = string.Join('|', await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id orderby r.Name select r.Name!).ToListAsync());
        string id = user.Id.ToString();
        int audits = await db.AuditEntries.CountAsync(a => a.EntityId == id && a.Action.StartsWith("user."));
        return new AccountState(user.Disabled, user.MustChangePassword, user.SecurityStamp, user.PasswordHash, roles, audits);
    });

    private async Task<HttpStatusCode> TokenStatusAsync(string userName, string password)
    {
        using HttpClient client = Factory.CreateClient();
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        return response.StatusCode;
    }

    private async Task<Problem> TokenProblemAsync(string userName, string password)
    {
        using HttpClient client = Factory.CreateClient();
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        return await Problem.ReadAsync(response);
    }

    private async Task<HttpResponseMessage> ChangePasswordAsync(string userName, string current, string next)
    {
        using HttpClient client = Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/password", new { username = userName, currentPassword = current, newPassword = next });
    }

    [Fact]
    public async Task Patch_DisableThenEnable_SignInFailsAsAnyFailureThenWorksAgain()
    {
        string officer = await CreateOfficerAsync();
        using HttpClient admin = await Factory.CreateApiClientAsync(TunAdmin);
        AccountState before = await StateAsync(officer);

        using HttpResponseMessage disabled = await admin.PatchAsJsonAsync($"/api/v1/users/{officer}", new { disabled = true });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        Problem refused = await TokenProblemAsync(officer, TestData.Password);
        Problem unknown = await TokenProblemAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], TestData.Password);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.SignInFailed), (refused.Status, refused.Code));
        Assert.Equal((unknown.Status, unknown.Code, unknown.Title), (refused.Status, refused.Code, refused.Title));
        AccountState after = await StateAsync(officer);
        Assert.True(after.Disabled);
        Assert.NotEqual(before.Stamp, after.Stamp);

        using HttpResponseMessage enabled = await admin.PatchAsJsonAsync($"/api/v1/users/{officer}", new { disabled = false });

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(officer, TestData.Password));
        string[] actions = await Factory.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            Guid id = (await db.Users.SingleAsync(u => u.UserName == officer)).Id;
            return (await db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action.StartsWith("user.")).OrderBy(a => a.ChainPosition).Select(a => a.Action).ToListAsync()).ToArray();
        });
        Assert.Equal([AuditActions.UserDisabled, AuditActions.UserEnabled], actions);
    }

    [Fact]
    public async Task Patch_Roles_ReplacesTheRoles()
    {
        string officer = await CreateOfficerAsync();
        using HttpClient admin = await Factory.CreateApiClientAsync(TunAdmin);

        using HttpResponseMessage response = await admin.PatchAsJsonAsync($"/api/v1/users/{officer}", new { roles = new[] { Roles.Analyst, Roles.Supervisor } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Roles.Analyst + "|" + Roles.Supervisor, (await StateAsync(officer)).Roles);
    }

    [Theory]
    [InlineData("other-agency-admin")]
    [InlineData("officer")]
    [InlineData("no-token")]
    public async Task PatchAndReset_NotThisAgencysAdministrator_AreRefusedAndChangeNothing(string caller)
    {
        string officer = await CreateOfficerAsync();
        using HttpClient client = caller switch
        {
            "other-agency-admin" => await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Administrator)),
            "officer" => await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer)),
            _ => Factory.CreateClient(),
        };
        AccountState before = await StateAsync(officer);

        using HttpResponseMessage patch = await client.PatchAsJsonAsync($"/api/v1/users/{officer}", new { disabled = true, roles = new[] { Roles.Administrator } });
        using HttpResponseMessage reset = await client.PostAsync($"/api/v1/users/{officer}/password-reset", null);

        (HttpStatusCode Status, string Code) expected = caller switch
        {
            "other-agency-admin" => (HttpStatusCode.NotFound, ErrorCodes.UserNotFound),
            "officer" => (HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            _ => (HttpStatusCode.Unauthorized, ErrorCodes.AuthRequired),
        };
        Problem patchProblem = await Problem.ReadAsync(patch);
        Problem resetProblem = await Problem.ReadAsync(reset);
        Assert.Equal(expected, (patchProblem.Status, patchProblem.Code!));
        Assert.Equal(expected, (resetProblem.Status, resetProblem.Code!));
        Assert.Equal(before, await StateAsync(officer));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(officer, TestData.Password));
    }

    [Theory]
    [InlineData("{\"roles\":[]}")]
    [InlineData("{\"roles\":[\"king\"],\"disabled\":true}")]
    [InlineData("{}")]
    public async Task Patch_InvalidBody_Is400AndChangesNothing(string json)
    {
        string officer = await CreateOfficerAsync();
        using HttpClient admin = await Factory.CreateApiClientAsync(TunAdmin);
        AccountState before = await StateAsync(officer);

        using HttpResponseMessage response = await admin.PatchAsync($"/api/v1/users/{officer}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), (problem.Status, problem.Code));
        Assert.Equal(before, await StateAsync(officer));
    }

    [Fact]
    public async Task Reset_OneTimePassword_MustBeChangedBeforeATokenAndWorksOnce()
    {
        string officer = await CreateOfficerAsync();
        using HttpClient admin = await Factory.CreateApiClientAsync(TunAdmin);

        using HttpResponseMessage reset = await admin.PostAsync($"/api/v1/users/{officer}/password-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("no-store", reset.Headers.CacheControl?.ToString());
        string temporary = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(officer, TestData.Password));
        Problem required = await TokenProblemAsync(officer, temporary);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.PasswordChangeRequired), (required.Status, required.Code));

        using HttpResponseMessage changed = await ChangePasswordAsync(officer, temporary, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(officer, temporary));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(officer, NewPassword));
        Assert.DoesNotContain(Factory.LogMessages, m => m.Contains(temporary, StringComparison.Ordinal) || m.Contains(NewPassword, StringComparison.Ordinal));
        int leaks = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Details != null && (a.Details.Contains(temporary) || a.Details.Contains(NewPassword))));
        Assert.Equal(0, leaks);
    }

    [Fact]
    public async Task Token_MustChangeWithWrongPassword_IsTheOrdinaryFailure()
    {
        string officer = await CreateOfficerAsync(mustChange: true);
        AccountState before = await StateAsync(officer);

        Problem wrong = await TokenProblemAsync(officer, "not-the-password-1");
        Problem right = await TokenProblemAsync(officer, TestData.Password);

        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.SignInFailed), (wrong.Status, wrong.Code));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.PasswordChangeRequired), (right.Status, right.Code));
        AccountState after = await StateAsync(officer);
        Assert.Equal((before.Hash, before.Stamp, true), (after.Hash, after.Stamp, after.MustChange));
    }

    [Fact]
    public async Task Users_CreatedByAnAdministrator_MustChangeThePasswordBeforeAToken()
    {
        using HttpClient admin = await Factory.CreateApiClientAsync(TunAdmin);
        string name = "new-" + Guid.NewGuid().ToString("N")[..8];
        using HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, password = "Chosen-by-admin-2026", agency = "TUN", roles = new[] { Roles.Officer } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());

        Problem before = await TokenProblemAsync(name, "Chosen-by-admin-2026");
        using HttpResponseMessage change = await ChangePasswordAsync(name, "Chosen-by-admin-2026", NewPassword);

        Assert.Equal(ErrorCodes.PasswordChangeRequired, before.Code);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        using HttpClient user = await Factory.CreateApiClientAsync(name, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/crossings")).StatusCode);
    }

    [Theory]
    [InlineData("wrong-current")]
    [InlineData("unknown-user")]
    [InlineData("disabled")]
    [InlineData("locked")]
    public async Task ChangePassword_AnySignInFailure_Is401AuthFailedAndChangesNothing(string kind)
    {
        string officer = await CreateOfficerAsync();
        if (kind is "disabled" or "locked")
        {
            await Factory.InScopeAsync(async sp =>
            {
                UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
                MaabarUser user = (await users.FindByNameAsync(officer))!;
                user.Disabled = kind == "disabled";
                user.LockoutEnd = kind == "locked" ? sp.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1) : null;
                return await users.UpdateAsync(user);
            });
        }

        AccountState before = await StateAsync(officer);
        string userName = kind == "unknown-user" ? "nobody-" + Guid.NewGuid().ToString("N")[..8] : officer;
        string current = kind == "wrong-current" ? "not-the-password-1" : TestData.Password;

        using HttpResponseMessage response = await ChangePasswordAsync(userName, current, NewPassword);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.SignInFailed), (problem.Status, problem.Code));
        AccountState after = await StateAsync(officer);
        Assert.Equal((before.Hash, before.Stamp, before.Disabled, before.MustChange), (after.Hash, after.Stamp, after.Disabled, after.MustChange));
    }

    [Theory]
    [InlineData("short", ErrorCodes.PasswordWeak)]
    [InlineData("password1234", ErrorCodes.PasswordWeak)]
    [InlineData(TestData.Password, ErrorCodes.PasswordUnchanged)]
    public async Task ChangePassword_NewPasswordRefused_Is400AndChangesNothing(string next, string code)
    {
        string officer = await CreateOfficerAsync(mustChange: true);
        AccountState before = await StateAsync(officer);

        using HttpResponseMessage response = await ChangePasswordAsync(officer, TestData.Password, next);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), (problem.Status, problem.Code));
        Assert.Contains(("newPassword", code), problem.Errors);
        Assert.Equal(before, await StateAsync(officer));
    }

    [Fact]
    public async Task LoginPage_PasswordMustChange_RedirectsToTheChangePageWhichSetsIt()
    {
        string officer = await CreateOfficerAsync(mustChange: true);
        using HttpClient browser = Browser();

        using HttpResponseMessage login = await PostFormAsync(browser, "/Account/Login", new() { ["UserName"] = officer, ["Password"] = TestData.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/Account/ChangePassword", login.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.DoesNotContain(login.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("maabar.auth=", StringComparison.Ordinal)));
        string page = await browser.GetStringAsync(login.Headers.Location);
        Assert.Contains("data-testid=\"password-required\"", page, StringComparison.Ordinal);

        using HttpResponseMessage change = await PostFormAsync(browser, login.Headers.Location!.OriginalString, new()
        {
            ["UserName"] = officer, ["CurrentPassword"] = TestData.Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("data-testid=\"password-changed\"", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage again = await PostFormAsync(browser, "/Account/Login", new() { ["UserName"] = officer, ["Password"] = NewPassword });
        Assert.Equal("/", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AdminUsersPage_Arabic_IsRightToLeftAndDisablesAUser()
    {
        string officer = await CreateOfficerAsync();
        using HttpClient browser = Browser();
        using HttpResponseMessage login = await PostFormAsync(browser, "/Account/Login", new() { ["UserName"] = TunAdmin, ["Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        string page = await browser.GetStringAsync("/Admin/Users");
        using HttpResponseMessage disable = await PostFormAsync(browser, "/Admin/Users?handler=Disable", new() { ["userName"] = officer });

        Assert.Contains("dir=\"rtl\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"toggle-{officer}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.True((await StateAsync(officer)).Disabled);
    }

    private HttpClient Browser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Factory.BaseAddress };

    /// <summary>Posts a form the way the page's own form would, with the antiforgery token of the page at that address.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields)
    {
        string html = await browser.GetStringAsync(url.Split('?')[0]);
        fields["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteAccountLifecycleApiTests(SqliteServerFixture fixture) : AccountLifecycleApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAccountLifecycleApiTests(PostgresServerFixture fixture) : AccountLifecycleApiTests(fixture), IClassFixture<PostgresServerFixture>;
