using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Documents.Mrz;
using Maabar.Domain;
using Maabar.Names;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

public abstract class PassageApiTests(ServerFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    private MaabarFactory Factory => fixture.Factory;

    private static object Body(string latinName, string? birthDate = "1980-05-17", string lane = "CAR-IN-1", string direction = "entry", string crossing = TestData.Crossing, string? arabic = null, string? documentNumber = null) => new
    {
        crossingId = crossing,
        lane,
        direction,
        identity = new
        {
            fullNameLatin = latinName,
            fullNameArabic = arabic,
            birthDate,
            sex = "M",
            nationality = "TUN",
            documentType = documentNumber is null ? null : "P",
            documentNumber,
            documentIssuingState = documentNumber is null ? null : "TUN",
        },
    };

    private Task<int> CountAsync(Func<MaabarDbContext, Task<int>> query) =>
        Factory.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    private Task<int> PassagesOfAsync(string latinName)
    {
        string key = NameNormalizer.CompactKey(latinName);
        return CountAsync(db => db.Passages.CountAsync(p => p.Traveller!.NameKeyLatin == key));
    }

    [Fact]
    public async Task Post_ClearTraveller_Returns201ClearedWithNoHitsAndAudits()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = TestData.UniqueLatinName();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name, documentNumber: "X" + Random.Shared.Next(1000000, 9999999)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cleared", body.GetProperty("decision").GetString());
        Assert.Equal(0, body.GetProperty("hits").GetArrayLength());
        string id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/passages/{id}", response.Headers.Location?.OriginalString);
        int audits = await CountAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id && (a.Action == AuditActions.PassageRecorded || a.Action == AuditActions.ScreeningPerformed)));
        Assert.Equal(2, audits);
    }

    [Fact]
    public async Task Post_NameAndBirthYearOfListedPerson_IsReferredWithTheCandidate()
    {
        string name = TestData.UniqueLatinName("Listed");
        WatchlistEntry entry = await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, name, "1975");
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name.ToUpperInvariant(), birthDate: "1975-03-02"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred", body.GetProperty("decision").GetString());
        JsonElement hit = Assert.Single(body.GetProperty("hits").EnumerateArray());
        Assert.Equal(entry.Id, hit.GetProperty("entryId").GetGuid());
        Assert.Equal("strong", hit.GetProperty("band").GetString());
        JsonElement why = hit.GetProperty("explanation");
        Assert.Equal(1.0, why.GetProperty("nameScore").GetDouble());
        Assert.All(why.GetProperty("words").EnumerateArray(), w => Assert.Equal(1.0, w.GetProperty("similarity").GetDouble()));
        Assert.Contains(why.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("attribute").GetString() == "birthDate" && a.GetProperty("effect").GetString() == "compatible");
    }

    /// <summary>
    /// A passport prints given and family names only; the list holds the whole chain. The father's name it
    /// leaves out is no evidence against identity: the traveller is referred, and the explanation says which
    /// word was left out (and so counted at half).
    /// </summary>
    [Fact]
    public async Task Post_PassportNameLeavingOutTheListedFathersName_IsReferredAndTheLeftOutWordExplained()
    {
        string family = TestData.UniqueLetters();
        WatchlistEntry entry = await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, $"Hamza Ben Salah {family}", "1975-03-02");
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string mrz = MrzWriter.Td3(new MrzFields("P", "TUN", family, "HAMZA", "Z7651234", "TUN", "750302", 'M', "290630"));

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred", body.GetProperty("decision").GetString());
        JsonElement hit = Assert.Single(body.GetProperty("hits").EnumerateArray());
        Assert.Equal(entry.Id, hit.GetProperty("entryId").GetGuid());
        JsonElement why = hit.GetProperty("explanation");
        Assert.Equal(["salah"], why.GetProperty("leftOut").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(why.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("attribute").GetString() == "birthDate" && a.GetProperty("effect").GetString() == "exact");
    }

    [Fact]
    public async Task Post_NamesakeWithConflictingBirthDate_IsCleared()
    {
        string name = TestData.UniqueLatinName("Namesake");
        await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, name, "1975-01-01");
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name, birthDate: "1991-07-09"));

        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cleared", body.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("", "cleared")]
    [InlineData(AgencyCode.Tunisia, "referred")]
    public async Task Post_EntryOfOtherAgency_IsSeenOnlyWhenSharedWithUs(string sharedWith, string decision)
    {
        string name = TestData.UniqueLatinName("Foreign");
        await TestData.AddEntryAsync(Factory.Services, AgencyCode.Libya, null, name, "1970", sharedWith);
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name, birthDate: "1970"));

        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(decision, body.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_ReturnsSameResultAndStoresOneRow()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = TestData.UniqueLatinName();
        string key = Guid.NewGuid().ToString();

        HttpResponseMessage first = await Send(client, Body(name), key);
        HttpResponseMessage second = await Send(client, Body(name), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        string firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        string secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(firstId, secondId);
        Assert.Equal(1, await PassagesOfAsync(name));
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyDifferentBody_Is422AndWritesNothing()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string key = Guid.NewGuid().ToString();
        string other = TestData.UniqueLatinName();
        await Send(client, Body(TestData.UniqueLatinName()), key);

        HttpResponseMessage response = await Send(client, Body(other), key);

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, problem.Code);
        Assert.Equal(0, await PassagesOfAsync(other));
    }

    public static TheoryData<string, string, string> InvalidIdentities => new()
    {
        // JSON identity, expected field, expected code
        { """{"fullNameLatin":"  ","fullNameArabic":""}""", "identity.fullNameArabic", ErrorCodes.NameRequired },
        { """{"fullNameLatin":"Ali Test","birthDate":"1990-02-31"}""", "identity.birthDate", ErrorCodes.DateNotExisting },
        { """{"fullNameLatin":"Ali Test","birthDate":"2999-01-01"}""", "identity.birthDate", ErrorCodes.BirthDateInFuture },
        { """{"fullNameLatin":"Ali Test","birthDate":"17/05/1980"}""", "identity.birthDate", ErrorCodes.DateFormat },
        { """{"fullNameLatin":"Ali Test","nationality":"TUNISIA"}""", "identity.nationality", ErrorCodes.CountryCodeInvalid },
        { """{"fullNameLatin":"Ali Test","sex":"male"}""", "identity.sex", ErrorCodes.SexInvalid },
        { """{"fullNameLatin":"Ali Test","documentNumber":"X123"}""", "identity.documentIssuingState", ErrorCodes.DocumentIncomplete },
        { """{"fullNameLatin":"Ali Test","documentNumber":"X1-23","documentIssuingState":"TUN"}""", "identity.documentNumber", ErrorCodes.InvalidCharacters },
        { """{"fullNameLatin":"Ali \u202ETest"}""", "identity.fullNameLatin", ErrorCodes.InvalidCharacters },
        { "{\"fullNameLatin\":\"" + new string('a', 201) + "\"}", "identity.fullNameLatin", ErrorCodes.TooLong },
    };

    [Theory]
    [MemberData(nameof(InvalidIdentities))]
    public async Task Post_InvalidIdentity_Is400WithFieldCodeAndWritesNothing(string identityJson, string field, string code)
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string json = $$"""{"crossingId":"{{TestData.Crossing}}","lane":"CAR-IN-1","direction":"entry","identity":{{identityJson}}}""";
        int before = await CountAsync(db => db.Travellers.CountAsync(t => t.NameKeyLatin == "alitest"));

        using HttpResponseMessage response = await client.PostAsync("/api/v1/passages", new StringContent(json, Encoding.UTF8, "application/json"));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("application/problem+json", problem.MediaType);
        Assert.Equal(ErrorCodes.ValidationFailed, problem.Code);
        Assert.Contains((field, code), problem.Errors);
        Assert.Equal(before, await CountAsync(db => db.Travellers.CountAsync(t => t.NameKeyLatin == "alitest")));
    }

    [Theory]
    [InlineData("NO-SUCH-CROSSING", "CAR-IN-1", "entry", HttpStatusCode.UnprocessableEntity, ErrorCodes.CrossingUnknown)]
    [InlineData(TestData.Crossing, "NO-SUCH-LANE", "entry", HttpStatusCode.UnprocessableEntity, ErrorCodes.LaneUnknown)]
    [InlineData(TestData.Crossing, "CLOSED-1", "entry", HttpStatusCode.Conflict, ErrorCodes.LaneClosed)]
    [InlineData(TestData.Crossing, "CAR-IN-1", "exit", HttpStatusCode.UnprocessableEntity, ErrorCodes.DirectionLaneMismatch)]
    [InlineData(TestData.Crossing, "CAR-IN-1", "sideways", HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    public async Task Post_BadCrossingLaneOrDirection_IsRefusedAndWritesNothing(string crossing, string lane, string direction, HttpStatusCode status, string code)
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = TestData.UniqueLatinName();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name, lane: lane, direction: direction, crossing: crossing));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Code);
        Assert.Equal(0, await PassagesOfAsync(name));
        string key = NameNormalizer.CompactKey(name);
        Assert.Equal(0, await CountAsync(db => db.Travellers.CountAsync(t => t.NameKeyLatin == key)));
    }

    [Fact]
    public async Task Post_OtherAgencyTokenAtCrossingWithoutItsLanes_Is422CrossingUnknownAndWritesNothing()
    {
        using HttpClient libyan = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        string name = TestData.UniqueLatinName();

        using HttpResponseMessage response = await libyan.PostAsJsonAsync("/api/v1/passages", Body(name, crossing: TestData.TunisianOnlyCrossing));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
        Assert.Equal(ErrorCodes.CrossingUnknown, problem.Code);
        Assert.Equal(0, await PassagesOfAsync(name));
    }

    [Fact]
    public async Task Post_NeitherIdentityNorMrz_Is400IdentityRequired()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry" });

        Problem problem = await Problem.ReadAsync(response);
        Assert.Contains(("identity", ErrorCodes.IdentityRequired), problem.Errors);
    }

    private static string Passport(string surname, string given, string number, string birth = "850315", string expiry = "300101") =>
        MrzWriter.Td3(new MrzFields("P", "TUN", surname, given, number, "TUN", birth, 'M', expiry));

    [Fact]
    public async Task Post_MrzOnly_FillsTheIdentityFromTheZone()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string number = "Z" + Random.Shared.Next(1_000_000, 9_999_999);
        string mrz = Passport("BEN SALAH", "MOHAMED LAMINE", number) + "  \r\n";

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement traveller = body.GetProperty("traveller");
        Assert.Equal(("MOHAMED LAMINE BEN SALAH", "1985-03-15", "male", "TUN", number), (
            traveller.GetProperty("fullNameLatin").GetString(), traveller.GetProperty("birthDate").GetString(), traveller.GetProperty("sex").GetString(),
            traveller.GetProperty("nationality").GetString(), traveller.GetProperty("documentNumber").GetString()));
        Assert.True(body.GetProperty("hasMrz").GetBoolean());
        Assert.Equal(0, body.GetProperty("mrzWarnings").GetArrayLength());
        Guid id = body.GetProperty("id").GetGuid();
        string? stored = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Passages.Where(p => p.Id == id).Select(p => p.RawMrz).SingleAsync());
        Assert.Equal(Passport("BEN SALAH", "MOHAMED LAMINE", number), stored);
    }

    [Fact]
    public async Task Post_TypedFieldsWinOverTheMrz()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = TestData.UniqueLatinName();
        var body = new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", identity = new { fullNameLatin = name, fullNameArabic = "\u0645\u062D\u0645\u062F" }, mrz = Passport("BEN SALAH", "MOHAMED", "Z7777777") };

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", body);

        JsonElement traveller = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traveller");
        Assert.Equal((name, "1985-03-15", "Z7777777"), (traveller.GetProperty("fullNameLatin").GetString(), traveller.GetProperty("birthDate").GetString(), traveller.GetProperty("documentNumber").GetString()));
    }

    [Fact]
    public async Task Post_InvalidMrz_Is400WithEveryPositionAndWritesNothing()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer, language: "fr");
        string number = "Z" + Random.Shared.Next(1_000_000, 9_999_999);
        string mrz = Passport("TRABELSI", "SAMI", number).Replace("8503150", "85O3150", StringComparison.Ordinal);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });

        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.MrzInvalid), (response.StatusCode, root.GetProperty("code").GetString()));
        JsonElement reading = root.GetProperty("mrz");
        Assert.Contains(reading.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == MrzCodes.NotNumeric && e.GetProperty("line").GetInt32() == 2 && e.GetProperty("position").GetInt32() == 16);
        Assert.Contains(reading.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("correctedValue").GetString() == "850315");
        Assert.StartsWith("Lettre", reading.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Passages.CountAsync(p => p.DocumentNumber == number)));
        Assert.Equal(0, await CountAsync(db => db.TravelDocuments.CountAsync(d => d.Number == number)));
    }

    [Fact]
    public async Task Post_TruncatedMrzName_IsScreenedAsAPrefixOfTheListedName()
    {
        // A letters-only family name unique to this test (MRZ names hold no digits).
        string family = TestData.UniqueLetters();
        await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, $"Ben Abdallah {family} El Hadj Amor Mohamed Fadhel", "1960");
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        // TD3 holds 39 name characters: the given names are cut to MOHAMED FA...
        string mrz = MrzWriter.Td3(new MrzFields("P", "TUN", $"BEN ABDALLAH {family} EL HADJ AMOR", "MOHAMED FADHEL", "Z7654321", "TUN", "600101", 'M', "290630"));

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });

        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred", body.GetProperty("decision").GetString());
        // The cut-off last word (how much is left depends on the family name's length) lines up with the word it begins.
        JsonElement last = body.GetProperty("hits")[0].GetProperty("explanation").GetProperty("words").EnumerateArray().Last();
        string cut = last.GetProperty("left").GetString()!, whole = last.GetProperty("right").GetString()!;
        Assert.True(cut.Length < whole.Length && whole.StartsWith(cut, StringComparison.Ordinal), $"{cut} / {whole}");
        Assert.Contains(body.GetProperty("mrzWarnings").EnumerateArray(), w => w.GetProperty("code").GetString() == MrzCodes.NameTruncated);
    }

    [Fact]
    public async Task Post_ExpiredPassport_IsRecordedWithAnExpiryWarning()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string mrz = Passport("GHARBI", "SONIA", "Z" + Random.Shared.Next(1_000_000, 9_999_999), expiry: "190101");

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement warning = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mrzWarnings").EnumerateArray());
        Assert.Equal(MrzCodes.Expired, warning.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_LibyanNationalNumberDisagreeingWithThePassport_IsRecordedWithAWarning()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string mrz = MrzWriter.Td3(new MrzFields("P", "LBY", "AL MABROUK", "FATIMA", "LY" + Random.Shared.Next(1_000_000, 9_999_999), "LBY", "920707", 'F', "310520"));
        var body = new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", identity = new { nationalNumber = "119920012345" }, mrz };

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement json = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement warning = Assert.Single(json.GetProperty("identityWarnings").EnumerateArray());
        Assert.Equal((ErrorCodes.NationalNumberMismatch, "identity.nationalNumber"), (warning.GetProperty("code").GetString(), warning.GetProperty("field").GetString()));
        Assert.Equal("119920012345", json.GetProperty("traveller").GetProperty("nationalNumber").GetString());
    }

    [Fact]
    public async Task Post_MalformedTunisianCin_Is400()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        var body = new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", identity = new { fullNameLatin = TestData.UniqueLatinName(), nationality = "TUN", nationalNumber = "1234" } };

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", body);

        Assert.Contains(("identity.nationalNumber", ErrorCodes.NationalNumberInvalid), (await Problem.ReadAsync(response)).Errors);
    }

    [Fact]
    public async Task ParseMrz_ReturnsTheReadingAndRecordsNothing()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string number = "Z" + Random.Shared.Next(1_000_000, 9_999_999);

        JsonElement view = await (await client.PostAsJsonAsync("/api/v1/mrz", new { mrz = Passport("KEFI", "ALI", number) })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("TD3", true, number), (view.GetProperty("format").GetString(), view.GetProperty("valid").GetBoolean(), view.GetProperty("documentNumber").GetString()));
        Assert.Equal(0, await CountAsync(db => db.TravelDocuments.CountAsync(d => d.Number == number)));
    }

    [Fact]
    public async Task ParseMrz_Analyst_Is403()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/mrz", new { mrz = "P<" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedJson_Is400BodyInvalid()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.PostAsync("/api/v1/passages", new StringContent("{\"crossingId\": ", Encoding.UTF8, "application/json"));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(ErrorCodes.BodyInvalid, problem.Code);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string json = "{\"crossingId\":\"x\",\"lane\":\"y\",\"direction\":\"entry\",\"identity\":{\"fullNameLatin\":\"" + new string('a', 40_000) + "\"}}";

        using HttpResponseMessage response = await client.PostAsync("/api/v1/passages", new StringContent(json, Encoding.UTF8, "application/json"));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.Equal("request.too_large", problem.Code);
    }

    [Fact]
    public async Task Post_WithoutToken_Is401AuthRequired()
    {
        using HttpClient client = Factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body("Ali Test"));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal(ErrorCodes.AuthRequired, problem.Code);
    }

    [Fact]
    public async Task Post_WithGarbageToken_Is401()
    {
        using HttpClient client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body("Ali Test"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.LiaisonOfficer)]
    [InlineData(Roles.CommitteeMember)]
    [InlineData(Roles.Administrator)]
    public async Task Post_RoleWithoutPassageRights_Is403Forbidden(string role)
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, role));
        string name = TestData.UniqueLatinName();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name));

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal(ErrorCodes.Forbidden, problem.Code);
        Assert.Equal(0, await PassagesOfAsync(name));
    }

    [Fact]
    public async Task Get_OwnPassage_ReturnsItAndAuditsTheTravellerRead()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/passages", Body(TestData.UniqueLatinName()));
        JsonElement createdBody = await created.Content.ReadFromJsonAsync<JsonElement>();
        string id = createdBody.GetProperty("id").GetString()!;
        string travellerId = createdBody.GetProperty("traveller").GetProperty("id").GetString()!;

        using HttpResponseMessage response = await client.GetAsync($"/api/v1/passages/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(1, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TravellerRead && a.EntityId == travellerId)));
    }

    [Fact]
    public async Task Get_PassageOfOtherAgency_Is404AndLeavesNoReadAudit()
    {
        using HttpClient tunisian = await Factory.CreateApiClientAsync(TunOfficer);
        using HttpClient libyan = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        using HttpResponseMessage created = await tunisian.PostAsJsonAsync("/api/v1/passages", Body(TestData.UniqueLatinName()));
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using HttpResponseMessage response = await libyan.GetAsync($"/api/v1/passages/{id}");

        Problem problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal(ErrorCodes.PassageNotFound, problem.Code);
        Assert.Equal(0, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PassageRead && a.EntityId == id)));
    }

    [Fact]
    public async Task Get_UnknownPassage_Is404()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);

        using HttpResponseMessage response = await client.GetAsync($"/api/v1/passages/{Guid.CreateVersion7()}");

        Assert.Equal(ErrorCodes.PassageNotFound, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task GetCrossings_ShowsOnlyOwnAgencyLanes()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Analyst));

        JsonElement crossings = await client.GetFromJsonAsync<JsonElement>("/api/v1/crossings");

        JsonElement rasJedir = crossings.EnumerateArray().Single(c => c.GetProperty("id").GetString() == TestData.Crossing);
        Assert.Equal(3, rasJedir.GetProperty("lanes").GetArrayLength());
    }

    [Fact]
    public async Task Post_RecordsNoPersonalDataInLogs()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = "Zqxv" + TestData.UniqueLetters().ToLowerInvariant();
        string document = "Q" + Random.Shared.Next(1000000, 9999999);

        string mrz = MrzWriter.Td3(new MrzFields("P", "TUN", name.ToUpperInvariant(), "LOGGABLE", document, "TUN", "660613", 'M', "300101"));

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/passages", Body(name + " Loggable", birthDate: "1966-06-13", documentNumber: document));
        await client.PostAsJsonAsync("/api/v1/passages", Body(name + " Loggable", birthDate: "1966-02-31", documentNumber: document));
        using HttpResponseMessage withMrz = await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz });
        await client.PostAsJsonAsync("/api/v1/passages", new { crossingId = TestData.Crossing, lane = "CAR-IN-1", direction = "entry", mrz = mrz.Replace("660613", "66O613", StringComparison.Ordinal) });
        await client.PostAsJsonAsync("/api/v1/mrz", new { mrz });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withMrz.StatusCode);
        string mrzLine = mrz.Split('\n')[1];
        Assert.DoesNotContain(Factory.LogMessages, m => m.Contains(name, StringComparison.OrdinalIgnoreCase) || m.Contains(document, StringComparison.Ordinal)
            || m.Contains("1966", StringComparison.Ordinal) || m.Contains("660613", StringComparison.Ordinal) || m.Contains(mrzLine[..20], StringComparison.Ordinal));
        Assert.Contains(Factory.LogMessages, m => m.Contains("recorded at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_TwentyConcurrentWithOneNewPassport_OneTravellerTwentyPassages()
    {
        using HttpClient client = await Factory.CreateApiClientAsync(TunOfficer);
        string name = TestData.UniqueLatinName();
        string document = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Send(client, Body(name, documentNumber: document), $"{document}-{i}"))));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var travellers = new HashSet<string>(StringComparer.Ordinal);
            foreach (HttpResponseMessage response in responses)
            {
                JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
                travellers.Add(body.GetProperty("traveller").GetProperty("id").GetString()!);
            }

            Assert.Single(travellers);
            Assert.Equal(1, await CountAsync(db => db.TravelDocuments.CountAsync(d => d.Number == document)));
            Assert.Equal(20, await CountAsync(db => db.Passages.CountAsync(p => p.DocumentNumber == document)));
            Assert.Equal(1, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TravellerCreated && a.EntityId == travellers.First())));
        }
        finally
        {
            foreach (HttpResponseMessage response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/passages") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}

public sealed class SqlitePassageApiTests(SqliteServerFixture fixture) : PassageApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresPassageApiTests(PostgresServerFixture fixture) : PassageApiTests(fixture), IClassFixture<PostgresServerFixture>;
