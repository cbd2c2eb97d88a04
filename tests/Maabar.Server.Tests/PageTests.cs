using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Maabar.Testing;

namespace Maabar.Server.Tests;

public abstract partial class PageTests(ServerFixture fixture)
{
    private MaabarFactory Factory => fixture.Factory;

    /// <summary>A client like a browser without scripts: keeps cookies, does not follow redirects (so tests see them).</summary>
    private HttpClient Browser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Factory.BaseAddress };

    [Fact]
    public async Task LoginPage_ByDefault_IsArabicRightToLeft()
    {
        using HttpClient client = Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        using HttpResponseMessage response = await client.GetAsync("/Account/Login");

        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Equal("ar", Assert.Single(response.Content.Headers.ContentLanguage));
    }

    [Theory]
    [InlineData("fr", "<html lang=\"fr\" dir=\"ltr\">", "Connexion")]
    [InlineData("en", "<html lang=\"en\" dir=\"ltr\">", "Sign in")]
    public async Task LanguageSwitch_SetsCookieAndLanguageOfNextPages(string lang, string htmlTag, string title)
    {
        using HttpClient client = Browser();

        using HttpResponseMessage switched = await client.GetAsync($"/culture?lang={lang}&returnUrl=%2FAccount%2FLogin");
        using HttpResponseMessage page = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.Headers.Location?.OriginalString);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains(htmlTag, html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task LanguageSwitch_ForeignReturnUrl_GoesHome(string returnUrl)
    {
        using HttpClient client = Browser();

        using HttpResponseMessage response = await client.GetAsync($"/culture?lang=fr&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Home_Anonymous_RedirectsToLogin()
    {
        using HttpClient client = Browser();

        using HttpResponseMessage response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task PassageForm_Officer_SeesTheFormWithOwnLanes()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        using HttpResponseMessage response = await client.GetAsync("/Passages/New");

        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"value=\"{TestData.Crossing}|CAR-IN-1\"", html, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.LiaisonOfficer, "/Liaison", HttpStatusCode.OK, "data-testid=\"no-partners\"")]
    [InlineData(Roles.Officer, "/Liaison", HttpStatusCode.Redirect, null)]
    [InlineData(Roles.Officer, "/Hits", HttpStatusCode.OK, "data-testid=\"tab-open\"")]
    [InlineData(Roles.Analyst, "/Hits", HttpStatusCode.Redirect, null)]
    [InlineData(Roles.Analyst, "/Reports/NamesakeBurden", HttpStatusCode.OK, "data-testid=\"report-csv\"")]
    [InlineData(Roles.Officer, "/Reports/NamesakeBurden", HttpStatusCode.Redirect, null)]
    [InlineData(Roles.Officer, "/Watchlist", HttpStatusCode.OK, "<h1>")]
    [InlineData(Roles.Officer, "/Incidents", HttpStatusCode.OK, "data-testid=\"incident-form\"")]
    [InlineData(Roles.Analyst, "/Incidents", HttpStatusCode.Redirect, null)]
    [InlineData(Roles.Supervisor, "/Crossings/Manage", HttpStatusCode.OK, "data-testid=\"status-form-")]
    [InlineData(Roles.CommitteeMember, "/Map?days=30", HttpStatusCode.OK, "data-country=\"LBY\"")]
    [InlineData(Roles.Analyst, "/Reports/Dashboard?days=7", HttpStatusCode.OK, "data-testid=\"chart-outcomes\"")]
    [InlineData(Roles.Officer, "/Reports/Dashboard", HttpStatusCode.Redirect, null)]
    [InlineData(Roles.Officer, "/Watchlist/Import", HttpStatusCode.Forbidden, null)]
    [InlineData(Roles.CommitteeMember, "/Committee", HttpStatusCode.OK, "data-testid=\"meeting-form\"")]
    [InlineData(Roles.Analyst, "/Committee", HttpStatusCode.OK, "data-testid=\"committee-notices\"")]
    [InlineData(Roles.Officer, "/Committee", HttpStatusCode.Redirect, null)]
    public async Task WorkflowPages_OpenForTheirRolesOnly(string role, string path, HttpStatusCode expected, string? marker)
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, role));

        using HttpResponseMessage response = await client.GetAsync(path);

        string html = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.Forbidden)
        {
            // Forbid() from a page model challenges the cookie scheme: the access-denied page.
            Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(expected, response.StatusCode);
        if (marker is not null)
        {
            Assert.Contains(marker, html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CommitteeForms_RecordAMeeting_ADecisionThatChangesACrossing_AndAnAction()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
        {
            // The token belongs to the signed-in session, not to one page: any page's form gives it.
            form["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/Committee");
            return await client.PostAsync(path, new FormUrlEncodedContent(form));
        }

        string title = "Session " + TestData.UniqueLetters();
        using HttpResponseMessage created = await PostAsync("/Committee?handler=Meeting", new()
        {
            ["title"] = title, ["heldUtc"] = "2026-11-20T09:00", ["place"] = "Ben Guerdane", ["participants"] = "TUN: Director\nLBY: Port chief", ["agenda"] = "Reopening",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        string meeting = created.Headers.Location!.ToString();
        Assert.Contains("/Committee/Meeting", meeting, StringComparison.Ordinal);
        string id = meeting[(meeting.IndexOf("id=", StringComparison.Ordinal) + 3)..];

        using HttpResponseMessage decided = await PostAsync($"/Committee/Meeting?id={id}&handler=Decision", new()
        {
            ["id"] = id, ["kind"] = "crossing-status", ["text"] = "Ras Jedir restricted to freight during the works", ["crossingId"] = TestData.Crossing,
            ["status"] = "restricted", ["reason"] = "Works at the gate", ["allowed"] = "freight",
        });
        using HttpResponseMessage noText = await PostAsync($"/Committee/Meeting?id={id}&handler=Action", new() { ["id"] = id, ["text"] = "", ["ownerAgency"] = "LBY", ["dueDate"] = "2026-01-01" });
        using HttpResponseMessage action = await PostAsync($"/Committee/Meeting?id={id}&handler=Action", new() { ["id"] = id, ["text"] = "Finish the works", ["ownerAgency"] = "LBY", ["dueDate"] = "2026-01-01" });
        string page = await client.GetStringAsync($"/Committee/Meeting?id={id}");
        string status = await client.GetStringAsync("/Status");
        using HttpResponseMessage reopened = await PostAsync("/Crossings/Manage", new() { ["crossingId"] = TestData.Crossing, ["status"] = "open" });

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        Assert.Contains("data-testid=\"decision-change\"", page, StringComparison.Ordinal);
        Assert.Contains("Works at the gate", status, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Contains("data-testid=\"action-row\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"overdue\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentForm_TakesCoordinatesWithAPointOrAComma_AndRefusesOthersWritingNothing()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        async Task<HttpResponseMessage> ReportAsync(string title, string latitude, string longitude) =>
            await client.PostAsync("/Incidents?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/Incidents"),
                ["type"] = "SmugglingSeizure", ["impact"] = "Medium", ["crossingId"] = "", ["sectorId"] = "", ["latitude"] = latitude, ["longitude"] = longitude, ["title"] = title,
            }));
        string good = "Fuel in the dunes " + TestData.UniqueLetters(), bad = "Nowhere " + TestData.UniqueLetters();

        using HttpResponseMessage accepted = await ReportAsync(good, "31,9", "10.6");
        using HttpResponseMessage refused = await ReportAsync(bad, "north", "10.6");
        Incident? stored = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Incidents.SingleOrDefaultAsync(i => i.Title == good));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal((31.9, 10.6, "TN-LY-S2"), (stored!.Latitude, stored.Longitude, stored.SectorId));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-testid=\"incident-errors\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Incidents.CountAsync(i => i.Title == bad)));
    }

    [Fact]
    public async Task Dashboard_ExportsTheTableBehindEachChartAsCsv()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));

        string html = await client.GetStringAsync("/Reports/Dashboard?days=7");
        using HttpResponseMessage csv = await client.GetAsync("/Reports/Dashboard?handler=Csv&table=passages-per-day&days=7");
        using HttpResponseMessage unknown = await client.GetAsync("/Reports/Dashboard?handler=Csv&table=nothing&days=7");
        string[] lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        foreach (string chart in (string[])["chart-per-day", "chart-incident-sectors", "chart-messages-sent"])
        {
            Assert.Contains($"data-testid=\"{chart}-csv\"", html, StringComparison.Ordinal);
        }

        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("label,value", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>The per-crossing chart names the crossing and the direction in the page's language, never their codes.</summary>
    [Fact]
    public async Task Dashboard_InArabic_ShowsCrossingsAndDirectionsInWords()
    {
        await RecordTravellerAsync($"Chart {TestData.UniqueLetters()}", "1980-01-02", "C" + Random.Shared.Next(10_000_000, 99_999_999));
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));

        string html = await client.GetStringAsync("/Reports/Dashboard?days=7");

        Match chart = Regex.Match(html, "data-testid=\"chart-per-crossing\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(chart.Success, "no per-crossing chart");
        string[] labels = [.. Regex.Matches(chart.Groups[1].Value, "<th scope=\"row\">([^<]*)</th>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
        // \u0631\u0623\u0633 \u062C\u062F\u064A\u0631 is "Ras Jedir" and \u062F\u062E\u0648\u0644 "entry" in Arabic letters.
        Assert.Contains(labels, l => l.Contains("\u0631\u0623\u0633 \u062C\u062F\u064A\u0631", StringComparison.Ordinal) && l.Contains("\u062F\u062E\u0648\u0644", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains(TestData.Crossing, StringComparison.Ordinal) || l.Contains("Entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Map_DrawsEverySectorAlongTheCommonBorder()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));

        string html = await client.GetStringAsync("/Map");

        foreach (BorderSector sector in BorderSectors.All)
        {
            // Each sector is a stretch of the real boundary: a path with several points, not an empty one.
            System.Text.RegularExpressions.Match path = System.Text.RegularExpressions.Regex.Match(html, $"<path d=\"(M[^\"]+)\" class=\"sector [^\"]+\" data-testid=\"map-sector-{sector.Id}\"");
            Assert.True(path.Success, sector.Id);
            Assert.True(path.Groups[1].Value.Count(c => c == 'L') >= 2, $"{sector.Id}: {path.Groups[1].Value}");
        }
    }

    [Fact]
    public async Task PublicCheckPage_NeedsNoSignIn()
    {
        using HttpClient client = Browser();

        using HttpResponseMessage response = await client.GetAsync("/Check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"check-form\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassageForm_Analyst_IsDenied()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));

        using HttpResponseMessage response = await client.GetAsync("/Passages/New");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnPage()
    {
        using HttpClient client = Browser();
        string token = await AntiforgeryTokenAsync(client, "/Account/Login");

        using HttpResponseMessage response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = TestData.UserName(AgencyCode.Tunisia, Roles.Analyst),
            ["Password"] = "not-the-password",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        int audited = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries
            .CountAsync(a => a.Action == AuditActions.SignInFailed && a.Purpose == "ui.login" && a.UserName == TestData.UserName(AgencyCode.Tunisia, Roles.Analyst)));
        Assert.True(audited >= 1);
    }

    [Fact]
    public async Task Login_UnknownNameAndWrongPassword_ShowTheSameMessage()
    {
        async Task<string> ErrorShownForAsync(string userName)
        {
            using HttpClient client = Browser();
            string token = await AntiforgeryTokenAsync(client, "/Account/Login");
            using HttpResponseMessage response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = "not-the-password",
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Match error = LoginError().Match(await response.Content.ReadAsStringAsync());
            Assert.True(error.Success, "no error shown");
            return error.Groups[1].Value;
        }

        string unknown = await ErrorShownForAsync("nobody-" + Guid.NewGuid().ToString("N"));
        string wrong = await ErrorShownForAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));

        Assert.Equal(unknown, wrong);
        Assert.NotEmpty(unknown);
    }

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex LoginError();

    [Fact]
    public async Task UnknownPage_Is404ErrorPage()
    {
        using HttpClient client = Browser();

        using HttpResponseMessage response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("dir=\"rtl\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The referred passage's page names the word the traveller's name left out of the listed chain.</summary>
    [Fact]
    public async Task PassagePage_HitWithALeftOutFathersName_ShowsTheLeftOutWord()
    {
        string family = TestData.UniqueLetters();
        await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, $"Hamza Ben Salah {family}", "1975-03-02");
        string officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        string id = (await RecordTravellerAsync($"Hamza {family}", "1975-03-02", "F" + Random.Shared.Next(10_000_000, 99_999_999))).GetProperty("id").GetString()!;
        using HttpClient client = await SignedInAsync(officer);

        string html = await client.GetStringAsync($"/Passages/{id}");

        Match leftOut = Regex.Match(html, "data-testid=\"left-out\">[^<]*<bdi>([^<]*)</bdi>");
        Assert.True(leftOut.Success, "no left-out line on the page");
        Assert.Equal("salah", leftOut.Groups[1].Value);
    }

    /// <summary>Clearances waiting for a second supervisor are one click away for supervisors, and only for them.</summary>
    [Theory]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Officer, false)]
    [InlineData(Roles.LiaisonOfficer, false)]
    public async Task Navigation_SupervisionLink_ShownToSupervisorsOnly(string role, bool shown)
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, role));

        string html = await client.GetStringAsync("/Map");

        Assert.Equal(shown, html.Contains("data-testid=\"nav-supervision\"", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"nav-map\"", html, StringComparison.Ordinal);
    }

    /// <summary>Issue 22 point 2: the desk shows a flood of junk posted to the inbox as one line with its size, the reason in words.</summary>
    [Fact]
    public async Task LiaisonDesk_JunkPostedToTheInbox_ShowsOneRefusedLineWithTheCount()
    {
        using (HttpClient anyone = Browser())
        {
            for (int i = 0; i < 30; i++)
            {
                using var junk = new StringContent("{\"junk\":" + i + "}", System.Text.Encoding.UTF8, "application/json");
                using HttpResponseMessage refused = await anyone.PostAsync(Maabar.Federation.InboxEndpoint.Path, junk);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }
        }

        using HttpClient liaison = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        string html = await liaison.GetStringAsync("/Liaison");

        Assert.Single(RefusedRow().Matches(html));
        Assert.Equal("30", RefusedRow().Match(html).Groups[1].Value);
        Assert.DoesNotContain(Maabar.Core.Features.Federation.FederationCodes.EnvelopeInvalid, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"refused-row\">(?:(?!</tr>).)*data-testid=\"refused-count\">(\\d+)<", RegexOptions.Singleline)]
    private static partial Regex RefusedRow();

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        HttpClient client = Browser();
        string token = await AntiforgeryTokenAsync(client, "/Account/Login");
        using HttpResponseMessage response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = TestData.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        string html = await client.GetStringAsync(path);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqlitePageTests(SqliteServerFixture fixture) : PageTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresPageTests(PostgresServerFixture fixture) : PageTests(fixture), IClassFixture<PostgresServerFixture>;
