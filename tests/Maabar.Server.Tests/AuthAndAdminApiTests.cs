using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

public abstract class AuthAndAdminApiTests(ServerFixture fixture)
{
    private MaabarFactory Factory => fixture.Factory;

    private async Task<string> CreateUserAsync(string role, string agency = AgencyCode.Tunisia)
    {
        string name = "u" + Guid.NewGuid().ToString("N")[..10];
        await Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = agency };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return 0;
        });
        return name;
    }

    [Fact]
    public async Task Token_RightPassword_ReturnsAccessTokenAndLifetime()
    {
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = TestData.UserName(AgencyCode.Tunisia, Roles.Officer), password = TestData.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal(15 * 60, body.GetProperty("expiresIn").GetInt64());
    }

    [Fact]
    public async Task Token_WrongPassword_Is401SignInFailed()
    {
        using HttpClient client = Factory.CreateClient();
        string user = await CreateUserAsync(Roles.Officer);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-123" });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.SignInFailed, problem.Code);
    }

    [Fact]
    public async Task Token_UnknownUser_Is401SignInFailed()
    {
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-" + Guid.NewGuid(), password = "whatever-password" });

        Assert.Equal(ErrorCodes.SignInFailed, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Token_MissingFields_Is400()
    {
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "" });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains(("username", ErrorCodes.Required), problem.Errors);
        Assert.Contains(("password", ErrorCodes.Required), problem.Errors);
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_LocksTheAccountEvenForTheRightOneWithTheSameAnswer()
    {
        using HttpClient client = Factory.CreateClient();
        string user = await CreateUserAsync(Roles.Officer);
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-" + i });
        }

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = TestData.Password });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.SignInFailed, problem.Code);
    }

    private Task<List<(string Action, string Purpose, string? Details)>> SignInAuditOfAsync(string userName) => Factory.InScopeAsync(async sp =>
    {
        MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
        Guid id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
        return (await db.AuditEntries.Where(a => a.UserId == id && (a.Action == AuditActions.SignedIn || a.Action == AuditActions.SignInFailed))
            .OrderBy(a => a.OccurredUtc).ThenBy(a => a.Id).Select(a => new { a.Action, a.Purpose, a.Details }).ToListAsync())
            .Select(a => (a.Action, a.Purpose, a.Details)).ToList();
    });

    [Fact]
    public async Task Token_SignInsAndFailures_AreAuditedWithTheirOutcome()
    {
        using HttpClient client = Factory.CreateClient();
        string user = await CreateUserAsync(Roles.Officer);

        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-x" });
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = TestData.Password });

        Assert.Equal(
            [(AuditActions.SignInFailed, "api.token", "outcome=wrong-password"), (AuditActions.SignedIn, "api.token", "outcome=succeeded")],
            await SignInAuditOfAsync(user));
    }

    [Fact]
    public async Task Token_LockedAccount_IsAuditedAsLockedOut()
    {
        using HttpClient client = Factory.CreateClient();
        string user = await CreateUserAsync(Roles.Officer);
        for (int i = 0; i < 6; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-" + i });
        }

        List<(string Action, string Purpose, string? Details)> rows = await SignInAuditOfAsync(user);
        Assert.Equal(6, rows.Count);
        Assert.Equal("outcome=locked-out", rows[^1].Details);
    }

    [Fact]
    public async Task Token_UnknownUserName_WritesNoAuditRow()
    {
        using HttpClient client = Factory.CreateClient();
        string typed = "nobody-" + Guid.NewGuid().ToString("N");

        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = typed, password = "whatever-password" });

        int rows = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.UserName == typed || a.EntityId == typed || a.Details!.Contains(typed)));
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task Users_AdministratorCreatesUserInOwnAgency_Is201AndUserCanSignIn()
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);
        string name = "officer-" + Guid.NewGuid().ToString("N")[..8];

        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, password = "A-strong-pass-2026", agency = "TUN", roles = new[] { Roles.Officer } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using HttpClient anonymous = Factory.CreateClient();
        using HttpResponseMessage changed = await anonymous.PostAsJsonAsync("/api/v1/auth/password", new { username = name, currentPassword = "A-strong-pass-2026", newPassword = "The-users-own-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using HttpClient created = await Factory.CreateApiClientAsync(name, "The-users-own-2026");
        Assert.Equal(HttpStatusCode.OK, (await created.GetAsync("/api/v1/crossings")).StatusCode);
        Guid id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        int audits = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.UserCreated && a.EntityId == id.ToString()));
        Assert.Equal(1, audits);
    }

    [Theory]
    [InlineData("LBY", new[] { Roles.Officer }, "A-strong-pass-2026", HttpStatusCode.Forbidden, ErrorCodes.AgencyForbidden)]
    [InlineData("TUN", new[] { "king" }, "A-strong-pass-2026", HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    [InlineData("TUN", new[] { Roles.Officer }, "short", HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    [InlineData("tunisia", new[] { Roles.Officer }, "A-strong-pass-2026", HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    public async Task Users_BadRequest_IsRefusedAndCreatesNoUser(string agency, string[] roles, string password, HttpStatusCode status, string code)
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);
        string name = "bad-" + Guid.NewGuid().ToString("N")[..8];

        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, password, agency, roles });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Code);
        Assert.Null(await Factory.InScopeAsync(sp => sp.GetRequiredService<UserManager<MaabarUser>>().FindByNameAsync(name)));
    }

    [Fact]
    public async Task Users_WeakPassword_NamesThePasswordField()
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);

        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/users", new { username = "weak-" + Guid.NewGuid().ToString("N")[..8], password = "aaaaaaaaaaaa", agency = "TUN", roles = new[] { Roles.Officer } });

        Assert.Contains(("password", ErrorCodes.PasswordWeak), (await Problem.ReadAsync(response)).Errors);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Qwerty123456")]
    public async Task Users_CommonPassword_IsRefusedAsWeakAndCreatesNoUser(string password)
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);
        string name = "common-" + Guid.NewGuid().ToString("N")[..8];

        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, password, agency = "TUN", roles = new[] { Roles.Officer } });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains(("password", ErrorCodes.PasswordWeak), problem.Errors);
        Assert.Null(await Factory.InScopeAsync(sp => sp.GetRequiredService<UserManager<MaabarUser>>().FindByNameAsync(name)));
    }

    [Fact]
    public async Task Users_TakenName_Is409()
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);

        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/users", new { username = TestData.UserName(AgencyCode.Tunisia, Roles.Officer), password = "A-strong-pass-2026", agency = "TUN", roles = new[] { Roles.Officer } });

        Assert.Equal(ErrorCodes.UserNameTaken, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Users_NonAdministrator_Is403()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));

        using HttpResponseMessage response = await supervisor.PostAsJsonAsync("/api/v1/users", new { username = "x-" + Guid.NewGuid().ToString("N")[..8], password = "A-strong-pass-2026", agency = "TUN", roles = new[] { Roles.Administrator } });

        Assert.Equal(ErrorCodes.Forbidden, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Audit_AdministratorFiltersByEntity_SeesOwnAgencyRowsOnly()
    {
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);
        using HttpClient libyanAdmin = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Administrator));
        using HttpResponseMessage created = await officer.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", identity = new { fullNameLatin = TestData.UniqueLatinName() } });
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement rows = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        JsonElement libyanRows = await libyanAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");

        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("action").GetString() == AuditActions.PassageRecorded);
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("TUN", r.GetProperty("agency").GetString()));
        Assert.Equal(0, libyanRows.GetArrayLength());
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    public async Task Audit_BadQuery_Is400QueryInvalid(string query)
    {
        using HttpClient admin = await Factory.CreateApiClientAsync("admin", MaabarFactory.AdminPassword);

        using HttpResponseMessage response = await admin.GetAsync("/api/v1/audit?" + query);

        Assert.Equal(ErrorCodes.QueryInvalid, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Audit_Officer_Is403()
    {
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        using HttpResponseMessage response = await officer.GetAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Health_WithDatabaseUp_IsHealthy()
    {
        await Factory.WaitUntilReadyAsync(); // /health is readiness: the screening index loads in the background at start
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesThePassageEndpoints()
    {
        using HttpClient client = Factory.CreateClient();

        JsonElement document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        JsonElement paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/passages", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
    }

    [Fact]
    public async Task Problem_UnknownApiRoute_Is404WithCode()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        using HttpResponseMessage response = await client.GetAsync("/api/v1/no-such-thing");

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal(ErrorCodes.NotFound, problem.Code);
    }

    [Theory]
    [InlineData(null, "ar")]
    [InlineData("fr", "fr")]
    [InlineData("en-GB", "en")]
    public async Task Problem_IsInTheRequestedLanguage(string? acceptLanguage, string expected)
    {
        using HttpClient client = Factory.CreateClient();
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using HttpResponseMessage response = await client.GetAsync("/api/v1/crossings");

        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentLanguage));
        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(ErrorCodes.AuthRequired, problem.Code);
        Assert.NotEqual(ErrorCodes.AuthRequired, problem.Title);
    }
}

public sealed class SqliteAuthAndAdminApiTests(SqliteServerFixture fixture) : AuthAndAdminApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAuthAndAdminApiTests(PostgresServerFixture fixture) : AuthAndAdminApiTests(fixture), IClassFixture<PostgresServerFixture>;
