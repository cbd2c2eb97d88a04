using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>Traveller search and a traveller's history (issue 24 point 5).</summary>
public abstract partial class PageTests
{
    private const string RasJedirInArabic = "\u0631\u0623\u0633 \u062C\u062F\u064A\u0631"; // "Ras Jedir" in Arabic letters

    /// <summary>Records a passage of a made-up traveller at Tunisia's Ras Jedir lane; returns the passage's JSON.</summary>
    private async Task<JsonElement> RecordTravellerAsync(string latin, string birthDate, string document)
    {
        using HttpClient api = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/passages", new
        {
            crossingId = TestData.Crossing,
            lane = "CAR-IN-1",
            direction = "entry",
            identity = new { fullNameLatin = latin, birthDate, sex = "M", nationality = "LBY", documentType = "P", documentNumber = document, documentIssuingState = "LBY" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<int> AuditCountAsync(string action, string userName) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == action && a.UserName == userName));

    [Fact]
    public async Task TravellerSearch_ByDocumentByOtherSpellingWithBirthDateAndByNameWord_FindsTheTraveller_AndIsAudited()
    {
        string family = TestData.UniqueLetters();
        string document = "T" + Random.Shared.Next(10_000_000, 99_999_999);
        JsonElement passage = await RecordTravellerAsync($"Mohamed Lamine {family} Ben Salah", "1979-05-01", document);
        string travellerId = passage.GetProperty("traveller").GetProperty("id").GetString()!;
        string officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        using HttpClient client = await SignedInAsync(officer);
        int searchesBefore = await AuditCountAsync(AuditActions.TravellerSearched, officer);

        string byDocument = await client.GetStringAsync($"/Travellers?documentNumber={Uri.EscapeDataString(" " + document.ToLowerInvariant())}");
        string bySpelling = await client.GetStringAsync($"/Travellers?name={Uri.EscapeDataString($"BEN SALAH, Mohammed {family}")}&birthDate=1979-05-01");
        string byWord = await client.GetStringAsync($"/Travellers?name={family.ToLowerInvariant()}");
        string otherBirthDate = await client.GetStringAsync($"/Travellers?name={Uri.EscapeDataString($"Mohamed {family}")}&birthDate=1985-05-01");

        Assert.All(new[] { byDocument, bySpelling, byWord }, html => Assert.Equal([travellerId], OpenedTravellers(html)));
        Assert.Empty(OpenedTravellers(otherBirthDate));
        Assert.Contains("data-testid=\"travellers-none\"", otherBirthDate, StringComparison.Ordinal);
        Assert.Equal(searchesBefore + 4, await AuditCountAsync(AuditActions.TravellerSearched, officer));
        List<string?> details = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.TravellerSearched && a.UserName == officer).Select(a => a.Details).ToListAsync());
        Assert.DoesNotContain(details, d => d!.Contains(family, StringComparison.OrdinalIgnoreCase) || d.Contains(document, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TravellerSearch_WithNothingToSearchBy_ShowsWhy_AndReadsNothing()
    {
        string officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        using HttpClient client = await SignedInAsync(officer);
        int searchesBefore = await AuditCountAsync(AuditActions.TravellerSearched, officer);

        string empty = await client.GetStringAsync("/Travellers?search=1&name=&birthDate=");
        string badDate = await client.GetStringAsync("/Travellers?birthDate=1979-13-45");

        Assert.Contains("data-testid=\"search-errors\"", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"search-errors\"", badDate, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"travellers\"", empty, StringComparison.Ordinal);
        Assert.Equal(searchesBefore, await AuditCountAsync(AuditActions.TravellerSearched, officer));
    }

    [Fact]
    public async Task TravellerHistory_ListsPassagesWithCrossingNames_IsAudited_AndIsNotFoundForThePartner()
    {
        string family = TestData.UniqueLetters();
        string document = "H" + Random.Shared.Next(10_000_000, 99_999_999);
        JsonElement first = await RecordTravellerAsync($"Anis {family}", "1990-02-03", document);
        JsonElement second = await RecordTravellerAsync($"Anis {family}", "1990-02-03", document);
        string travellerId = first.GetProperty("traveller").GetProperty("id").GetString()!;
        Assert.Equal(travellerId, second.GetProperty("traveller").GetProperty("id").GetString());
        string officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
        using HttpClient client = await SignedInAsync(officer);
        using HttpClient partner = await SignedInAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        using HttpClient analyst = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        int readsBefore = await AuditCountAsync(AuditActions.TravellerRead, officer);

        string passagePage = await client.GetStringAsync($"/Passages/{first.GetProperty("id").GetString()}");
        string history = await client.GetStringAsync($"/Travellers/{travellerId}");
        using HttpResponseMessage partnerView = await partner.GetAsync($"/Travellers/{travellerId}");
        using HttpResponseMessage analystView = await analyst.GetAsync($"/Travellers/{travellerId}");

        Assert.Contains($"href=\"/Travellers/{travellerId}\" data-testid=\"traveller-history\"", passagePage, StringComparison.Ordinal);
        Assert.Contains(RasJedirInArabic, WebUtility.HtmlDecode(passagePage), StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Crossing, passagePage, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(history, "data-testid=\"traveller-passage\""));
        Assert.Contains(RasJedirInArabic, WebUtility.HtmlDecode(history), StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Crossing, history, StringComparison.Ordinal);
        Assert.True(await AuditCountAsync(AuditActions.TravellerRead, officer) >= readsBefore + 2);
        Assert.Equal(HttpStatusCode.NotFound, partnerView.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, analystView.StatusCode);
    }

    private static List<string> OpenedTravellers(string html) =>
        [.. Regex.Matches(html, "href=\"/Travellers/([0-9a-f-]{36})\" data-testid=\"open-traveller\"").Select(m => m.Groups[1].Value)];
}
