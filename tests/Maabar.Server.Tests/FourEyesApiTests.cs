using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Domain;
using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>
/// Four eyes on clearances through the API and the supervisor's page (ar, fr, en) (issue 22 point 5).
/// </summary>
public abstract partial class FourEyesApiTests(ServerFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
    private static readonly string TunSupervisor = TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor);

    private MaabarFactory Factory => fixture.Factory;

    private static object Passage(string latin, string document) => new
    {
        crossingId = TestData.Crossing,
        lane = "CAR-IN-1",
        direction = "entry",
        identity = new { fullNameLatin = latin, birthDate = "1979-04-05", sex = "M", nationality = "LBY", documentType = "P", documentNumber = document, documentIssuingState = "LBY" },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    /// <summary>An arrest entry, a namesake stopped and decided negative by the officer: the pending clearance's number.</summary>
    private static async Task<(string Number, string Family, string Document)> PendingClearanceAsync(HttpClient supervisor, HttpClient officer)
    {
        string family = TestData.UniqueLetters() + TestData.UniqueLetters();
        await JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/watchlist/entries", new
        {
            category = "arrest", reference = "TN-4E-" + TestData.UniqueLetters(), fullNameLatin = $"Miloud {family}", sex = "M", birthDates = new[] { "1979" }, legalBasis = "Warrant 7/2025",
        }), HttpStatusCode.Created);
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        JsonElement passage = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document)), HttpStatusCode.Created);
        string hit = Assert.Single(passage.GetProperty("hits").EnumerateArray()).GetProperty("id").GetString()!;
        JsonElement decided = await JsonAsync(await officer.PostAsJsonAsync($"/api/v1/hits/{hit}/decision", new { outcome = "negative", reason = "Documents and father's name checked" }), HttpStatusCode.OK);
        Assert.True(decided.GetProperty("clearancePendingApproval").GetBoolean());
        return (decided.GetProperty("clearanceNumber").GetString()!, family, document);
    }

    [Fact]
    public async Task Approval_ByTheDecider403_BySupervisorCovers_TwiceIs409()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TunSupervisor);
        using HttpClient officer = await Factory.CreateApiClientAsync(TunOfficer);
        (string number, string family, string document) = await PendingClearanceAsync(supervisor, officer);

        Problem byOfficer = await Problem.ReadAsync(await officer.PostAsJsonAsync($"/api/v1/clearances/{number}/approval", new { approve = true }));
        Problem officerList = await Problem.ReadAsync(await officer.GetAsync("/api/v1/supervision/clearances"));
        JsonElement pending = await JsonAsync(await supervisor.GetAsync("/api/v1/supervision/clearances"), HttpStatusCode.OK);
        JsonElement whilePending = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document)), HttpStatusCode.Created);
        JsonElement approved = await JsonAsync(await supervisor.PostAsJsonAsync($"/api/v1/clearances/{number}/approval", new { approve = true }), HttpStatusCode.OK);
        Problem twice = await Problem.ReadAsync(await supervisor.PostAsJsonAsync($"/api/v1/clearances/{number}/approval", new { approve = true }));
        JsonElement after = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document)), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.Status);
        Assert.Equal(HttpStatusCode.Forbidden, officerList.Status);
        Assert.Contains(pending.GetProperty("pending").EnumerateArray(), p => p.GetProperty("number").GetString() == number);
        Assert.Equal("referred", whilePending.GetProperty("decision").GetString());
        Assert.False(approved.GetProperty("pendingApproval").GetBoolean());
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ClearanceNotPending), (twice.Status, twice.Code));
        Assert.Equal("cleared", after.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("en", "Clearances under four eyes", "Approve")]
    [InlineData("fr", "Lev\u00E9es \u00E0 double regard", "Approuver")] // e with acute accent, a with grave accent
    [InlineData("ar", "\u0631\u0641\u0639 \u0627\u0644\u0627\u0634\u062A\u0628\u0627\u0647 \u0628\u0645\u0648\u0627\u0641\u0642\u0629 \u0634\u062E\u0635\u064A\u0646", "\u0645\u0648\u0627\u0641\u0642\u0629")] // Arabic: "clearance with two persons' approval", "approval"
    public async Task SupervisionPage_ShowsThePendingClearance_InEachLanguage_AndApprovesIt(string lang, string title, string approve)
    {
        using HttpClient supervisorApi = await Factory.CreateApiClientAsync(TunSupervisor);
        using HttpClient officerApi = await Factory.CreateApiClientAsync(TunOfficer);
        (string number, _, _) = await PendingClearanceAsync(supervisorApi, officerApi);
        using HttpClient page = await SignedInAsync(TunSupervisor);
        (await page.GetAsync($"/culture?lang={lang}&returnUrl=%2F")).Dispose();

        string html = WebUtility.HtmlDecode(await page.GetStringAsync("/Hits/Supervision"));
        string token = TokenPattern().Match(html).Groups[1].Value;
        using HttpResponseMessage posted = await page.PostAsync("/Hits/Supervision?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["number"] = number, ["approve"] = "true", ["__RequestVerificationToken"] = token,
        }));
        string afterHtml = await page.GetStringAsync("/Hits/Supervision");

        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(approve, html, StringComparison.Ordinal);
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain(number, afterHtml, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Factory.BaseAddress };
        string login = await client.GetStringAsync("/Account/Login");
        using HttpResponseMessage response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = TestData.Password, ["__RequestVerificationToken"] = TokenPattern().Match(login).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteFourEyesApiTests(SqliteServerFixture fixture) : FourEyesApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresFourEyesApiTests(PostgresServerFixture fixture) : FourEyesApiTests(fixture), IClassFixture<PostgresServerFixture>;
