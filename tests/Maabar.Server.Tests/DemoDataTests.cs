using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Maabar.Tests;

namespace Maabar.Server.Tests;

/// <summary>
/// The README's first command seeds a demo data set (Development only): it must start, and the picture it
/// gives must have something on every page that matters: queues, the board, sectors, incidents, the committee.
/// </summary>
public sealed class DemoDataTests
{
    [Fact]
    public async Task Demo_SeedsAPictureWorthLookingAt()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Password"] = TestData.Password,
            ["Demo:Travellers"] = "40",
            ["Demo:CrossingsFile"] = RepositoryPaths.SharedData("geo/crossings.json"),
        }) { Environment = "Development" };
        using HttpClient committee = await factory.CreateApiClientAsync("tun.committee");
        using HttpClient anonymous = factory.CreateClient();

        JsonElement overdue = await committee.GetFromJsonAsync<JsonElement>("/api/v1/committee/actions?overdue=true");
        JsonElement meetings = await committee.GetFromJsonAsync<JsonElement>("/api/v1/committee/meetings");
        JsonElement notices = await committee.GetFromJsonAsync<JsonElement>("/api/v1/committee/notices");
        JsonElement sectors = await committee.GetFromJsonAsync<JsonElement>("/api/v1/sectors");
        JsonElement board = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/status");
        JsonElement dashboard = await committee.GetFromJsonAsync<JsonElement>("/api/v1/stats/dashboard?days=30");
        using HttpResponseMessage status = await anonymous.GetAsync("/Status");

        Assert.Equal(1, overdue.GetArrayLength());
        // Decisions come in the order taken: the restriction first, then the list review.
        Assert.Equal(["crossingStatus", "listReview"], meetings[0].GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("kind").GetString()!));
        JsonElement decision = meetings[0].GetProperty("decisions")[0];
        Assert.NotEqual(JsonValueKind.Null, decision.GetProperty("crossingStatusChangeId").ValueKind);
        Assert.Equal("high", Assert.Single(notices.EnumerateArray()).GetProperty("impact").GetString());
        Assert.Equal("high", sectors.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "TN-LY-S4").GetProperty("impact").GetString());
        JsonElement dehiba = board.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "TN-LY-DEHIBA-WAZIN");
        Assert.Equal("restricted", dehiba.GetProperty("sides").EnumerateArray().Single(s => s.GetProperty("agency").GetString() == AgencyCode.Libya).GetProperty("status").GetString());
        Assert.True(dashboard.GetProperty("passagesPerDay").EnumerateArray().Sum(b => b.GetProperty("value").GetDouble()) > 0);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
