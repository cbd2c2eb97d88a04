using Maabar.Core.Data;
using Maabar.Core.Features.Audit;
using Maabar.Core.Features.Clearances;
using Maabar.Core.Features.Federation;
using Maabar.Core.Features.Hits;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Retention;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Maabar.Core.Tests;

/// <summary>
/// Issue 22 point 8: records holding personal data go when their retention period is over and nothing needs them
/// any more; what is still needed stays; each run is audited with counts; the audit trail is untouched and verifies.
/// The fixture's clock moves years ahead; each test looks only at its own rows.
/// </summary>
public abstract class RetentionTests(CoreFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
    private static readonly string TunSupervisor = TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor);
    private static readonly RetentionOptions Defaults = new();

    private static RecordPassageRequest Crossing(string latin, string document) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: "1979-02-03", Sex: "M", Nationality: "LBY", DocumentType: "P", DocumentNumber: document, DocumentIssuingState: "LBY"),
        Mrz: null);

    private static string NewDocument() => "LY" + Random.Shared.Next(1_000_000, 9_999_999);

    private Task<T> Use<T, TUseCase>(Func<TUseCase, Task<T>> call)
        where TUseCase : notnull => fixture.InScopeAsync(sp => call(sp.GetRequiredService<TUseCase>()));

    private Task<T> Query<T>(Func<MaabarDbContext, Task<T>> query) => fixture.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    private async Task<PassageView> CrossAsync(string latin, string document)
    {
        Actor officer = await fixture.ActorAsync(TunOfficer);
        RecordPassageResult result = await Use<RecordPassageResult, RecordPassage>(u => u.HandleAsync(officer, Crossing(latin, document), CancellationToken.None));
        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        return result.Passage!;
    }

    /// <summary>A refuse-entry entry (no four eyes) on "Miloud FAMILY"; its id.</summary>
    private async Task<Guid> ListAsync(string family)
    {
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        SaveEntryResult saved = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Category: "refuseEntry", Reference: "TN-RET-" + Guid.NewGuid().ToString("N")[..10], FullNameLatin: $"Miloud {family}", Sex: "M",
            BirthDates: ["1979"], LegalBasis: "Court order 7/2025"), CancellationToken.None));
        Assert.Equal(SaveEntryOutcome.Saved, saved.Outcome);
        return saved.Entry!.Id;
    }

    private async Task<RetentionRun> PurgeAsync(bool dryRun = false)
    {
        Actor system = Actor.System(AgencyCode.Tunisia);
        return await Use<RetentionRun, PurgeExpiredRecords>(u => u.HandleAsync(system, dryRun, CancellationToken.None));
    }

    private Task<bool> PassageExistsAsync(Guid id) => Query(db => db.Passages.AnyAsync(p => p.Id == id));

    private Task<bool> TravellerExistsAsync(Guid id) => Query(db => db.Travellers.AnyAsync(t => t.Id == id));

    private Task<bool> HitExistsAsync(Guid id) => Query(db => db.Hits.AnyAsync(h => h.Id == id));

    private Task<bool> ClearanceExistsAsync(string number) => Query(db => db.Clearances.AnyAsync(c => c.Number == number));

    [Fact]
    public async Task Purge_PassageWithoutHitPastItsPeriod_GoesWithItsTraveller_AuditedWithCountsOnly_AndTheTrailStillVerifies()
    {
        string family = "Kasrini" + TestData.UniqueLetters();
        PassageView passage = await CrossAsync($"Salem {family}", NewDocument());
        Assert.Empty(passage.Hits);

        // Within its period: kept.
        fixture.Clock.Advance(Defaults.Passages - TimeSpan.FromDays(1));
        await PurgeAsync();
        Assert.True(await PassageExistsAsync(passage.Id));
        Assert.True(await TravellerExistsAsync(passage.Traveller.Id));

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        DateTime runUtc = fixture.Clock.GetUtcNow().UtcDateTime;
        RetentionRun run = await PurgeAsync();

        Assert.False(await PassageExistsAsync(passage.Id));
        Assert.False(await TravellerExistsAsync(passage.Traveller.Id));
        Assert.False(await Query(db => db.TravelDocuments.AnyAsync(d => d.TravellerId == passage.Traveller.Id)));
        Assert.Equal(RetentionRecordTypes.All, run.Counts.Select(c => c.RecordType));
        Assert.True(run.Counts.Single(c => c.RecordType == RetentionRecordTypes.Passages).Count >= 1);
        Assert.True(run.Counts.Single(c => c.RecordType == RetentionRecordTypes.Travellers).Count >= 1);

        // One row per record type for the run, with the count; no name, no document number.
        List<AuditEntry> rows = await Query(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.RetentionPurged && a.OccurredUtc == runUtc).ToListAsync());
        Assert.Equal([.. RetentionRecordTypes.All.Order(StringComparer.Ordinal)], rows.Select(r => r.EntityId).Order(StringComparer.Ordinal));
        AuditEntry passagesRow = rows.Single(r => r.EntityId == RetentionRecordTypes.Passages);
        Assert.StartsWith($"purged={run.Counts.Single(c => c.RecordType == RetentionRecordTypes.Passages).Count};period=1095d;", passagesRow.Details, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain(family, r.Details!, StringComparison.OrdinalIgnoreCase));

        // The rows that named the passage stay, by id, and the chain holds.
        Assert.True(await Query(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PassageRecorded && a.EntityId == passage.Id.ToString())));
        AuditVerification verified = await Query(db => VerifyAudit.HandleAsync(db, null, CancellationToken.None));
        Assert.True(verified.Intact, verified.Message);
    }

    [Fact]
    public async Task Purge_PassageWhoseHitIsUndecided_IsKeptPastEveryPeriod()
    {
        string family = "Sfaxi" + TestData.UniqueLetters();
        await ListAsync(family);
        PassageView passage = await CrossAsync($"Miloud {family}", NewDocument());
        Assert.Equal(PassageDecision.Referred, passage.Decision);
        Guid hitId = Assert.Single(passage.Hits).Id;

        fixture.Clock.Advance(Defaults.Hits + Defaults.Passages);
        await PurgeAsync();

        Assert.True(await PassageExistsAsync(passage.Id));
        Assert.True(await HitExistsAsync(hitId));
        Assert.True(await TravellerExistsAsync(passage.Traveller.Id));
    }

    [Fact]
    public async Task Purge_DecidedHitWithoutClearance_GoesAfterTheHitsPeriod_ThenItsPassage()
    {
        string family = "Gabsi" + TestData.UniqueLetters();
        await ListAsync(family);
        PassageView passage = await CrossAsync($"Miloud {family}", NewDocument());
        Guid hitId = Assert.Single(passage.Hits).Id;
        Actor officer = await fixture.ActorAsync(TunOfficer);
        AdjudicationResult decided = await Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(officer, hitId, "inconclusive", "Cannot tell without the owner", CancellationToken.None));
        Assert.Equal(AdjudicationOutcome.Done, decided.Outcome);
        Assert.Equal(HitStatus.AwaitingOwner, decided.Hit!.Status);

        // Waiting for the owner is not decided: kept.
        fixture.Clock.Advance(Defaults.Hits + TimeSpan.FromDays(1));
        await PurgeAsync();
        Assert.True(await HitExistsAsync(hitId));

        // Closed (the owner's answer recorded), then past the hits' period: the hit goes, and with it the passage.
        await Query(db => db.Hits.Where(h => h.Id == hitId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HitStatus.Closed)));
        await PurgeAsync();
        Assert.False(await HitExistsAsync(hitId));
        Assert.False(await PassageExistsAsync(passage.Id));
        Assert.False(await TravellerExistsAsync(passage.Traveller.Id));
    }

    [Fact]
    public async Task Purge_ClearanceInForce_IsKeptWithTheHitPassageAndTravellerBehindIt_AfterRevocationAllGoInTurn()
    {
        string family = "Jerbi" + TestData.UniqueLetters();
        await ListAsync(family);
        PassageView passage = await CrossAsync($"Miloud {family}", NewDocument());
        Guid hitId = Assert.Single(passage.Hits).Id;
        Actor officer = await fixture.ActorAsync(TunOfficer);
        AdjudicationResult decided = await Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(officer, hitId, "negative", "Documents checked at secondary", CancellationToken.None));
        string number = decided.Hit!.ClearanceNumber!;

        // Years later the clearance still covers: nothing of it goes.
        fixture.Clock.Advance(Defaults.Hits + Defaults.Passages + Defaults.Clearances);
        await PurgeAsync();
        Assert.True(await ClearanceExistsAsync(number));
        Assert.True(await HitExistsAsync(hitId));
        Assert.True(await PassageExistsAsync(passage.Id));
        Assert.True(await TravellerExistsAsync(passage.Traveller.Id));

        // Revoked: the hit and passage (long past their periods) go; the clearance stays its own period, and its traveller with it.
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        (ClearanceView? revoked, string? error) = await Use<(ClearanceView?, string?), RevokeClearance>(u => u.HandleAsync(supervisor, number, "Entry holder's documents proved forged", CancellationToken.None));
        Assert.Null(error);
        Assert.NotNull(revoked);
        await PurgeAsync();
        Assert.False(await HitExistsAsync(hitId));
        Assert.False(await PassageExistsAsync(passage.Id));
        Assert.True(await ClearanceExistsAsync(number));
        Assert.True(await TravellerExistsAsync(passage.Traveller.Id));

        fixture.Clock.Advance(Defaults.Clearances + TimeSpan.FromDays(1));
        await PurgeAsync();
        Assert.False(await ClearanceExistsAsync(number));
        Assert.False(await TravellerExistsAsync(passage.Traveller.Id));
    }

    [Fact]
    public async Task Purge_OutboxMessageNotYetDelivered_KeepsItsPayload_DeliveredOnesAreEmptiedAndKept()
    {
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        string payload = "{\"traveller\":{\"fullNameLatin\":\"Miloud " + TestData.UniqueLetters() + "\"}}";
        var pending = new OutboxMessage { Recipient = "LBY", Type = MessageTypes.HitNotification, Payload = payload, CreatedUtc = now, NextAttemptUtc = now };
        var delivered = new OutboxMessage { Recipient = "LBY", Type = MessageTypes.HitNotification, Payload = payload, CreatedUtc = now, NextAttemptUtc = now, Status = OutboxStatus.Delivered, DeliveredUtc = now };
        await Query(db =>
        {
            db.OutboxMessages.AddRange(pending, delivered);
            return db.SaveChangesAsync();
        });

        fixture.Clock.Advance(Defaults.OutboxPayloads + TimeSpan.FromDays(1));
        await PurgeAsync();

        Assert.Equal(payload, await Query(db => db.OutboxMessages.Where(m => m.MessageId == pending.MessageId).Select(m => m.Payload).SingleAsync()));
        Assert.Equal(PurgeExpiredRecords.PurgedPayload, await Query(db => db.OutboxMessages.Where(m => m.MessageId == delivered.MessageId).Select(m => m.Payload).SingleAsync()));
    }

    [Fact]
    public async Task Purge_InboxMessageAwaitingOurReply_KeepsItsPayload_OthersAreEmptied_AndTheRowStillStopsAReplay()
    {
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        string payload = "{\"traveller\":{\"fullNameLatin\":\"Miloud " + TestData.UniqueLetters() + "\"}}";
        InboxMessage Message(string type, DateTime? replied) => new()
        {
            MessageId = Guid.CreateVersion7(), Sender = "LBY", Recipient = "TUN", Type = type, Version = 1, CreatedUtc = now, ReceivedUtc = now,
            ReplyDueUtc = MessageTypes.ExpectsReply(type) ? now.AddHours(12) : null, Sequence = Random.Shared.Next(1, int.MaxValue), Payload = payload, RepliedUtc = replied,
        };
        InboxMessage awaiting = Message(MessageTypes.HitNotification, null);
        InboxMessage answered = Message(MessageTypes.HitNotification, now.AddHours(1));
        InboxMessage notice = Message(MessageTypes.ClearanceNotice, null);
        await Query(db =>
        {
            db.InboxMessages.AddRange(awaiting, answered, notice);
            return db.SaveChangesAsync();
        });

        fixture.Clock.Advance(Defaults.InboxPayloads + TimeSpan.FromDays(1));
        await PurgeAsync();

        Dictionary<Guid, string> after = await Query(db => db.InboxMessages.Where(m => m.MessageId == awaiting.MessageId || m.MessageId == answered.MessageId || m.MessageId == notice.MessageId)
            .ToDictionaryAsync(m => m.MessageId, m => m.Payload));
        Assert.Equal(payload, after[awaiting.MessageId]);
        Assert.Equal(PurgeExpiredRecords.PurgedPayload, after[answered.MessageId]);
        Assert.Equal(PurgeExpiredRecords.PurgedPayload, after[notice.MessageId]);
    }

    [Fact]
    public async Task Purge_AttachmentsOfAClosedIncidentPastTheirPeriodGo_AnOpenIncidentKeepsItsOwn()
    {
        DateTime now = fixture.Clock.GetUtcNow().UtcDateTime;
        Incident Incident(DateTime? closed) => new()
        {
            Agency = "TUN", Type = IncidentType.SecurityIncident, Impact = ImpactLevel.Low, CrossingPointId = TestData.Crossing, Title = "Seizure at lane 2",
            OccurredUtc = now, RecordedUtc = now, FirstReportDueUtc = now, ClosedUtc = closed,
        };
        Incident open = Incident(null);
        Incident closed = Incident(now);
        IncidentAttachment Attachment(Incident incident) => new() { IncidentId = incident.Id, Agency = "TUN", FileName = "photo.png", ContentType = "image/png", Size = 8, Sha256 = new string('a', 64), UploadedUtc = now };
        IncidentAttachment kept = Attachment(open);
        IncidentAttachment gone = Attachment(closed);
        await Query(db =>
        {
            db.Incidents.AddRange(open, closed);
            db.IncidentAttachments.AddRange(kept, gone);
            db.IncidentAttachmentContents.AddRange(new IncidentAttachmentContent { AttachmentId = kept.Id, Bytes = [1, 2] }, new IncidentAttachmentContent { AttachmentId = gone.Id, Bytes = [3, 4] });
            return db.SaveChangesAsync();
        });

        fixture.Clock.Advance(Defaults.Attachments + TimeSpan.FromDays(1));
        await PurgeAsync();

        Assert.True(await Query(db => db.IncidentAttachmentContents.AnyAsync(c => c.AttachmentId == kept.Id)));
        Assert.False(await Query(db => db.IncidentAttachments.AnyAsync(a => a.Id == gone.Id)));
        Assert.False(await Query(db => db.IncidentAttachmentContents.AnyAsync(c => c.AttachmentId == gone.Id)));
        Assert.True(await Query(db => db.Incidents.AnyAsync(i => i.Id == closed.Id)));
    }

    [Fact]
    public async Task Purge_DryRun_CountsWhatWouldGo_ChangesNothing_WritesNoAuditRow()
    {
        string family = "Tozeuri" + TestData.UniqueLetters();
        PassageView passage = await CrossAsync($"Salem {family}", NewDocument());
        fixture.Clock.Advance(Defaults.Passages + TimeSpan.FromDays(1));
        long chainBefore = await Query(db => db.AuditChainHeads.Select(h => h.Position).SingleAsync());

        RetentionRun dry = await PurgeAsync(dryRun: true);

        Assert.True(dry.DryRun);
        Assert.True(dry.Counts.Single(c => c.RecordType == RetentionRecordTypes.Passages).Count >= 1);
        Assert.True(dry.Counts.Single(c => c.RecordType == RetentionRecordTypes.Travellers).Count >= 1);
        Assert.True(await PassageExistsAsync(passage.Id));
        Assert.True(await TravellerExistsAsync(passage.Traveller.Id));
        Assert.Equal(chainBefore, await Query(db => db.AuditChainHeads.Select(h => h.Position).SingleAsync()));

        // The real run purges what the dry run counted (this test's passage among them).
        RetentionRun real = await PurgeAsync();
        Assert.Equal(
            dry.Counts.Where(c => c.RecordType is RetentionRecordTypes.Passages or RetentionRecordTypes.Travellers).Select(c => c.Count),
            real.Counts.Where(c => c.RecordType is RetentionRecordTypes.Passages or RetentionRecordTypes.Travellers).Select(c => c.Count));
        Assert.False(await PassageExistsAsync(passage.Id));
    }

    [Fact]
    public async Task RetentionJob_OnTheNodeClock_PurgesWhenTheIntervalIsOver_NotBefore()
    {
        string family = "Monastiri" + TestData.UniqueLetters();
        PassageView passage = await CrossAsync($"Salem {family}", NewDocument());
        fixture.Clock.Advance(Defaults.Passages + TimeSpan.FromDays(1));

        // A run now (as another instance or the command line would): the job's next run is due one interval after it.
        await PurgeAsync(dryRun: false);
        PassageView later = await CrossAsync($"Salem {family}", NewDocument());
        fixture.Clock.Advance(Defaults.Passages - TimeSpan.FromHours(1));
        using var job = new RetentionJob(
            fixture.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new RetentionOptions()), Options.Create(new NodeOptions { Agency = "TUN" }),
            fixture.Clock, NullLogger<RetentionJob>.Instance);
        DateTime startedUtc = fixture.Clock.GetUtcNow().UtcDateTime;
        await job.StartAsync(CancellationToken.None);
        try
        {
            // That run was more than an interval ago: the job runs at once. The passage recorded after it is past
            // its period only in an hour, and stays; the job looks again when its interval is over.
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (await Query(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.RetentionPurged && a.OccurredUtc == startedUtc)) < RetentionRecordTypes.All.Count
                && started.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            Assert.False(await PassageExistsAsync(passage.Id));
            Assert.True(await PassageExistsAsync(later.Id));
            fixture.Clock.Advance(TimeSpan.FromHours(2));
            await Task.Delay(300);
            Assert.True(await PassageExistsAsync(later.Id));

            fixture.Clock.Advance(Defaults.Interval);
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            while (await PassageExistsAsync(later.Id) && elapsed.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            Assert.False(await PassageExistsAsync(later.Id));
            Assert.True(await Query(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RetentionPurged && a.UserName == "system" && a.OccurredUtc > startedUtc)));
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }
}

public sealed class SqliteRetentionTests(SqliteCoreFixture fixture) : RetentionTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresRetentionTests(PostgresCoreFixture fixture) : RetentionTests(fixture), IClassFixture<PostgresCoreFixture>;
