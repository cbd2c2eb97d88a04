using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Core;
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
/// Issue 22 point 7 between two real nodes (TUN and LBY, each with its database and Kestrel port): format 1 during and
/// after its transition, two keys for a partner during a rotation, sequence gaps on the liaison desk, the client
/// certificate pin. Every refusal shows that nothing was recorded.
/// </summary>
public abstract partial class EnvelopeExchangeTests(StorageProvider provider) : IAsyncLifetime
{
    private readonly ECDsa tunKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa lbyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa lbyNextKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly int tunPort = MaabarFactory.FreePort();
    private readonly int lbyPort = MaabarFactory.FreePort();
    private TestDatabase tunDb = null!;
    private TestDatabase lbyDb = null!;
    private MaabarFactory tun = null!;
    private MaabarFactory lby = null!;

    public async Task InitializeAsync()
    {
        tunDb = await TestDatabase.CreateAsync(provider);
        lbyDb = await TestDatabase.CreateAsync(provider);
        tun = await StartAsync(AgencyCode.Tunisia);
        lby = await StartAsync(AgencyCode.Libya);
    }

    public async Task DisposeAsync()
    {
        await tun.DisposeAsync();
        await lby.DisposeAsync();
        await tunDb.DisposeAsync();
        await lbyDb.DisposeAsync();
        tunKey.Dispose();
        lbyKey.Dispose();
        lbyNextKey.Dispose();
    }

    private async Task<MaabarFactory> StartAsync(string agency, IReadOnlyDictionary<string, string?>? extra = null)
    {
        bool isTun = agency == AgencyCode.Tunisia;
        Dictionary<string, string?> settings = NodeSettings.Federated(
            agency, isTun ? tunKey : lbyKey, isTun ? AgencyCode.Libya : AgencyCode.Tunisia, isTun ? lbyKey : tunKey, isTun ? lbyPort : tunPort);
        foreach (KeyValuePair<string, string?> pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var factory = new MaabarFactory(isTun ? tunDb : lbyDb, settings, isTun ? tunPort : lbyPort);
        factory.StartServer();
        await TestData.SeedAsync(factory.Services);
        return factory;
    }

    private async Task RestartTunAsync(IReadOnlyDictionary<string, string?> extra)
    {
        await tun.DisposeAsync();
        tun = await StartAsync(AgencyCode.Tunisia, extra);
    }

    private DateTime TunNow => tun.Service<TimeProvider>().GetUtcNow().UtcDateTime;

    private Task<T> QueryTun<T>(Func<MaabarDbContext, Task<T>> query) => tun.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    /// <summary>A crossing-status notice from LBY (applied at once, no reply expected), not yet signed.</summary>
    private Envelope FromLby(long sequence, long? previous = null, int format = 2)
    {
        DateTime now = TunNow;
        string payload = $$"""{"crossingId":"{{TestData.Crossing}}","agency":"LBY","laneCode":null,"status":"open","reason":"test","sinceUtc":"{{Envelope.Instant(now)}}","expectedReopeningUtc":null,"allowedCategories":[]}""";
        return new Envelope(Guid.CreateVersion7(), MessageTypes.CrossingStatus, 1, "LBY", ["TUN"], Envelope.Instant(now), null, null, sequence,
            Envelope.Instant(now), payload, string.Empty) { Format = format, Previous = previous };
    }

    private async Task<(HttpStatusCode Status, string? Code)> PostAsync(Envelope envelope)
    {
        using HttpClient client = tun.CreateClient();
        using var content = new ByteArrayContent(envelope.ToJson());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await client.PostAsync(InboxEndpoint.Path, content);
        JsonElement json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json.TryGetProperty("code", out JsonElement c) ? c.GetString() : json.GetProperty("status").GetString());
    }

    private Task<bool> RecordedAsync(Envelope envelope) => QueryTun(db => db.InboxMessages.AnyAsync(m => m.MessageId == envelope.Id));

