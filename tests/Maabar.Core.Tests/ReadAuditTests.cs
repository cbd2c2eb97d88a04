using Maabar.Core.Data;
using Maabar.Core.Features.Audit;
using Maabar.Core.Features.Federation;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// Issue 22 point 4: one read row per person shown (lists included, in one save), rows with the session and the
/// client address of the call, idempotent replays audited as reads; the chain still verifies.
/// </summary>
public abstract class ReadAuditTests(CoreFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    private Task<T> Db<T>(Func<MaabarDbContext, Task<T>> query) =>
        fixture.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    private static RecordPassageRequest Crossing(string latin, string document, string? key = null) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: "1980-02-03", Sex: "M", Nationality: "LBY", DocumentType: "P", DocumentNumber: document, DocumentIssuingState: "LBY"),
        Mrz: null)
    { IdempotencyKey = key };

    [Fact]
    public async Task LiaisonInbox_ListingManyTravellers_WritesOneReadRowPerTraveller_InOneTurnOfTheChain()
    {
        const int travellers = 150;
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        string batch = TestData.UniqueLetters();
        List<Guid> named = await Db(async db =>
        {
            var ids = new List<Guid>();
            for (int i = 0; i < travellers + 20; i++)
            {
                bool withTraveller = i < travellers;
                var payload = new HitNotificationPayload(Guid.CreateVersion7(), Guid.CreateVersion7(), "TN-" + batch, 1, TestData.Crossing, now, null, HitBand.Strong,
                    withTraveller ? new TravellerSnapshot(null, "Some One " + batch, "1980", Sex.Male, "TUN", null, "TN" + i, "TUN") : null, HitActions.Referred);
                var message = new InboxMessage
                {
                    MessageId = Guid.CreateVersion7(), Sender = AgencyCode.Libya, Recipient = AgencyCode.Tunisia, Type = MessageTypes.HitNotification, Version = 1,
                    CreatedUtc = now, ReceivedUtc = now.AddSeconds(-i), Sequence = 1_000_000 + i, Payload = MessageJson.Serialize(payload),
                };
                db.InboxMessages.Add(message);
                if (withTraveller)
                {
                    ids.Add(message.MessageId);
                }
            }

            await db.SaveChangesAsync();
            return ids;
        });
        Actor liaison = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        IReadOnlyList<InboxItem> shown = await fixture.InScopeAsync(sp => sp.GetRequiredService<LiaisonDesk>().InboxAsync(liaison, false, 200, CancellationToken.None));

        Assert.Equal(shown.Count, shown.Select(i => i.MessageId).Distinct().Count());
        HashSet<string> shownWithTraveller = [.. shown.Where(i => named.Contains(i.MessageId)).Select(i => i.MessageId.ToString())];
        Assert.Equal(travellers, shownWithTraveller.Count);
        DateTime readAt = fixture.Clock.GetUtcNow().UtcDateTime;
        List<AuditEntry> rows = await Db(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.TravellerRead && a.EntityType == "partner-traveller" && a.Purpose == "liaison.inbox" && a.OccurredUtc >= readAt.AddSeconds(-1))
            .OrderBy(a => a.ChainPosition).ToListAsync());
        Assert.Equal(shownWithTraveller.Order(StringComparer.Ordinal), rows.Select(r => r.EntityId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(liaison.UserId, r.UserId));

        // One save: the rows follow each other in the chain, with the list's own row just before them.
        long first = rows[0].ChainPosition!.Value;
        Assert.Equal(Enumerable.Range(0, travellers).Select(i => first + i), rows.Select(r => r.ChainPosition!.Value));
        Assert.Equal(AuditActions.FederationRead, await Db(db => db.AuditEntries.Where(a => a.ChainPosition == first - 1).Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task RecordPassage_IdempotentReplay_IsAuditedAsAReadOfThePassageTheTravellerAndTheEntry()
    {
        string family = "Ghariani" + TestData.UniqueLetters();
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        Actor officer = await fixture.ActorAsync(TunOfficer);
        SaveEntryResult entry = await fixture.InScopeAsync(sp => sp.GetRequiredService<SaveEntry>().CreateAsync(supervisor, new WatchlistEntryInput(
            Category: "refuseEntry", Reference: "TN-" + TestData.UniqueLetters(), FullNameLatin: $"Miloud {family}", Sex: "M", BirthDates: ["1980"], LegalBasis: "Court order"), CancellationToken.None));
        string key = "replay-" + TestData.UniqueLetters();
        RecordPassageRequest request = Crossing($"Miloud {family}", "LY" + Random.Shared.Next(1_000_000, 9_999_999), key);

        RecordPassageResult first = await fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(officer, request, CancellationToken.None));
        RecordPassageResult replay = await fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(officer, request, CancellationToken.None));

        Assert.Equal((RecordPassageOutcome.Recorded, RecordPassageOutcome.Replayed), (first.Outcome, replay.Outcome));
        string passageId = first.Passage!.Id.ToString();
        string travellerId = first.Passage.Traveller.Id.ToString();
        string entryId = entry.Entry!.Id.ToString();
        List<(string Action, string EntityId, string Purpose)> rows = await Db(async db => (await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == passageId || a.EntityId == travellerId || a.EntityId == entryId)
            .Select(a => new { a.Action, a.EntityId, a.Purpose }).ToListAsync()).Select(a => (a.Action, a.EntityId, a.Purpose)).ToList());
        Assert.Contains((AuditActions.PassageRead, passageId, "passage.replay"), rows);
        Assert.Contains((AuditActions.TravellerRead, travellerId, "passage.replay"), rows);
        Assert.Contains((AuditActions.WatchlistEntryRead, entryId, "passage.replay"), rows);

        // The first answer showed the listed person beside the traveller: a read of the entry too.
        Assert.Contains((AuditActions.WatchlistEntryRead, entryId, "passage.record"), rows);
    }

    [Fact]
    public async Task Audit_RowsOfACall_CarryItsSessionAndClientAddress_AndTheChainStillVerifies()
    {
        Actor officer = await fixture.ActorAsync(TunOfficer);
        string session = "s-" + TestData.UniqueLetters();
        AuditCallContext.Current = new AuditCallContext(session, "192.0.2.17");
        RecordPassageResult recorded;
        try
        {
            recorded = await fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(
                officer, Crossing("Plain Traveller " + TestData.UniqueLetters(), "LY" + Random.Shared.Next(1_000_000, 9_999_999)), CancellationToken.None));
        }
        finally
        {
            AuditCallContext.Current = null;
        }

        string passageId = recorded.Passage!.Id.ToString();
        AuditEntry row = await Db(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditActions.PassageRecorded && a.EntityId == passageId));
        AuditVerification verification = await Db(db => VerifyAudit.HandleAsync(db, null, CancellationToken.None));

        Assert.Equal((session, "192.0.2.17"), (row.SessionId, row.ClientAddress));
        Assert.True(verification.Intact, verification.Message);

        // The session and the address are covered by the row's hash: changing either is an alteration.
        string hash = AuditChain.HashOf(row);
        row.ClientAddress = "192.0.2.18";
        Assert.NotEqual(hash, AuditChain.HashOf(row));
        row.ClientAddress = "192.0.2.17";
        row.SessionId = session + "x";
        Assert.NotEqual(hash, AuditChain.HashOf(row));
    }
}

public sealed class SqliteReadAuditTests(SqliteCoreFixture fixture) : ReadAuditTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresReadAuditTests(PostgresCoreFixture fixture) : ReadAuditTests(fixture), IClassFixture<PostgresCoreFixture>;
