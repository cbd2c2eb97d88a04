using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Maabar.Tests;

namespace Maabar.Server.Tests;

/// <summary>The similar-names workflow through the HTTP API: entries, hits, decisions, clearances, the report, imports.</summary>
public abstract class AdjudicationApiTests(ServerFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
    private static readonly string TunSupervisor = TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor);

    private MaabarFactory Factory => fixture.Factory;

    private static object Passage(string latin, string birthDate, string document) => new
    {
        crossingId = TestData.Crossing,
        lane = "CAR-IN-1",
        direction = "entry",
        identity = new { fullNameLatin = latin, birthDate, sex = "M", nationality = "LBY", documentType = "P", documentNumber = document, documentIssuingState = "LBY" },
    };

    private static object Entry(string family, string reference, string[] birthDates, string[]? shareWith = null, string? father = null) => new
    {
        kind = "person",
        category = "refuseEntry",
        reference,
        fullNameLatin = $"Miloud {family}",
        fullNameArabic = (string?)null,
        sex = "M",
        fatherName = father,
        aliases = new[] { $"Miloud ben Salem {family}" },
        birthDates,
        documents = Array.Empty<object>(),
        legalBasis = "Court order 12/2024",
        shareWith = shareWith ?? [],
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task TheWholeStory_StoppedOnce_Cleared_CrossesAgain_AlertedAfterCorrection()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TunSupervisor);
        using HttpClient officer = await Factory.CreateApiClientAsync(TunOfficer);
        using HttpClient anonymous = Factory.CreateClient();
        string family = "Zawi" + TestData.UniqueLetters();
        string reference = "TN-" + Guid.NewGuid().ToString("N")[..10];
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);

        JsonElement entry = await JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(family, reference, ["1985"], [AgencyCode.Libya])), HttpStatusCode.Created);
        string entryId = entry.GetProperty("id").GetString()!;
        Assert.Equal(1, entry.GetProperty("version").GetInt32());

        JsonElement first = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", "1985-03-04", document)), HttpStatusCode.Created);
        Assert.Equal("referred", first.GetProperty("decision").GetString());
        JsonElement hit = Assert.Single(first.GetProperty("hits").EnumerateArray());
        Assert.Equal(entryId, hit.GetProperty("entryId").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0.7);
        Assert.Equal(JsonValueKind.Object, hit.GetProperty("explanation").ValueKind);
        string hitId = hit.GetProperty("id").GetString()!;

        JsonElement queue = await JsonAsync(await officer.GetAsync("/api/v1/hits?status=open"), HttpStatusCode.OK);
        Assert.Contains(queue.EnumerateArray(), h => h.GetProperty("id").GetString() == hitId);

        JsonElement decided = await JsonAsync(await officer.PostAsJsonAsync($"/api/v1/hits/{hitId}/decision", new { outcome = "negative", reason = "Passport and birth date checked" }), HttpStatusCode.OK);
        string number = decided.GetProperty("clearanceNumber").GetString()!;
        Assert.Equal("closed", decided.GetProperty("status").GetString());

        JsonElement again = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", "1985-03-04", document)), HttpStatusCode.Created);
        Assert.Equal("cleared", again.GetProperty("decision").GetString());
        Assert.Equal(0, again.GetProperty("hits").GetArrayLength());
        Assert.Equal(number, again.GetProperty("clearanceNumber").GetString());

        // The traveller checks the number; a wrong date of birth answers like an unknown number.
        JsonElement valid = await JsonAsync(await anonymous.GetAsync($"/api/v1/clearances/{number}?birthDate=1985-03-04"), HttpStatusCode.OK);
        JsonElement wrong = await JsonAsync(await anonymous.GetAsync($"/api/v1/clearances/{number}?birthDate=1985-04-03"), HttpStatusCode.OK);
        Assert.Equal("valid", valid.GetProperty("status").GetString());
        Assert.Equal(["number", "status"], valid.EnumerateObject().Select(p => p.Name));
        Assert.Equal("unknown", wrong.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/clearances/{number}")).StatusCode);
        JsonElement record = await JsonAsync(await officer.GetAsync($"/api/v1/clearances/{number}"), HttpStatusCode.OK);
        Assert.Equal(document, record.GetProperty("documentNumber").GetString());
        Assert.True(record.GetProperty("coversCurrentEntryVersion").GetBoolean());

        // The owner corrects the date of birth: material, the next crossing alerts again.
        JsonElement corrected = await JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/watchlist/entries/{entryId}", Entry(family, reference, ["1985-03"], [AgencyCode.Libya])), HttpStatusCode.OK);
        Assert.Equal(2, corrected.GetProperty("version").GetInt32());
        JsonElement afterCorrection = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", "1985-03-04", document)), HttpStatusCode.Created);
        Assert.Equal("referred", afterCorrection.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, afterCorrection.GetProperty("clearanceNumber").ValueKind);

        // Four eyes: the supervisor decides positive and cannot confirm it.
        string secondHit = Assert.Single(afterCorrection.GetProperty("hits").EnumerateArray()).GetProperty("id").GetString()!;
        await JsonAsync(await supervisor.PostAsJsonAsync($"/api/v1/hits/{secondHit}/decision", new { outcome = "positive", reason = "Matches the court file photo" }), HttpStatusCode.OK);
        Problem selfConfirm = await Problem.ReadAsync(await supervisor.PostAsJsonAsync($"/api/v1/hits/{secondHit}/confirmation", new { confirmed = true }));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.FourEyes), (selfConfirm.Status, selfConfirm.Code));

        // History: created, then the correction with its fields.
        JsonElement history = await JsonAsync(await supervisor.GetAsync($"/api/v1/watchlist/entries/{entryId}/history"), HttpStatusCode.OK);
        Assert.Equal(["created", "updated"], history.EnumerateArray().Select(h => h.GetProperty("change").GetString()));
        Assert.Equal(["birthDates"], history[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        // Nothing personal reached the log.
        Assert.DoesNotContain(Factory.LogMessages, m => m.Contains(family, StringComparison.OrdinalIgnoreCase) || m.Contains(document, StringComparison.Ordinal) || m.Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_BareSharedName_OtherAgency_AndRoles()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TunSupervisor);
        using HttpClient officer = await Factory.CreateApiClientAsync(TunOfficer);
        using HttpClient libyan = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Supervisor));
        string family = "Tarhouni" + TestData.UniqueLetters();

        Problem bare = await Problem.ReadAsync(await supervisor.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(family, "TN-B" + TestData.UniqueLetters(), [], [AgencyCode.Libya])));
        Problem byOfficer = await Problem.ReadAsync(await officer.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(family, "TN-O" + TestData.UniqueLetters(), ["1985"])));
        Problem badDate = await Problem.ReadAsync(await supervisor.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(family, "TN-D" + TestData.UniqueLetters(), ["1985", "85-13-40"])));
        JsonElement national = await JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(family, "TN-N" + TestData.UniqueLetters(), [])), HttpStatusCode.Created);
        string id = national.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, bare.Status);
        Assert.Contains(("shareWith", ErrorCodes.EntryMinimumIdentifiers), bare.Errors);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.Status);
        Assert.Contains(bare.Errors, e => e.Field == "shareWith");
        Assert.Contains(badDate.Errors, e => e.Field == "birthDates[1]");
        Assert.Equal(HttpStatusCode.NotFound, (await libyan.GetAsync($"/api/v1/watchlist/entries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await libyan.PutAsJsonAsync($"/api/v1/watchlist/entries/{id}", Entry(family, "X", ["1985"]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/watchlist/entries/{id}")).StatusCode);
    }

    [Fact]
    public async Task Report_IsForAnalysts_AsJsonOrCsv()
    {
        using HttpClient analyst = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        using HttpClient officer = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage csv = await analyst.GetAsync("/api/v1/reports/namesake-burden?format=csv");
        JsonElement json = await JsonAsync(await analyst.GetAsync("/api/v1/reports/namesake-burden"), HttpStatusCode.OK);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("entryId,ownerAgency,reference,category,hits,negatives", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/reports/namesake-burden")).StatusCode);
    }

    [Fact]
    public async Task Import_UnSample_IsIdempotent_AndAMalformedFileChangesNothing()
    {
        // The UN list is imported by the Libyan supervisor here, so that other tests' Tunisian entries stay untouched.
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Supervisor));
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        byte[] xml = await File.ReadAllBytesAsync(RepositoryPaths.SharedData("watchlists/un-consolidated-sample.xml"));

        JsonElement first = await JsonAsync(await supervisor.PostAsync("/api/v1/watchlist/imports?format=un-xml", new ByteArrayContent(xml)), HttpStatusCode.OK);
        JsonElement second = await JsonAsync(await supervisor.PostAsync("/api/v1/watchlist/imports?format=un-xml", new ByteArrayContent(xml)), HttpStatusCode.OK);
        Problem malformed = await Problem.ReadAsync(await supervisor.PostAsync("/api/v1/watchlist/imports?format=un-xml", new ByteArrayContent(xml[..(xml.Length / 2)])));
        Problem byOfficer = await Problem.ReadAsync(await officer.PostAsync("/api/v1/watchlist/imports?format=un-xml", new ByteArrayContent(xml)));
        JsonElement csv = await JsonAsync(await supervisor.PostAsync("/api/v1/watchlist/imports?format=csv&category=arrest",
            new StringContent("id,name,dob\nLY-CSV-1,Miloud Qadhadhfi,1970\n", Encoding.UTF8, "text/csv")), HttpStatusCode.OK);

        Assert.Equal(17, first.GetProperty("added").GetInt32() + first.GetProperty("updated").GetInt32() + first.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(0, second.GetProperty("withdrawn").GetInt32());
        Assert.Equal(17, second.GetProperty("unchanged").GetInt32());
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ImportMalformed), (malformed.Status, malformed.Code));
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.Status);
        Assert.Equal(1, csv.GetProperty("added").GetInt32() + csv.GetProperty("unchanged").GetInt32());
    }
}

public sealed class SqliteAdjudicationApiTests(SqliteServerFixture fixture) : AdjudicationApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAdjudicationApiTests(PostgresServerFixture fixture) : AdjudicationApiTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>The public check's rate limit, on a server of its own with a small limit.</summary>
public sealed class ClearanceRateLimitTests
{
    [Fact]
    public async Task PublicCheck_BeyondTheLimit_Is429()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database, new Dictionary<string, string?> { ["PublicCheck:PermitsPerWindow"] = "3", ["PublicCheck:Window"] = "00:10:00" });
        using HttpClient anonymous = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage response = await anonymous.GetAsync("/api/v1/clearances/TUN-0000-0000-0?birthDate=1985-03-04");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