    private Task<int> RejectionRowsAsync(string code) =>
        QueryTun(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.FederationRejected && a.Details!.StartsWith(code)));

    [Fact]
    public async Task Inbox_Format1WithoutATransition_IsRefusedWith400_CountedAndNothingRecorded()
    {
        Envelope v1 = FromLby(7, format: 1).SignWith(lbyKey);

        (HttpStatusCode status, string? code) = await PostAsync(v1);

        Assert.Equal((HttpStatusCode.BadRequest, FederationCodes.FormatRetired), (status, code));
        Assert.False(await RecordedAsync(v1));
        Assert.Equal(1, await RejectionRowsAsync(FederationCodes.FormatRetired));
        IReadOnlyList<RefusedMessageCount> desk = await tun.InScopeAsync(sp => sp.GetRequiredService<RefusedMessages>().LastPeriodAsync(
            Actor.System(AgencyCode.Tunisia) with { Roles = new HashSet<string>(StringComparer.Ordinal) { Roles.LiaisonOfficer } }, [], CancellationToken.None));
        Assert.Contains(desk, r => r.Code == FederationCodes.FormatRetired && r.Count == 1);
    }

    [Fact]
    public async Task Inbox_Format1_AcceptedUntilTheConfiguredEnd_ThenRefused()
    {
        string Instant(DateTime utc) => new DateTimeOffset(utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await RestartTunAsync(new Dictionary<string, string?> { ["Federation:AcceptV1Until"] = Instant(TunNow.AddDays(1)) });
        Envelope during = FromLby(10, format: 1).SignWith(lbyKey);
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(during));

        await RestartTunAsync(new Dictionary<string, string?> { ["Federation:AcceptV1Until"] = Instant(TunNow.AddMinutes(-1)) });
        Envelope after = FromLby(11, format: 1).SignWith(lbyKey);
        Envelope v2 = FromLby(12, previous: 11).SignWith(lbyKey);

        Assert.Equal((HttpStatusCode.BadRequest, FederationCodes.FormatRetired), await PostAsync(after));
        Assert.True(await RecordedAsync(during));
        Assert.False(await RecordedAsync(after));
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(v2));
    }

    [Fact]
    public async Task Inbox_PartnerKeyRotation_EitherKeyByItsId_AnyOtherRefused_NothingRecorded()
    {
        await RestartTunAsync(new Dictionary<string, string?> { ["Federation:Partners:0:RotationPublicKey"] = lbyNextKey.ExportSubjectPublicKeyInfoPem() });
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Envelope byOld = FromLby(20).SignWith(lbyKey);
        Envelope byNew = FromLby(21, previous: 20).SignWith(lbyNextKey);
        Envelope byStranger = FromLby(22, previous: 21).SignWith(stranger);
        Envelope newKeyNamingTheOld = FromLby(23, previous: 21).SignWith(lbyNextKey) with { KeyId = KeyIds.Of(lbyKey) };

        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(byOld));
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(byNew));
        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.KeyUnknown), await PostAsync(byStranger));
        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.SignatureInvalid), await PostAsync(newKeyNamingTheOld));
        Assert.False(await RecordedAsync(byStranger));
        Assert.False(await RecordedAsync(newKeyNamingTheOld));
        Assert.Equal(1, await RejectionRowsAsync(FederationCodes.KeyUnknown));
    }

    [Fact]
    public async Task Inbox_PartnerKeyRotationOver_TheOldKeyIsRefused()
    {
        // The partner finished its rotation: only its new key is configured.
        await RestartTunAsync(new Dictionary<string, string?> { ["Federation:Partners:0:PublicKey"] = lbyNextKey.ExportSubjectPublicKeyInfoPem() });
        Envelope byOld = FromLby(30).SignWith(lbyKey);

        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.KeyUnknown), await PostAsync(byOld));
        Assert.False(await RecordedAsync(byOld));
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(FromLby(31).SignWith(lbyNextKey)));
    }

    [Fact]
    public async Task Inbox_PinnedPartnerWithoutItsClientCertificate_IsRefusedWith403_NothingRecorded()
    {
        await RestartTunAsync(new Dictionary<string, string?> { ["Federation:Partners:0:ClientCertificateSha256:0"] = new string('a', 64) });
        Envelope good = FromLby(40).SignWith(lbyKey);

        Assert.Equal((HttpStatusCode.Forbidden, FederationCodes.ClientCertificate), await PostAsync(good));
        Assert.False(await RecordedAsync(good));
        Assert.Equal(1, await RejectionRowsAsync(FederationCodes.ClientCertificate));
    }

    [Fact]
    public async Task LiaisonDesk_SequenceGap_ShownInEachLanguageUntilTheMissingMessageArrives()
    {
        using HttpClient liaisonApi = await tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(FromLby(100).SignWith(lbyKey)));
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(FromLby(103, previous: 102).SignWith(lbyKey)));

        JsonElement gaps = await liaisonApi.GetFromJsonAsync<JsonElement>("/api/v1/federation/gaps");
        JsonElement gap = Assert.Single(gaps.EnumerateArray());
        Assert.Equal("LBY", gap.GetProperty("sender").GetString());
        Assert.Equal(102, gap.GetProperty("missingSequence").GetInt64());
        Assert.Equal(103, gap.GetProperty("followingSequence").GetInt64());

        using HttpClient page = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        foreach ((string lang, string heading) in new[]
        {
            ("en", "Missing messages"),
            ("fr", "Messages manquants"),
            ("ar", "\u0631\u0633\u0627\u0626\u0644 \u0645\u0641\u0642\u0648\u062f\u0629"), // Arabic: "missing messages"
        })
        {
            (await page.GetAsync($"/culture?lang={lang}&returnUrl=%2F")).Dispose();
            string html = WebUtility.HtmlDecode(await page.GetStringAsync("/Liaison"));
            Assert.Contains(heading, html, StringComparison.Ordinal);
            Assert.Single(GapRow().Matches(html));
            Assert.Equal("102", GapRow().Match(html).Groups[1].Value);
        }

        // 102 arrives, naming 101 before it: that gap is 101 now; 101 arrives and none is left.
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(FromLby(102, previous: 101).SignWith(lbyKey)));
        JsonElement after102 = await liaisonApi.GetFromJsonAsync<JsonElement>("/api/v1/federation/gaps");
        Assert.Equal(101, Assert.Single(after102.EnumerateArray()).GetProperty("missingSequence").GetInt64());
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(FromLby(101, previous: 100).SignWith(lbyKey)));
        Assert.Empty((await liaisonApi.GetFromJsonAsync<JsonElement>("/api/v1/federation/gaps")).EnumerateArray());
    }

    [Fact]
    public async Task Dispatcher_SendsFormat2WithEachMessagesPrevious_AndThePartnerSeesNoGap()
    {
        using HttpClient tunSupervisor = await tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage created = await tunSupervisor.PostAsJsonAsync("/api/v1/watchlist/entries", new
            {
                category = "refuseEntry", reference = $"TN-ENV-{i}-" + TestData.UniqueLetters(), fullNameLatin = "Miloud Envelope" + TestData.UniqueLetters(), sex = "M", birthDates = new[] { "1985" }, shareWith = new[] { "LBY" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        List<(long Sequence, long? Previous)> received = [];
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (received.Count < 3 && elapsed.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
            received = await lby.InScopeAsync(async sp => (await sp.GetRequiredService<MaabarDbContext>().InboxMessages.Where(m => m.Sender == "TUN")
                .Select(m => new { m.Sequence, m.PreviousSequence }).ToListAsync()).Select(m => (Sequence: m.Sequence, Previous: m.PreviousSequence)).OrderBy(m => m.Sequence).ToList());
        }

        Assert.Equal(3, received.Count);
        Assert.Null(received[0].Previous);
        Assert.Equal(received[0].Sequence, received[1].Previous);
        Assert.Equal(received[1].Sequence, received[2].Previous);
        using HttpClient lbyLiaison = await lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.LiaisonOfficer));
        Assert.Empty((await lbyLiaison.GetFromJsonAsync<JsonElement>("/api/v1/federation/gaps")).EnumerateArray());
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = tun.BaseAddress };
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

    [GeneratedRegex("data-testid=\"gap-row\">(?:(?!</tr>).)*data-testid=\"gap-missing\"><bdi dir=\"ltr\">(\\d+)<", RegexOptions.Singleline)]
    private static partial Regex GapRow();
}

public sealed class SqliteEnvelopeExchangeTests() : EnvelopeExchangeTests(StorageProvider.Sqlite);

public sealed class PostgresEnvelopeExchangeTests() : EnvelopeExchangeTests(StorageProvider.Postgres);
