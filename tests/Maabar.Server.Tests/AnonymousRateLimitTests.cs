using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Federation;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 21 point 5: every anonymous door is rate-limited per client address — the public board, the public
/// clearance check (page and API together) and the federation inbox — and a request beyond the limit is
/// answered 429 with nothing read or written. Each test has a server of its own with a small limit.
/// </summary>
public sealed partial class AnonymousRateLimitTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task PublicBoard_PageAndApiBeyondTheLimit_Are429(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new MaabarFactory(database, new Dictionary<string, string?> { ["RateLimits:StatusPermitsPerWindow"] = "3", ["RateLimits:StatusWindow"] = "01:00:00" });
        using HttpClient anonymous = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (string url in (string[])["/api/v1/status", "/Status", "/api/v1/public/crossings", "/api/v1/status", "/Status", "/api/v1/public/crossings"])
        {
            using HttpResponseMessage response = await anonymous.GetAsync(url);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await factory.WaitUntilReadyAsync(); // /health is readiness: the screening index loads in the background at start
        using HttpResponseMessage health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task PublicCheck_PageAndApiShareTheLimit_AndA429WritesNoAuditRow(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new MaabarFactory(database, new Dictionary<string, string?> { ["PublicCheck:PermitsPerWindow"] = "2", ["PublicCheck:Window"] = "01:00:00" });
        using HttpClient anonymous = factory.CreateClient();
        Task<int> ChecksAsync() => factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.ClearanceChecked));

        using HttpResponseMessage api = await anonymous.GetAsync("/api/v1/clearances/TUN-0000-0000-0?birthDate=1985-03-04");
        using HttpResponseMessage page = await anonymous.GetAsync("/Check?number=TUN-0000-0000-0&birthDate=1985-03-04");
        int before = await ChecksAsync();
        using HttpResponseMessage apiBeyond = await anonymous.GetAsync("/api/v1/clearances/TUN-0000-0000-0?birthDate=1985-03-04");
        using HttpResponseMessage pageBeyond = await anonymous.GetAsync("/Check?number=TUN-0000-0000-0&birthDate=1985-03-04");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (api.StatusCode, page.StatusCode));
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (apiBeyond.StatusCode, pageBeyond.StatusCode));
        Assert.Equal(1, before); // the check within the limit was audited; the page's GET only shows the form
        Assert.Equal(before, await ChecksAsync());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task FederationInbox_BeyondTheSourceLimit_Is429AndStoresNothing(StorageProvider provider)
    {
        using var tunKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var lbyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        Dictionary<string, string?> settings = NodeSettings.Federated(AgencyCode.Tunisia, tunKey, AgencyCode.Libya, lbyKey, MaabarFactory.FreePort());
        settings["RateLimits:FederationInboxPermitsPerWindow"] = "2";
        settings["RateLimits:FederationInboxWindow"] = "01:00:00";
        await using var factory = new MaabarFactory(database, settings);
        factory.StartServer();
        await TestData.SeedAsync(factory.Services);
        using HttpClient partner = factory.CreateClient();

        using HttpResponseMessage first = await PostAsync(partner, Signed(factory, lbyKey));
        using HttpResponseMessage second = await PostAsync(partner, "{}"u8.ToArray());
        int auditBefore = await factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync());
        byte[] beyond = Signed(factory, lbyKey);
        using HttpResponseMessage third = await PostAsync(partner, beyond);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Guid beyondId = Guid.Parse(IdPattern().Match(System.Text.Encoding.UTF8.GetString(beyond)).Groups[1].Value);
        Assert.False(await factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().InboxMessages.AnyAsync(m => m.MessageId == beyondId)));
        Assert.Equal(auditBefore, await factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync()));
    }

    /// <summary>A crossing-status notice from LBY, signed with its key, as its node would send it.</summary>
    private static byte[] Signed(MaabarFactory node, ECDsa key)
    {
        DateTime now = node.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        string payload = $$"""{"crossingId":"{{TestData.Crossing}}","agency":"LBY","laneCode":null,"status":"open","reason":"test","sinceUtc":"{{Envelope.Instant(now)}}","expectedReopeningUtc":null,"allowedCategories":[]}""";
        return new Envelope(Guid.CreateVersion7(), MessageTypes.CrossingStatus, 1, "LBY", ["TUN"], Envelope.Instant(now), null, null, Random.Shared.NextInt64(1, Envelope.MaxSequence),
            Envelope.Instant(now), payload, string.Empty).SignWith(key).ToJson();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.PostAsync(InboxEndpoint.Path, content);
    }

    [GeneratedRegex("\"id\":\"([0-9a-f-]{36})\"")]
    private static partial Regex IdPattern();
}
