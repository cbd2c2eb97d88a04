using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 24, point 2: a consequential choice starts empty, a form sent without one is refused with its own
/// message and changes nothing; a negative decision lets the traveller proceed and says why no clearance was issued.
/// Point 1 on the server side: Record is the passage form's default action and the banner names the traveller.
/// </summary>
public abstract partial class PageTests
{
    [Fact]
    public async Task PassagePage_DecisionWithoutChoice_IsRefusedAndTheHitStaysOpen()
    {
        (Guid passageId, Guid hitId, HttpClient client) = await ReferredWithoutDocumentAsync("Nochoice");
        using (client)
        {
            string before = await client.GetStringAsync($"/Passages/{passageId}");
            using HttpResponseMessage refused = await PostFormAsync(client, $"/Passages/{passageId}?handler=Decide", new()
            {
                ["hitId"] = hitId.ToString(), ["reason"] = "Documents checked at the desk",
            });

            string html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(3, Regex.Count(DecideForm(before), "<input type=\"radio\" name=\"outcome\""));
            Assert.DoesNotMatch("<input[^>]*name=\"outcome\"[^>]*\\bchecked\\b", DecideForm(before));
            Assert.Contains("data-code=\"decision.required\"", html, StringComparison.Ordinal);
            Assert.Contains("Choose a decision", html, StringComparison.Ordinal);
            Assert.Contains("Documents checked at the desk</textarea>", html, StringComparison.Ordinal);
            await using AsyncServiceScope scope = Factory.Services.CreateAsyncScope();
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            Hit hit = await db.Hits.AsNoTracking().SingleAsync(h => h.Id == hitId);
            Assert.Equal(HitStatus.Open, hit.Status);
            Assert.Null(hit.Outcome);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityId == hitId.ToString() && a.Action == AuditActions.HitDecided));
        }
    }

    [Fact]
    public async Task PassagePage_NegativeWithoutDocument_SaysMayProceedAndOffersToAddTheDocument()
    {
        (Guid passageId, Guid hitId, HttpClient client) = await ReferredWithoutDocumentAsync("Nodocument");
        using (client)
        {
            string referred = await client.GetStringAsync($"/Passages/{passageId}");
            using HttpResponseMessage decided = await PostFormAsync(client, $"/Passages/{passageId}?handler=Decide", new()
            {
                ["hitId"] = hitId.ToString(), ["outcome"] = "negative", ["reason"] = "Birth certificate checked",
            });
            string html = await client.GetStringAsync($"/Passages/{passageId}");
            string again = await client.GetStringAsync($"/Passages/New?again={passageId}");

            Assert.Contains("class=\"alert alert-danger\" role=\"alert\" data-testid=\"decision\"", referred, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
            Assert.Contains("class=\"alert alert-ok\" role=\"status\" data-testid=\"decision\">Not the listed person (namesake): the traveller may proceed.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("alert-danger", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"no-clearance\"", html, StringComparison.Ordinal);
            Assert.Contains("No namesake clearance was issued", html, StringComparison.Ordinal);
            Assert.Contains("This passage was recorded without a document.", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/Passages/New?again={passageId}\" data-testid=\"add-document\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"clearance-issued\"", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"again\"", again, StringComparison.Ordinal);
            Assert.Contains("data-focus=\"Input_DocumentNumber\"", again, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LiaisonDesk_ReplyWithoutAnswer_IsRefusedAndNothingIsSent()
    {
        Guid messageId = await RequestFromLibyaAsync();
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        await client.GetAsync("/culture?lang=en&returnUrl=%2F");

        string desk = await client.GetStringAsync("/Liaison");
        using HttpResponseMessage refused = await PostFormAsync(client, "/Liaison?handler=Reply", new()
        {
            ["messageId"] = messageId.ToString(), ["outcome"] = "", ["reason"] = "Checked our files",
        });

        string html = await refused.Content.ReadAsStringAsync();
        Assert.StartsWith("<option value=\"\" selected>", FirstOption(desk, "reply-outcome"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-code=\"answer.required\"", html, StringComparison.Ordinal);
        Assert.Contains("Choose an answer before sending. Nothing was sent.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Checked our files\"", html, StringComparison.Ordinal);
        await using AsyncServiceScope scope = Factory.Services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        Assert.Null((await db.InboxMessages.AsNoTracking().SingleAsync(m => m.MessageId == messageId)).RepliedUtc);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.CorrelationId == messageId));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityId == messageId.ToString() && a.Action == AuditActions.FederationReplied));
    }

    [Fact]
    public async Task CrossingStatus_NoStatusChosen_IsRefusedAndNothingChanges()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        string reason = "Gate works " + TestData.UniqueLetters();

        string form = await client.GetStringAsync("/Crossings/Manage");
        using HttpResponseMessage refused = await PostFormAsync(client, "/Crossings/Manage", new()
        {
            ["crossingId"] = TestData.Crossing, ["status"] = "", ["reason"] = reason,
        });

        Assert.StartsWith("<option value=\"\" selected>", FirstOption(form, "status-value"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-testid=\"status-errors\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using AsyncServiceScope scope = Factory.Services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        Assert.False(await db.CrossingStatusChanges.AnyAsync(c => c.Reason == reason));
    }

    [Fact]
    public async Task WatchlistEntry_NoCategoryChosen_IsRefusedAndNothingIsListed()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        string reference = "TN-" + TestData.UniqueLetters();

        string form = await client.GetStringAsync("/Watchlist/Entry");
        using HttpResponseMessage refused = await PostFormAsync(client, "/Watchlist/Entry", new()
        {
            ["Form.Kind"] = "person", ["Form.Category"] = "", ["Form.Reference"] = reference,
            ["Form.FullNameLatin"] = TestData.UniqueLatinName("Uncategorised"), ["Form.BirthDates"] = "1980",
        });

        Assert.StartsWith("<option value=\"\" selected=\"selected\">", FirstOption(form, "entry-category"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-testid=\"entry-errors\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using AsyncServiceScope scope = Factory.Services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        Assert.False(await db.WatchlistEntries.AnyAsync(e => e.Reference == reference));
    }

    [Fact]
    public async Task PassageForm_RecordIsTheFirstSubmitAndTheBannerNamesEachTraveller()
    {
        using HttpClient client = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        await client.GetAsync("/culture?lang=fr&returnUrl=%2F");

        string form = await client.GetStringAsync("/Passages/New");
        List<string> banners = [];
        foreach (string name in new[] { TestData.UniqueLatinName("Premier"), TestData.UniqueLatinName("Second") })
        {
            string document = "K" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            using HttpResponseMessage recorded = await PostFormAsync(client, "/Passages/New", new()
            {
                ["Input.RequestKey"] = Guid.CreateVersion7().ToString(), ["Input.Post"] = $"{TestData.Crossing}|CAR-IN-1",
                ["Input.FullNameLatin"] = name, ["Input.BirthDate"] = "1990-04-12", ["Input.Nationality"] = "TUN",
                ["Input.DocumentType"] = "P", ["Input.DocumentNumber"] = document, ["Input.DocumentIssuingState"] = "TUN", ["Input.DocumentExpiryDate"] = "2031-01-01",
            });
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
            string page = await client.GetStringAsync(recorded.Headers.Location!.OriginalString);
            string banner = page[page.IndexOf("data-testid=\"cleared-banner\"", StringComparison.Ordinal)..];
            banner = banner[..banner.IndexOf("</p>", StringComparison.Ordinal)];
            Assert.Contains(name, banner, StringComparison.Ordinal);
            Assert.Contains(document, banner, StringComparison.Ordinal);
            Assert.Contains("data-draft=\"clear\"", page, StringComparison.Ordinal);
            banners.Add(banner);
        }

        int firstSubmit = form.IndexOf("type=\"submit\"", form.IndexOf("class=\"passage-form\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(firstSubmit > 0, "no submit button in the passage form");
        Assert.StartsWith("type=\"submit\" class=\"primary big\" accesskey=\"r\" aria-keyshortcuts=\"Alt+R\" data-testid=\"record\"", form[firstSubmit..], StringComparison.Ordinal);
        Assert.True(firstSubmit < form.IndexOf("data-testid=\"read-mrz\"", StringComparison.Ordinal));
        Assert.Contains("Touches :", form, StringComparison.Ordinal);
        Assert.Contains("data-draft=\"restore\"", form, StringComparison.Ordinal);
        Assert.NotEqual(banners[0], banners[1]);
    }

    /// <summary>A traveller recorded through the API without a document, hitting an entry listed for this test alone.</summary>
    private async Task<(Guid Passage, Guid Hit, HttpClient Client)> ReferredWithoutDocumentAsync(string tag)
    {
        string listed = TestData.UniqueLatinName(tag);
        await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, listed, "1979");
        string officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        using HttpClient api = await Factory.CreateApiClientAsync(officer);
        using HttpResponseMessage recorded = await api.PostAsJsonAsync("/api/v1/passages", new
        {
            crossingId = TestData.Crossing,
            lane = "CAR-IN-1",
            direction = "entry",
            identity = new { fullNameLatin = listed, birthDate = "1979-08-21", nationality = "TUN" },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Guid passageId = Guid.Parse((await recorded.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!);
        Guid hitId;
        await using (AsyncServiceScope scope = Factory.Services.CreateAsyncScope())
        {
            hitId = (await scope.ServiceProvider.GetRequiredService<MaabarDbContext>().Hits.AsNoTracking().SingleAsync(h => h.PassageId == passageId)).Id;
        }

        HttpClient client = await SignedInAsync(officer);
        (await client.GetAsync("/culture?lang=en&returnUrl=%2F")).Dispose();
        return (passageId, hitId, client);
    }

    /// <summary>A request for information from Libya, as the inbox stores it, for this test alone.</summary>
    private async Task<Guid> RequestFromLibyaAsync()
    {
        Guid messageId = Guid.CreateVersion7();
        DateTime now = Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using AsyncServiceScope scope = Factory.Services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        db.InboxMessages.Add(new InboxMessage
        {
            MessageId = messageId, Sender = AgencyCode.Libya, Recipient = AgencyCode.Tunisia, Type = MessageTypes.RequestForInformation, Version = 1,
            CreatedUtc = now, ReceivedUtc = now, ReplyDueUtc = now.AddHours(12), Sequence = Random.Shared.Next(2_000_000, 3_000_000),
            Payload = $$"""{"reference":"LY-{{TestData.UniqueLetters()}}","crossingId":"{{TestData.Crossing}}"}""",
        });
        await db.SaveChangesAsync();
        return messageId;
    }

    private static string DecideForm(string html)
    {
        int start = html.IndexOf("data-testid=\"decide-form\"", StringComparison.Ordinal);
        Assert.True(start > 0, "no decision form on the page");
        return html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
    }

    /// <summary>The first option of the select with this test id, from its tag on (what the browser shows before a choice).</summary>
    private static string FirstOption(string html, string testId)
    {
        int select = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(select > 0, $"no {testId} select on the page");
        return html[html.IndexOf("<option", select, StringComparison.Ordinal)..];
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        // The token belongs to the signed-in session, not to one page: the form's own page gives it.
        form["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, path.Split('?')[0]);
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
