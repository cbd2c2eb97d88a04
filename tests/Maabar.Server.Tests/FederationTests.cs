using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Federation;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Maabar.Server.Tests;

/// <summary>
/// Two national nodes in one test process, each a real server (Kestrel on its own port) with its own
/// database and keys, wired as partners over HTTP: TUN and LBY.
/// </summary>
public abstract class FederationTests(StorageProvider provider, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ECDsa tunKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa lbyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly int tunPort = MaabarFactory.FreePort();
    private readonly int lbyPort = MaabarFactory.FreePort();
    private TestDatabase tunDb = null!;
    private TestDatabase lbyDb = null!;

    protected MaabarFactory Tun { get; private set; } = null!;

    protected MaabarFactory Lby { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        tunDb = await TestDatabase.CreateAsync(provider);
        lbyDb = await TestDatabase.CreateAsync(provider);
        Tun = await StartAsync(AgencyCode.Tunisia);
        Lby = await StartAsync(AgencyCode.Libya);
    }

    public async Task DisposeAsync()
    {
        await Tun.DisposeAsync();
        await Lby.DisposeAsync();
        await tunDb.DisposeAsync();
        await lbyDb.DisposeAsync();
        tunKey.Dispose();
        lbyKey.Dispose();
    }

    /// <summary>Starts (or restarts, on the same database and port) one node, with <paramref name="extra"/> settings if given.</summary>
    protected async Task<MaabarFactory> StartAsync(string agency, IReadOnlyDictionary<string, string?>? extra = null)
    {
        bool tun = agency == AgencyCode.Tunisia;
        Dictionary<string, string?> settings = NodeSettings.Federated(
            agency, tun ? tunKey : lbyKey, tun ? AgencyCode.Libya : AgencyCode.Tunisia, tun ? lbyKey : tunKey, tun ? lbyPort : tunPort);
        foreach (KeyValuePair<string, string?> pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var factory = new MaabarFactory(tun ? tunDb : lbyDb, settings, tun ? tunPort : lbyPort);
        factory.StartServer();
        await TestData.SeedAsync(factory.Services);
        return factory;
    }

    protected static Task<T> Query<T>(MaabarFactory node, Func<MaabarDbContext, Task<T>> query) =>
        node.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    /// <summary>Waits until <paramref name="condition"/> holds (the exchange is asynchronous), failing after <paramref name="seconds"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        // Elapsed time, not the calendar: a deadline that a midnight or a clock change cannot move.
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                Assert.Fail($"Not within {seconds} s: {what}");
            }

            await Task.Delay(50);
        }
    }

    private static object Passage(string latin, string document) => new
    {
        crossingId = TestData.Crossing,
        lane = "CAR-IN-1",
        direction = "entry",
        identity = new { fullNameLatin = latin, birthDate = "1985-03-04", sex = "M", nationality = "LBY", documentType = "P", documentNumber = document, documentIssuingState = "LBY" },
    };

    [Fact]
    public async Task SharedEntry_IsScreenedByThePartner_HitNotified_Replied_AndTheClearanceHonouredBack()
    {
        string family = "Ghadamsi" + TestData.UniqueLetters();
        using HttpClient tunSupervisor = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpClient tunLiaison = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        using HttpClient lbyOfficer = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        using HttpClient lbyLiaison = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.LiaisonOfficer));

        // TUN lists a person and shares the entry with LBY.
        using HttpResponseMessage created = await tunSupervisor.PostAsJsonAsync("/api/v1/watchlist/entries", new
        {
            category = "refuseEntry", reference = "TN-FED-" + TestData.UniqueLetters(), fullNameLatin = $"Miloud {family}", sex = "M", birthDates = new[] { "1985" }, shareWith = new[] { "LBY" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement createdEntry = await created.Content.ReadFromJsonAsync<JsonElement>();
        Guid entryId = createdEntry.GetProperty("id").GetGuid();
        await EventuallyAsync(() => Query(Lby, db => db.WatchlistEntries.AnyAsync(e => e.Id == entryId)), "the entry reaches LBY");

        // LBY's screening hits it at once; the owner is notified.
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        using HttpResponseMessage passage = await lbyOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        JsonElement recorded = await passage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred", recorded.GetProperty("decision").GetString());
        JsonElement hit = Assert.Single(recorded.GetProperty("hits").EnumerateArray());
        Assert.Equal(entryId, hit.GetProperty("entryId").GetGuid());
        await EventuallyAsync(() => Query(Tun, db => db.InboxMessages.AnyAsync(m => m.Type == MessageTypes.HitNotification && m.Sender == "LBY")), "the hit notification reaches TUN");

        // TUN's liaison desk sees it with its due time and replies.
        JsonElement desk = await tunLiaison.GetFromJsonAsync<JsonElement>("/api/v1/federation/messages?awaitingReply=true");
        JsonElement notification = Assert.Single(desk.EnumerateArray(), m => m.GetProperty("type").GetString() == MessageTypes.HitNotification);
        Assert.Equal(entryId, notification.GetProperty("payload").GetProperty("entryId").GetGuid());
        Assert.Equal(JsonValueKind.String, notification.GetProperty("replyDueUtc").ValueKind);
        Guid notificationId = notification.GetProperty("messageId").GetGuid();
        using HttpResponseMessage reply = await tunLiaison.PostAsJsonAsync($"/api/v1/federation/messages/{notificationId}/reply", new { outcome = "not-the-person", reason = "Our person was born 1985-11-20" });
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);
        await EventuallyAsync(() => Query(Lby, db => db.InboxMessages.AnyAsync(m => m.Type == MessageTypes.Reply && m.CorrelationId == notificationId)), "the reply reaches LBY");
        JsonElement lbyOutbox = await lbyLiaison.GetFromJsonAsync<JsonElement>("/api/v1/federation/outbox");
        Assert.Contains(lbyOutbox.EnumerateArray(), m => m.GetProperty("messageId").GetGuid() == notificationId && m.GetProperty("answered").GetBoolean() && m.GetProperty("status").GetString() == "delivered");

        // LBY clears the namesake; TUN receives the clearance as a proposal: it covers nothing until TUN's desk accepts it.
        using HttpResponseMessage decided = await lbyOfficer.PostAsJsonAsync($"/api/v1/hits/{hit.GetProperty("id").GetString()}/decision", new { outcome = "negative", reason = "Owner says not the person; documents checked" });
        string number = (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clearanceNumber").GetString()!;
        await EventuallyAsync(() => Query(Tun, db => db.Clearances.AnyAsync(c => c.Number == number)), "the clearance reaches TUN");
        using HttpClient tunOfficer = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpResponseMessage proposed = await tunOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        Assert.Equal("referred", (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString());
        using HttpResponseMessage accepted = await tunLiaison.PostAsJsonAsync($"/api/v1/clearances/{number}/proposal-decision", new { accept = true });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using HttpResponseMessage atTun = await tunOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        JsonElement tunPassage = await atTun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cleared", tunPassage.GetProperty("decision").GetString());
        Assert.Equal(number, tunPassage.GetProperty("clearanceNumber").GetString());

        // Unsharing withdraws the entry from LBY: its screening no longer sees it.
        using HttpResponseMessage unshared = await tunSupervisor.PutAsJsonAsync($"/api/v1/watchlist/entries/{entryId}", new
        {
            category = "refuseEntry", reference = createdEntry.GetProperty("reference").GetString(),
            fullNameLatin = $"Miloud {family}", sex = "M", birthDates = new[] { "1985" }, shareWith = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.OK, unshared.StatusCode);
        await EventuallyAsync(() => Query(Lby, db => db.WatchlistEntries.AnyAsync(e => e.Id == entryId && e.WithdrawnUtc != null)), "the withdrawal reaches LBY");
        using HttpResponseMessage after = await lbyOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        Assert.Equal(0, (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").GetArrayLength());
    }

    /// <summary>TUN lists a person shared with LBY; returns the entry id once LBY holds it.</summary>
    private async Task<Guid> ShareEntryWithLbyAsync(string family)
    {
        using HttpClient tunSupervisor = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpResponseMessage created = await tunSupervisor.PostAsJsonAsync("/api/v1/watchlist/entries", new
        {
            category = "refuseEntry", reference = "TN-MIN-" + TestData.UniqueLetters(), fullNameLatin = $"Miloud {family}", sex = "M", birthDates = new[] { "1985" }, shareWith = new[] { "LBY" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Guid entryId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await EventuallyAsync(() => Query(Lby, db => db.WatchlistEntries.AnyAsync(e => e.Id == entryId)), "the entry reaches LBY");
        return entryId;
    }

    private static JsonElement Json(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The hit notifications TUN received from LBY about <paramref name="entryId"/>, in the order received, as JSON.</summary>
    private Task<List<JsonElement>> NotificationsAtTunAsync(Guid entryId) => Query(Tun, async db =>
        (await db.InboxMessages.Where(m => m.Type == MessageTypes.HitNotification && m.Sender == "LBY").OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync())
            .Select(Json).Where(p => p.GetProperty("entryId").GetGuid() == entryId).ToList());

    [Fact]
    public async Task HitNotification_AtReferral_CarriesNoIdentity_TheOwnerGetsItOnRequestAndAfterAConfirmedPositive()
    {
        string family = "Ajdabi" + TestData.UniqueLetters();
        Guid entryId = await ShareEntryWithLbyAsync(family);
        using HttpClient tunLiaison = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        using HttpClient lbyOfficer = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        using HttpClient lbySupervisor = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Supervisor));
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);

        // Referral: LBY's outbox and TUN's inbox hold the entry, its version, the crossing, the time and the band; no one's identity.
        using HttpResponseMessage passage = await lbyOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        string hitId = Assert.Single((await passage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray()).GetProperty("id").GetString()!;
        await EventuallyAsync(async () => (await NotificationsAtTunAsync(entryId)).Count == 1, "the referral reaches TUN");
        string sent = await Query(Lby, db => db.OutboxMessages.Where(m => m.Type == MessageTypes.HitNotification).Select(m => m.Payload).SingleAsync());
        JsonElement referral = Assert.Single(await NotificationsAtTunAsync(entryId));
        Assert.Equal(
            ["actionTaken", "band", "crossingId", "entryId", "entryVersion", "hitId", "reference", "score", "timeUtc", "traveller"],
            referral.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (referral.GetProperty("traveller").ValueKind, referral.GetProperty("score").ValueKind));
        Assert.Equal((entryId, 1, TestData.Crossing, HitActions.Referred), (referral.GetProperty("entryId").GetGuid(), referral.GetProperty("entryVersion").GetInt32(), referral.GetProperty("crossingId").GetString(), referral.GetProperty("actionTaken").GetString()));
        Assert.DoesNotContain(family, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(document, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("1985-03-04", sent, StringComparison.Ordinal);

        // TUN's desk asks for the identity: LBY sends it, correlated to the request, and audits the disclosure against the traveller.
        JsonElement desk = await tunLiaison.GetFromJsonAsync<JsonElement>("/api/v1/federation/messages?awaitingReply=true");
        Guid referralId = Assert.Single(desk.EnumerateArray(), m => m.GetProperty("type").GetString() == MessageTypes.HitNotification && m.GetProperty("payload").GetProperty("entryId").GetGuid() == entryId).GetProperty("messageId").GetGuid();
        using HttpResponseMessage asked = await tunLiaison.PostAsJsonAsync($"/api/v1/federation/messages/{referralId}/reply", new { outcome = HitActions.IdentityRequested, reason = "Need the document to decide" });
        Assert.Equal(HttpStatusCode.NoContent, asked.StatusCode);
        await EventuallyAsync(async () => (await NotificationsAtTunAsync(entryId)).Count == 2, "the identity reaches TUN");
        JsonElement onRequest = (await NotificationsAtTunAsync(entryId))[1];
        Assert.Equal(HitActions.IdentityOnRequest, onRequest.GetProperty("actionTaken").GetString());
        Assert.Equal(($"Miloud {family}", document, "1985-03-04"), (onRequest.GetProperty("traveller").GetProperty("fullNameLatin").GetString(), onRequest.GetProperty("traveller").GetProperty("documentNumber").GetString(), onRequest.GetProperty("traveller").GetProperty("birthDate").GetString()));
        Assert.Equal(1, await Query(Lby, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.FederationIdentityShared && a.EntityType == "traveller")));

        // A positive decision sends nothing until a supervisor confirms it; the confirmation sends the identity.
        using HttpResponseMessage positive = await lbyOfficer.PostAsJsonAsync($"/api/v1/hits/{hitId}/decision", new { outcome = "positive", reason = "Same person: documents and photo" });
        Assert.Equal(HttpStatusCode.OK, positive.StatusCode);
        int beforeConfirmation = await Query(Lby, db => db.OutboxMessages.CountAsync(m => m.Type == MessageTypes.HitNotification));
        using HttpResponseMessage confirmed = await lbySupervisor.PostAsJsonAsync($"/api/v1/hits/{hitId}/confirmation", new { confirmed = true });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await EventuallyAsync(async () => (await NotificationsAtTunAsync(entryId)).Count == 3, "the confirmed positive reaches TUN");
        JsonElement afterPositive = (await NotificationsAtTunAsync(entryId))[2];
        Assert.Equal(2, beforeConfirmation);
        Assert.Equal(HitActions.ConfirmedPositive, afterPositive.GetProperty("actionTaken").GetString());
        Assert.Equal(document, afterPositive.GetProperty("traveller").GetProperty("documentNumber").GetString());
    }

    [Fact]
    public async Task HitNotification_InconclusiveDecision_SendsTheIdentityInTheRequest_AndAPartnerConfiguredForItGetsItAtReferral()
    {
        string family = "Marzuqi" + TestData.UniqueLetters();
        Guid entryId = await ShareEntryWithLbyAsync(family);
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        string hitId;
        using (HttpClient lbyOfficer = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer)))
        {
            using HttpResponseMessage passage = await lbyOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
            hitId = Assert.Single((await passage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray()).GetProperty("id").GetString()!;
            using HttpResponseMessage inconclusive = await lbyOfficer.PostAsJsonAsync($"/api/v1/hits/{hitId}/decision", new { outcome = "inconclusive", reason = "Father's name unknown" });
            Assert.Equal(HttpStatusCode.OK, inconclusive.StatusCode);
        }

        // Inconclusive: the request for information carries the identity the owner needs to answer.
        await EventuallyAsync(() => Query(Tun, db => db.InboxMessages.AnyAsync(m => m.Type == MessageTypes.RequestForInformation && m.Sender == "LBY")), "the request reaches TUN");
        JsonElement request = Json(await Query(Tun, db => db.InboxMessages.Where(m => m.Type == MessageTypes.RequestForInformation).Select(m => m.Payload).SingleAsync()));
        Assert.Equal(document, request.GetProperty("traveller").GetProperty("documentNumber").GetString());
        Assert.Equal(JsonValueKind.Null, Assert.Single(await NotificationsAtTunAsync(entryId)).GetProperty("traveller").ValueKind);

        // LBY configured to send TUN the identity at referral: the next referral carries it, with the score.
        await Lby.DisposeAsync();
        Lby = await StartAsync(AgencyCode.Libya, new Dictionary<string, string?> { ["Federation:Partners:0:IdentityAtReferral"] = "true" });
        using HttpClient lbyAgain = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        string other = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        using HttpResponseMessage second = await lbyAgain.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", other));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await EventuallyAsync(async () => (await NotificationsAtTunAsync(entryId)).Count == 2, "the second referral reaches TUN");
        JsonElement full = (await NotificationsAtTunAsync(entryId))[1];
        Assert.Equal(other, full.GetProperty("traveller").GetProperty("documentNumber").GetString());
        Assert.Equal(JsonValueKind.Number, full.GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task CrossingStatus_SetOnOneSide_ShowsOnBothBoards_AndOnThePublicPage()
    {
        using HttpClient tunSupervisor = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpClient anonymous = Lby.CreateClient();

        using HttpResponseMessage set = await tunSupervisor.PostAsJsonAsync($"/api/v1/crossings/{TestData.Crossing}/status", new
        {
            status = "humanitarian-only", reason = "Reopening after the closure: humanitarian and medical cases", allowedCategories = new[] { "humanitarian", "medical" },
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await EventuallyAsync(() => Query(Lby, db => db.CrossingSideStatuses.AnyAsync(s => s.CrossingPointId == TestData.Crossing && s.Agency == "TUN" && s.Status == CrossingStatus.HumanitarianOnly)), "the status reaches LBY");

        JsonElement board = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/crossings");
        JsonElement crossing = Assert.Single(board.EnumerateArray(), c => c.GetProperty("id").GetString() == TestData.Crossing);
        JsonElement tunSide = Assert.Single(crossing.GetProperty("sides").EnumerateArray(), s => s.GetProperty("agency").GetString() == "TUN");
        Assert.Equal("humanitarianOnly", tunSide.GetProperty("status").GetString());
        Assert.Equal(["humanitarian", "medical"], tunSide.GetProperty("allowedCategories").EnumerateArray().Select(c => c.GetString()));
        // A critical incident reported on one side appears on the other.
        using HttpClient tunOfficer = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpResponseMessage incident = await tunOfficer.PostAsJsonAsync("/api/v1/incidents", new { type = "armedClash", impact = "critical", crossingId = TestData.Crossing, title = "Shots fired near the gate" });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        Guid incidentId = (await incident.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await EventuallyAsync(() => Query(Lby, db => db.Incidents.AnyAsync(i => i.Id == incidentId && i.Agency == "TUN" && i.Impact == ImpactLevel.Critical && i.SectorId == "TN-LY-S1")), "the incident reaches LBY");

        // A sector's assessment by one side shows on the other's sectors.
        using HttpResponseMessage sector = await tunSupervisor.PutAsJsonAsync("/api/v1/sectors/TN-LY-S3/impact", new { impact = "high", reason = "Smuggling convoys seen" });
        Assert.Equal(HttpStatusCode.OK, sector.StatusCode);
        using HttpClient lbyAnalyst = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Analyst));
        await EventuallyAsync(async () => (await lbyAnalyst.GetFromJsonAsync<JsonElement>("/api/v1/sectors")).EnumerateArray()
            .Any(x => x.GetProperty("id").GetString() == "TN-LY-S3" && x.GetProperty("impact").GetString() == "high"), "the sector assessment reaches LBY");

        using HttpResponseMessage page = await anonymous.GetAsync("/Status?culture=fr&ui-culture=fr");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Cas humanitaires seulement", html, StringComparison.Ordinal);
        Assert.Contains("Reopening after the closure", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkDown_ThenProducerKilled_AllMessagesArriveOnceInOrder()
    {
        const int count = 1000;

        // The partner goes down.
        await Lby.DisposeAsync();

        // TUN produces 1,000 shared entries, each with its message written in the same transaction.
        await Tun.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            Outbox outbox = sp.GetRequiredService<Outbox>();
            DateTime now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            for (int i = 0; i < count; i++)
            {
                var entry = new WatchlistEntry { OwnerAgency = "TUN", Reference = $"TN-BULK-{i:D5}", Category = WatchlistCategory.DiscreetCheck, SharedWith = "LBY", CreatedUtc = now };
                _ = PartialDate.TryParse((1970 + (i % 30)).ToString(System.Globalization.CultureInfo.InvariantCulture), out PartialDate year);
                entry.BirthDate = year;
                entry.SetNames(null, $"Bulk Person{i} {TestData.UniqueLetters()}");
                db.WatchlistEntries.Add(entry);
                outbox.EntryChanged(entry, [], now);
            }

            return await db.SaveChangesAsync();
        });

        // While the partner is down nothing is delivered and the link is reported down.
        await EventuallyAsync(() => Query(Tun, db => db.PartnerLinks.AnyAsync(l => l.Agency == "LBY" && l.DownReportedUtc != null)), "the outage is reported");
        Assert.Equal(count, await Query(Tun, db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending)));
        Assert.True(await Query(Tun, db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.FederationLinkDown && a.EntityId == "LBY")));
        Assert.True(await Query(Tun, db => db.Incidents.AnyAsync(i => i.Type == IncidentType.SystemOutage && i.ClosedUtc == null)), "the outage is an open incident");

        // The partner comes back; part way through the delivery, the producer is stopped and restarted.
        var drain = System.Diagnostics.Stopwatch.StartNew();
        Lby = await StartAsync(AgencyCode.Libya);
        await EventuallyAsync(() => Query(Lby, db => db.InboxMessages.CountAsync().ContinueWith(t => t.Result >= count / 4)), "a quarter delivered", 60);
        await Tun.DisposeAsync();
        Tun = await StartAsync(AgencyCode.Tunisia);
        await EventuallyAsync(() => Query(Tun, db => db.OutboxMessages.AllAsync(m => m.Status == OutboxStatus.Delivered)), "everything delivered", 120);
        output.WriteLine($"{provider}: {count} messages drained in {drain.Elapsed.TotalSeconds:0.0} s including two node restarts");

        // Exactly once, in the sender's order.
        List<(long Sequence, DateTime Received)> received = await Query(Lby, async db =>
            (await db.InboxMessages.Where(m => m.Sender == "TUN").Select(m => new { m.Sequence, m.ReceivedUtc }).ToListAsync()).Select(m => (m.Sequence, m.ReceivedUtc)).ToList());
        output.WriteLine($"first to last arrival: {(received.Max(r => r.Received) - received.Min(r => r.Received)).TotalSeconds:0.0} s");
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(r => r.Sequence).Distinct().Count());
        long[] inArrivalOrder = [.. received.OrderBy(r => r.Received).Select(r => r.Sequence)];
        Assert.Equal(inArrivalOrder.Order(), inArrivalOrder);
        Assert.Equal(count, await Query(Lby, db => db.WatchlistEntries.CountAsync(e => e.OwnerAgency == "TUN" && e.Reference.StartsWith("TN-BULK-"))));
        Assert.True(await Query(Tun, db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.FederationLinkUp && a.EntityId == "LBY")));
        Assert.True(await Query(Tun, db => db.Incidents.AnyAsync(i => i.Type == IncidentType.SystemOutage && i.ClosedUtc != null)), "the outage incident is closed when the link is back");
    }

    /// <summary>Posts one message to TUN's inbox signed with LBY's key, as LBY's node (or an attacker holding its key) would.</summary>
    private async Task<(HttpStatusCode Status, string? Code, Guid Id)> PostToTunAsLbyAsync(string type, string payload, Guid? correlationId = null)
    {
        using HttpClient client = Tun.CreateClient();
        DateTime now = TunNow;
        Envelope envelope = new Envelope(Guid.CreateVersion7(), type, 1, "LBY", ["TUN"], Envelope.Instant(now), correlationId, null, Random.Shared.NextInt64(1, Envelope.MaxSequence),
            Envelope.Instant(now), payload, string.Empty).SignWith(lbyKey);
        using var content = new ByteArrayContent(envelope.ToJson());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await client.PostAsync(InboxEndpoint.Path, content);
        JsonElement json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json.TryGetProperty("code", out JsonElement c) ? c.GetString() : json.GetProperty("status").GetString(), envelope.Id);
    }

    private static (HttpStatusCode Status, string? Code) Short((HttpStatusCode Status, string? Code, Guid Id) answer) => (answer.Status, answer.Code);

    /// <summary>The receiving node's clock: it judges whether a message is too old or from the future.</summary>
    private DateTime TunNow => Tun.Service<TimeProvider>().GetUtcNow().UtcDateTime;

    private string ClearanceNotice(string number, Guid entryId, int version, string document) => MessageJson.Serialize(new ClearanceNoticePayload(
        number, "LBY", entryId, version, document, "LBY", "1985-03-04", TunNow));

    private static string LbyEntry(Guid id, string reference, string latin, string[] birthDates, string aliases = "[]", string shareWith = "[\"TUN\"]") =>
        $$"""{"id":"{{id}}","kind":"person","category":"refuseEntry","ownerAgency":"LBY","reference":"{{reference}}","version":1,"fullNameArabic":null,"fullNameLatin":"{{latin}}","sex":"male","nationality":null,"fatherName":null,"grandfatherName":null,"motherName":null,"aliases":{{aliases}},"birthDates":{{JsonSerializer.Serialize(birthDates)}},"documents":[],"vehiclePlate":null,"vehicleCountry":null,"legalBasis":null,"reviewDate":null,"expiryDate":null,"shareWith":{{shareWith}},"createdUtc":"2026-01-01T00:00:00Z","withdrawnUtc":null}""";

    [Fact]
    public async Task ClearanceNotice_OnOurEntryOnceSharedThenUnshared_IsRefused_AndTheNextPassageIsNotCleared()
    {
        string family = "Zintani" + TestData.UniqueLetters();
        using HttpClient tunSupervisor = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpClient tunOfficer = await Tun.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        object Entry(string[] share) => new { category = "refuseEntry", reference = "TN-UNSH-" + family, fullNameLatin = $"Miloud {family}", sex = "M", birthDates = new[] { "1985" }, shareWith = share };
        using HttpResponseMessage created = await tunSupervisor.PostAsJsonAsync("/api/v1/watchlist/entries", Entry(["LBY"]));
        Guid entryId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await EventuallyAsync(() => Query(Lby, db => db.WatchlistEntries.AnyAsync(e => e.Id == entryId)), "the entry reaches LBY");
        using HttpResponseMessage unshared = await tunSupervisor.PutAsJsonAsync($"/api/v1/watchlist/entries/{entryId}", Entry([]));
        Assert.Equal(HttpStatusCode.OK, unshared.StatusCode);
        await EventuallyAsync(() => Query(Lby, db => db.WatchlistEntries.AnyAsync(e => e.Id == entryId && e.WithdrawnUtc != null)), "the withdrawal reaches LBY");

        // An LBY-signed clearance on TUN's entry, no longer shared with LBY: refused, nothing stored.
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        string number = ClearanceNumbers.New("LBY");
        (HttpStatusCode status, string? code, Guid id) = await PostToTunAsLbyAsync(MessageTypes.ClearanceNotice, ClearanceNotice(number, entryId, 1, document));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.NotShared), (status, code));
        Assert.False(await Query(Tun, db => db.Clearances.AnyAsync(c => c.Number == number)));
        Assert.False(await Query(Tun, db => db.InboxMessages.AnyAsync(m => m.MessageId == id)));
        Assert.True(await Query(Tun, db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == AuditActions.FederationRejected)));

        // TUN's next passage with that document is not cleared.
        using HttpResponseMessage passage = await tunOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        JsonElement recorded = await passage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred", recorded.GetProperty("decision").GetString());

        // Nor does a clearance on an entry LBY never held, nor a hit notification or request about it.
        Guid secret = await Query(Tun, async db =>
        {
            var entry = new WatchlistEntry { OwnerAgency = "TUN", Reference = "TN-SECRET-" + family, Category = WatchlistCategory.Arrest, CreatedUtc = TunNow };
            entry.SetNames(null, $"Secret {family}");
            db.WatchlistEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        Assert.Equal(FederationCodes.NotShared, (await PostToTunAsLbyAsync(MessageTypes.ClearanceNotice, ClearanceNotice(ClearanceNumbers.New("LBY"), secret, 1, document))).Code);
        var snapshot = new TravellerSnapshot(null, "Some One", "1990", Sex.Male, "LBY", null, document, "LBY");
        Assert.Equal(FederationCodes.NotShared, (await PostToTunAsLbyAsync(MessageTypes.HitNotification, MessageJson.Serialize(
            new HitNotificationPayload(Guid.CreateVersion7(), secret, "TN-SECRET", 1, TestData.Crossing, TunNow, 0.9, HitBand.Strong, snapshot, "referred-to-secondary")))).Code);
        Assert.Equal(FederationCodes.NotShared, (await PostToTunAsLbyAsync(MessageTypes.RequestForInformation, MessageJson.Serialize(
            new RequestPayload(Guid.CreateVersion7(), secret, "TN-SECRET", 1, TestData.Crossing, snapshot, "Is this your person?")))).Code);
        Assert.Equal(FederationCodes.NotTheOwner, (await PostToTunAsLbyAsync(MessageTypes.HitNotification, MessageJson.Serialize(
            new HitNotificationPayload(Guid.CreateVersion7(), Guid.CreateVersion7(), "LY-X", 1, TestData.Crossing, TunNow, 0.9, HitBand.Strong, snapshot, "referred-to-secondary")))).Code);
        Assert.False(await Query(Tun, db => db.Clearances.AnyAsync(c => c.WatchlistEntryId == secret)));
    }

    [Fact]
    public async Task ClearanceNotice_PartnerClearsANamesakeOfOurEntry_CarriesNoNames_WhatTheOwnerReceivesIsTheDocumentAndBirthDateOnly()
    {
        string family = "Nalouti" + TestData.UniqueLetters();
        Guid entryId = await ShareEntryWithLbyAsync(family);
        using HttpClient lbyOfficer = await Lby.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        using HttpResponseMessage passage = await lbyOfficer.PostAsJsonAsync("/api/v1/passages", Passage($"Miloud {family}", document));
        JsonElement hit = Assert.Single((await passage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray());
        using HttpResponseMessage decided = await lbyOfficer.PostAsJsonAsync($"/api/v1/hits/{hit.GetProperty("id").GetString()}/decision", new { outcome = "negative", reason = "Documents and date of birth checked" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        string number = (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clearanceNumber").GetString()!;
        await EventuallyAsync(() => Query(Tun, db => db.Clearances.AnyAsync(c => c.Number == number)), "the clearance reaches TUN");

        // What crossed the border: the number, the entry and its version, the document and the date of birth; no name.
        List<string> notices = await Query(Tun, db => db.InboxMessages.Where(m => m.Type == MessageTypes.ClearanceNotice && m.Sender == "LBY").Select(m => m.Payload).ToListAsync());
        string received = Assert.Single(notices, p => p.Contains(number, StringComparison.Ordinal));
        JsonElement notice = Json(received);
        Assert.Equal(
            ["agency", "birthDate", "documentNumber", "entryId", "entryVersion", "issuedUtc", "issuingState", "number"],
            notice.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(entryId, notice.GetProperty("entryId").GetGuid());
        Assert.Equal(document, notice.GetProperty("documentNumber").GetString());
        Assert.Equal("1985-03-04", notice.GetProperty("birthDate").GetString());
        Assert.DoesNotContain(family, received, StringComparison.OrdinalIgnoreCase);
        Clearance atTun = await Query(Tun, db => db.Clearances.AsNoTracking().SingleAsync(c => c.Number == number));
        Assert.Null(atTun.FullNameArabic);
        Assert.Null(atTun.FullNameLatin);

        // The issuing side keeps the names as its own evidence.
        Clearance atLby = await Query(Lby, db => db.Clearances.AsNoTracking().SingleAsync(c => c.Number == number));
        Assert.Equal($"Miloud {family}", atLby.FullNameLatin);
    }

    [Fact]
    public async Task PartnerEntry_BreakingLocalRules_IsRefusedWith422_NeverA500_AndNothingStored()
    {
        // "Mohamed Ali" with no date of birth, parent or document, shared: locally refused as entry.minimum_identifiers.
        Guid bare = Guid.CreateVersion7();
        (HttpStatusCode status, string? code, Guid id) = await PostToTunAsLbyAsync(MessageTypes.EntryPublished, LbyEntry(bare, "LY-BARE-" + TestData.UniqueLetters(), "Mohamed Ali", []));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.EntryInvalid), (status, code));
        Assert.True(await Query(Tun, db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Details!.Contains(ErrorCodes.EntryMinimumIdentifiers))));

        // aliases: null, a null date of birth, a name longer than local input allows, an entry claimed for TUN.
        Guid nullAliases = Guid.CreateVersion7();
        Guid nullItem = Guid.CreateVersion7();
        Guid longName = Guid.CreateVersion7();
        Guid ours = Guid.CreateVersion7();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.PayloadInvalid),
            Short(await PostToTunAsLbyAsync(MessageTypes.EntryPublished, LbyEntry(nullAliases, "LY-NULL-" + TestData.UniqueLetters(), "Mohamed Ali", ["1980"], aliases: "null"))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.PayloadInvalid),
            Short(await PostToTunAsLbyAsync(MessageTypes.EntryUpdated, LbyEntry(nullItem, "LY-NULL-" + TestData.UniqueLetters(), "Mohamed Ali", ["1980"], aliases: "[null]"))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.EntryInvalid),
            Short(await PostToTunAsLbyAsync(MessageTypes.EntryPublished, LbyEntry(longName, "LY-LONG-" + TestData.UniqueLetters(), "Mohamed " + new string('a', 300), ["1980"]))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.NotTheOwner),
            Short(await PostToTunAsLbyAsync(MessageTypes.EntryPublished, LbyEntry(ours, "LY-OURS", "Mohamed Ali", ["1980"]).Replace("\"ownerAgency\":\"LBY\"", "\"ownerAgency\":\"TUN\"", StringComparison.Ordinal))));
        Guid[] refused = [bare, nullAliases, nullItem, longName, ours];
        Assert.False(await Query(Tun, db => db.WatchlistEntries.AnyAsync(e => refused.Contains(e.Id))));

        // The same person with a year of birth is accepted.
        Guid complete = Guid.CreateVersion7();
        Assert.Equal((HttpStatusCode.OK, "applied"), Short(await PostToTunAsLbyAsync(MessageTypes.EntryPublished, LbyEntry(complete, "LY-OK-" + TestData.UniqueLetters(), "Mohamed Ali", ["1980"]))));
        Assert.True(await Query(Tun, db => db.WatchlistEntries.AnyAsync(e => e.Id == complete && e.OwnerAgency == "LBY")));
        Assert.DoesNotContain(Tun.LogMessages, m => m.Contains("NullReferenceException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_PartnerAnswers4xx_MarksTheMessageRejected_DoesNotRetry_AndTheQueueMovesOn()
    {
        Guid bad = Guid.Empty;
        Guid good = Guid.Empty;
        await Tun.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            Outbox outbox = sp.GetRequiredService<Outbox>();
            DateTime now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

            // A payload LBY's inbox refuses (aliases: null), then a good one behind it.
            bad = outbox.Enqueue("LBY", MessageTypes.EntryPublished, JsonSerializer.Deserialize<JsonElement>(LbyEntry(Guid.CreateVersion7(), "TN-BAD", "Mohamed Ali", ["1980"], aliases: "null")
                .Replace("\"ownerAgency\":\"LBY\"", "\"ownerAgency\":\"TUN\"", StringComparison.Ordinal).Replace("[\"TUN\"]", "[\"LBY\"]", StringComparison.Ordinal)), now)!.Value;
            good = outbox.Enqueue("LBY", MessageTypes.SectorImpact, new { sectorId = "TN-LY-S2", agency = "TUN", impact = "medium", reason = "Patrols report movement", sinceUtc = now }, now)!.Value;
            return await db.SaveChangesAsync();
        });

        await EventuallyAsync(() => Query(Tun, db => db.OutboxMessages.AnyAsync(m => m.MessageId == good && m.Status == OutboxStatus.Delivered)), "the message behind the refused one is delivered");
        OutboxMessage refused = await Query(Tun, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageId == bad));
        Assert.Equal(OutboxStatus.Rejected, refused.Status);
        Assert.Equal("http.422", refused.LastError);
        Assert.Equal(1, refused.Attempts);
        Assert.False(await Query(Lby, db => db.InboxMessages.AnyAsync(m => m.MessageId == bad)));
    }

    [Fact]
    public async Task Inbox_FloodOfJunk_WritesOneAuditRowPerCodeAndSource_AndRefusesEveryPost()
    {
        using HttpClient client = Tun.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 200; i++)
        {
            using var content = new StringContent("{\"id\":" + i + "}", System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync(InboxEndpoint.Path, content);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        List<string?> rows = await Query(Tun, db => db.AuditEntries.Where(a => a.Action == AuditActions.FederationRejected && a.Details!.StartsWith(FederationCodes.EnvelopeInvalid)).Select(a => a.Details).ToListAsync());
        string row = Assert.Single(rows)!;
        Assert.EndsWith(";held-back=0", row, StringComparison.Ordinal);
        Assert.Equal(0, await Query(Tun, db => db.InboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Inbox_RefusesWhatItCannotVerify_AuditsIt_AndAppliesNothing()
    {
        using HttpClient client = Tun.CreateClient();

        // The receiving node's own clock: it judges whether a message is too old or from the future.
        DateTime now = Tun.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        string payload = JsonSerializer.Serialize(new { outcome = "confirmed", reason = (string?)null });

        Envelope Make(string type = MessageTypes.CrossingStatus, int version = 1, string sender = "LBY", DateTime? sent = null) => new(
            Guid.CreateVersion7(), type, version, sender, ["TUN"], Envelope.Instant(now), null, null, 1, Envelope.Instant(sent ?? now), StatusPayload("open"), string.Empty);

        async Task<(HttpStatusCode Status, string? Code)> PostAsync(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await client.PostAsync(InboxEndpoint.Path, content);
            JsonElement json = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, json.TryGetProperty("code", out JsonElement c) ? c.GetString() : json.GetProperty("status").GetString());
        }

        string StatusPayload(string status) =>
            $$"""{"crossingId":"{{TestData.Crossing}}","agency":"LBY","laneCode":null,"status":"{{status}}","reason":"test","sinceUtc":"{{Envelope.Instant(now)}}","expectedReopeningUtc":null,"allowedCategories":[]}""";

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Envelope good = Make().SignWith(lbyKey);
        Envelope tampered = good with { Payload = StatusPayload("closed") };
        Envelope wrongKey = Make().SignWith(stranger) with { KeyId = KeyIds.Of(lbyKey) };
        Envelope unknownKey = Make().SignWith(stranger);
        Envelope replayed = Make(sent: now.AddMinutes(-10)).SignWith(lbyKey);
        Envelope unknownType = Make(type: "teleport").SignWith(lbyKey);
        Envelope unknownVersion = Make(version: 2).SignWith(lbyKey);
        Envelope unknownSender = Make(sender: "DZA").SignWith(lbyKey);
        Envelope notAnAnswer = Make(type: MessageTypes.Reply) with { Payload = payload, CorrelationId = Guid.CreateVersion7() };

        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.SignatureInvalid), await PostAsync(tampered.ToJson()));
        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.SignatureInvalid), await PostAsync(wrongKey.ToJson()));
        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.KeyUnknown), await PostAsync(unknownKey.ToJson()));
        Assert.Equal((HttpStatusCode.Unauthorized, FederationCodes.Stale), await PostAsync(replayed.ToJson()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.TypeUnknown), await PostAsync(unknownType.ToJson()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.TypeUnknown), await PostAsync(unknownVersion.ToJson()));
        Assert.Equal((HttpStatusCode.Forbidden, FederationCodes.SenderUnknown), await PostAsync(unknownSender.ToJson()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, FederationCodes.CorrelationUnknown), await PostAsync(notAnAnswer.SignWith(lbyKey).ToJson()));
        Assert.Equal((HttpStatusCode.BadRequest, FederationCodes.EnvelopeInvalid), await PostAsync("{\"id\":1}"u8.ToArray()));
        Assert.Equal(0, await Query(Tun, db => db.InboxMessages.CountAsync()));

        // One row per refusal code and source per window (the second bad signature is counted, not written);
        // the refusal of a verified partner's message is written each time.
        Assert.Equal(7, await Query(Tun, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.FederationRejected)));

        // A good message is applied once; the same message again is acknowledged and ignored.
        Assert.Equal((HttpStatusCode.OK, "applied"), await PostAsync(good.ToJson()));
        Assert.Equal((HttpStatusCode.OK, "duplicate"), await PostAsync(good.ToJson()));
        Assert.Equal(1, await Query(Tun, db => db.InboxMessages.CountAsync()));
    }
}

