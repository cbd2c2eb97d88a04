using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>The crossing-status contract over HTTP: PUT and GET a crossing's status, the public board, categories enforced at the lane.</summary>
public abstract class CrossingApiTests(ServerFixture fixture)
{
    private MaabarFactory Factory => fixture.Factory;

    private static object Passage(string name, string? category) => new
    {
        crossingId = TestData.Crossing,
        lane = "CAR-IN-1",
        direction = "entry",
        category,
        identity = new { fullNameLatin = name, birthDate = "1979-05-06" },
    };

    [Fact]
    public async Task HumanitarianOnly_IsOnThePublicBoard_AndAnOrdinaryTravellerIsRefusedWithWhatIsAdmitted()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpClient anonymous = Factory.CreateClient();
        var body = new { status = "humanitarian-only", reason = "Reopening for humanitarian cases", allowedCategories = new[] { "medical" } };

        using HttpResponseMessage byOfficer = await officer.PutAsJsonAsync($"/api/v1/crossings/{TestData.Crossing}/status", body);
        using HttpResponseMessage unknown = await supervisor.PutAsJsonAsync("/api/v1/crossings/NO-SUCH/status", body);
        using HttpResponseMessage set = await supervisor.PutAsJsonAsync($"/api/v1/crossings/{TestData.Crossing}/status", body);
        JsonElement board = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/status");
        JsonElement one = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/crossings/{TestData.Crossing}/status");
        string ordinaryName = TestData.UniqueLatinName();
        using HttpResponseMessage ordinary = await officer.PostAsJsonAsync("/api/v1/passages", Passage(ordinaryName, null));
        string ordinaryText = await ordinary.Content.ReadAsStringAsync();
        using HttpResponseMessage medical = await officer.PostAsJsonAsync("/api/v1/passages", Passage(TestData.UniqueLatinName(), "medical"));
        using HttpResponseMessage reopen = await supervisor.PutAsJsonAsync($"/api/v1/crossings/{TestData.Crossing}/status", new { status = "open" });
        using HttpResponseMessage after = await officer.PostAsJsonAsync("/api/v1/passages", Passage(TestData.UniqueLatinName(), null));

        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        JsonElement publicSide = board.EnumerateArray().Single(c => c.GetProperty("id").GetString() == TestData.Crossing)
            .GetProperty("sides").EnumerateArray().Single(s => s.GetProperty("agency").GetString() == "TUN");
        Assert.Equal("humanitarianOnly", publicSide.GetProperty("status").GetString());
        Assert.Equal("Reopening for humanitarian cases", publicSide.GetProperty("reason").GetString());
        Assert.Equal(TestData.Crossing, one.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, ordinary.StatusCode);
        JsonElement problem = JsonDocument.Parse(ordinaryText).RootElement;
        Assert.Equal(ErrorCodes.CategoryNotAdmitted, problem.GetProperty("code").GetString());
        Assert.Equal(["humanitarian", "medical"], problem.GetProperty("admitted").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0, await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Travellers.CountAsync(t => t.FullNameLatin == ordinaryName)));
        Assert.Equal(HttpStatusCode.Created, medical.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task Stats_GiveEveryChartsTable_AsJsonOrCsv_ToReadersOfReportsOnly()
    {
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpClient analyst = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        using HttpResponseMessage incident = await officer.PostAsJsonAsync("/api/v1/incidents", new { type = "congestion", impact = "low", sectorId = "TN-LY-S3", title = "Sand on the road" });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);

        using HttpResponseMessage byOfficer = await officer.GetAsync("/api/v1/stats/dashboard");
        using HttpResponseMessage unknown = await analyst.GetAsync("/api/v1/stats/no-such-table");
        JsonElement dashboard = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/stats/dashboard?days=7");
        JsonElement bySector = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/stats/incidents-by-sector?days=7");
        using HttpResponseMessage csv = await analyst.GetAsync("/api/v1/stats/incidents-by-sector?days=7&format=csv");
        string text = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(7, dashboard.GetProperty("passagesPerDay").GetArrayLength());
        Assert.Equal(1, bySector.EnumerateArray().Single(b => b.GetProperty("label").GetString() == "TN-LY-S3").GetProperty("value").GetDouble());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("label,value\r\nTN-LY-S1,0\r\nTN-LY-S2,0\r\nTN-LY-S3,1\r\n", text, StringComparison.Ordinal);
    }
}

public sealed class SqliteCrossingApiTests(SqliteServerFixture fixture) : CrossingApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresCrossingApiTests(PostgresServerFixture fixture) : CrossingApiTests(fixture), IClassFixture<PostgresServerFixture>;
