using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Server.Tests;

/// <summary>
/// The stats API and its CSV count the node's days (<c>Node:TimeZone</c>, Tunis here), as the pages show
/// them: a server whose clock stands at 23:30 in Tunis on the last day of November.
/// </summary>
public abstract class DashboardDayApiTests(StorageProvider provider)
{
    private static object Passage() => new
    {
        crossingId = TestData.TunisianOnlyCrossing,
        lane = "CAR-IN-1",
        direction = "entry",
        identity = new { fullNameLatin = TestData.UniqueLatinName(), birthDate = "1980-01-01", sex = "M", nationality = "TUN" },
    };

    [Fact]
    public async Task Stats_PassagesAroundLocalMidnightAtMonthEnd_AreCountedOnTheirTunisDay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.Zero)); // 23:30 in Tunis
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var node = new MaabarFactory(database) { Clock = clock };
        node.StartServer();
        await TestData.SeedAsync(node.Services);
        string label = $"{TestData.TunisianOnlyCrossing} Entry";

        using (HttpClient officer = await node.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer)))
        {
            using HttpResponseMessage late = await officer.PostAsJsonAsync("/api/v1/passages", Passage());
            Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(1)); // 00:30 in Tunis on 1 December, still 30 November in UTC
        using HttpClient officerAfterMidnight = await node.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpResponseMessage early = await officerAfterMidnight.PostAsJsonAsync("/api/v1/passages", Passage());
        Assert.Equal(HttpStatusCode.Created, early.StatusCode);
        using HttpClient analyst = await node.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        JsonElement perDay = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/stats/passages-per-day?days=2");
        JsonElement perCrossing = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/stats/passages-per-day-crossing-direction?days=2");
        string csv = (await analyst.GetStringAsync("/api/v1/stats/passages-per-day-crossing-direction?days=2&format=csv")).TrimStart('\uFEFF');

        Assert.Equal([("11-30", 1d), ("12-01", 1d)], perDay.EnumerateArray().Select(b => (b.GetProperty("label").GetString(), b.GetProperty("value").GetDouble())));
        Assert.Equal([($"2026-11-30 {label}", 1d), ($"2026-12-01 {label}", 1d)],
            perCrossing.EnumerateArray().Select(b => (b.GetProperty("label").GetString(), b.GetProperty("value").GetDouble())));
        Assert.Equal($"label,value\r\n2026-11-30 {label},1\r\n2026-12-01 {label},1\r\n", csv);
    }
}

public sealed class SqliteDashboardDayApiTests() : DashboardDayApiTests(StorageProvider.Sqlite);

public sealed class PostgresDashboardDayApiTests() : DashboardDayApiTests(StorageProvider.Postgres);