public sealed class SqliteFederationTests(ITestOutputHelper output) : FederationTests(StorageProvider.Sqlite, output);

public sealed class PostgresFederationTests(ITestOutputHelper output) : FederationTests(StorageProvider.Postgres, output);

/// <summary>The inbox's audit sampling, without a server.</summary>
public sealed class RejectionSamplerTests
{
    [Fact]
    public void RejectionSampler_WithinAndAfterTheWindow_AuditsTheFirstThenTheCountHeldBack()
    {
        var sampler = new RejectionSampler();
        DateTime t0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        TimeSpan window = TimeSpan.FromMinutes(1);

        Assert.True(sampler.ShouldAudit("federation.envelope_invalid", "10.0.0.1", t0, window, out int first));
        bool[] within = [.. Enumerable.Range(1, 199).Select(i => sampler.ShouldAudit("federation.envelope_invalid", "10.0.0.1", t0.AddMilliseconds(i * 3), window, out _))];
        Assert.True(sampler.ShouldAudit("federation.signature_invalid", "10.0.0.1", t0.AddSeconds(1), window, out _));
        Assert.True(sampler.ShouldAudit("federation.envelope_invalid", "10.0.0.2", t0.AddSeconds(1), window, out _));
        Assert.True(sampler.ShouldAudit("federation.envelope_invalid", "10.0.0.1", t0.AddMinutes(1), window, out int heldBack));

        Assert.Equal(0, first);
        Assert.DoesNotContain(true, within);
        Assert.Equal(199, heldBack);
    }
}
