using Maabar.Core.Data;
using Maabar.Core.Features.Clearances;
using Maabar.Core.Features.Hits;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Reports;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The similar-names problem end to end, through the use cases on a real database: a namesake is stopped
/// once, cleared, crosses again without a stop (on both sides); a material correction of the entry, a
/// revocation, another document or the listed person's date of birth alert again.
/// </summary>
public abstract class NamesakeStoryTests(CoreFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
    private static readonly string TunSupervisor = TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor);
    private static readonly string LbyOfficer = TestData.UserName(AgencyCode.Libya, Roles.Officer);

    private static RecordPassageRequest Crossing(string latin, string birthDate, string document, string? father = null) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: birthDate, Sex: "M", Nationality: "LBY", FatherName: father, DocumentType: "P", DocumentNumber: document, DocumentIssuingState: "LBY"),
        Mrz: null);

    private Task<T> Use<T, TService>(Func<TService, Task<T>> action)
        where TService : notnull =>
        fixture.InScopeAsync(sp => action(sp.GetRequiredService<TService>()));

    private async Task<PassageView> CrossAsync(Actor actor, RecordPassageRequest request)
    {
        RecordPassageResult result = await Use<RecordPassageResult, RecordPassage>(u => u.HandleAsync(actor, request, CancellationToken.None));
        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        return result.Passage!;
    }

    private async Task<EntryView> ListAsync(string family, IReadOnlyList<string> birthDates, params string[] shareWith)
    {
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        SaveEntryResult saved = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Category: "refuseEntry", Reference: "TN-" + Guid.NewGuid().ToString("N")[..10], FullNameLatin: $"Miloud {family}", Sex: "M",
            BirthDates: birthDates, LegalBasis: "Court order 12/2024", ShareWith: shareWith), CancellationToken.None));
        Assert.Equal(SaveEntryOutcome.Saved, saved.Outcome);
        return saved.Entry!;
    }

    private Task<AdjudicationResult> DecideAsync(Actor actor, Guid hit, string outcome) =>
        Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(actor, hit, outcome, "Documents checked at secondary", CancellationToken.None));

    [Fact]
    public async Task Namesake_IsStoppedOnce_ClearedOnBothSides_AndAlertedAgainWhenTheEntryChanges()
    {
        string family = "Zintani" + TestData.UniqueLetters();
        EntryView entry = await ListAsync(family, ["1985", "1961-11-20"], AgencyCode.Libya);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        Actor libyan = await fixture.ActorAsync(LbyOfficer);
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);

        // First crossing: stopped, referred, decided negative after the documents were checked.
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", document));
        Assert.Equal(PassageDecision.Referred, first.Decision);
        HitView hit = Assert.Single(first.Hits);
        Assert.Equal(entry.Id, hit.EntryId);
        fixture.Clock.Advance(TimeSpan.FromMinutes(7));
        AdjudicationResult negative = await DecideAsync(officer, hit.Id, "negative");
        Assert.Equal(AdjudicationOutcome.Done, negative.Outcome);
        Assert.Equal(HitStatus.Closed, negative.Hit!.Status);
        Assert.Equal(7 * 60, negative.Hit.SecondsToDecision);
        string number = Assert.IsType<string>(negative.Hit.ClearanceNumber);
        Assert.Equal(number, ClearanceNumbers.Normalize(number.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));

        // Next crossing, either side: not stopped; the passage says which clearance covered it.
        PassageView again = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", document));
        Assert.Equal(PassageDecision.Cleared, again.Decision);
        Assert.Empty(again.Hits);
        Assert.Equal(number, again.ClearanceNumber);
        PassageView otherSide = await CrossAsync(libyan, Crossing($"Miloud {family}", "1985-03-04", document));
        Assert.Equal(PassageDecision.Cleared, otherSide.Decision);
        Assert.Equal(number, otherSide.ClearanceNumber);

        // Another document with the same name and date: the clearance is not theirs.
        PassageView otherDocument = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        Assert.Equal(entry.Id, Assert.Single(otherDocument.Hits).EntryId);

        // The cleared traveller's name with the listed person's own date of birth alerts.
        PassageView listedBirthDate = await CrossAsync(officer, Crossing($"Miloud {family}", "1961-11-20", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        Assert.Equal(entry.Id, Assert.Single(listedBirthDate.Hits).EntryId);

        // The owner corrects the entry's date of birth (a material change): the next crossing alerts again.
        SaveEntryResult corrected = await Use<SaveEntryResult, SaveEntry>(u => u.UpdateAsync(supervisor, entry.Id, new WatchlistEntryInput(
            Category: "refuseEntry", Reference: entry.Reference, FullNameLatin: entry.FullNameLatin, Sex: "M", BirthDates: ["1985-03", "1961-11-20"],
            LegalBasis: entry.LegalBasis, ShareWith: [AgencyCode.Libya]), CancellationToken.None));
        Assert.True(corrected.MaterialChange);
        Assert.Equal(2, corrected.Entry!.Version);
        PassageView afterCorrection = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", document));
        Assert.Equal(PassageDecision.Referred, afterCorrection.Decision);
        Assert.Null(afterCorrection.ClearanceNumber);

        // The public check still knows the number (valid), but only with the holder's date of birth.
        Actor anyone = Actor.System(AgencyCode.Tunisia);
        Assert.Equal(ClearanceStatus.Valid, await Use<ClearanceStatus, CheckClearance>(u => u.HandleAsync(anyone, number, "1985-03-04", CancellationToken.None)));
        Assert.Equal(ClearanceStatus.Unknown, await Use<ClearanceStatus, CheckClearance>(u => u.HandleAsync(anyone, number, "1985-03-05", CancellationToken.None)));

        // The governance report counts the stop, the namesake and the repeat stops avoided.
        Actor analyst = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Analyst));
        IReadOnlyList<NamesakeBurdenRow> report = await Use<IReadOnlyList<NamesakeBurdenRow>, NamesakeBurden>(u => u.HandleAsync(analyst, CancellationToken.None));
        NamesakeBurdenRow row = Assert.Single(report, r => r.EntryId == entry.Id);
        Assert.Equal(1, row.Negatives);
        Assert.Equal(2, row.RepeatStopsAvoided);
        Assert.Equal(1, row.ClearancesIssued);
        Assert.Equal(7.0, row.MedianMinutesToDecision);
        Assert.Contains("parents", row.MissingIdentifiers);

        // Every use of the clearance left an audit row.
        Clearance stored = await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Clearances.AsNoTracking().SingleAsync(c => c.Number == number));
        string id = stored.Id.ToString();
        Assert.Equal(2, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.ClearanceUsed && a.EntityId == id)));
    }

    [Fact]
    public async Task RevokedClearance_AlertsAgain_AndTheStatusSaysRevoked()
    {
        string family = "Warfalli" + TestData.UniqueLetters();
        await ListAsync(family, ["1985"]);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", document));
        string number = (await DecideAsync(officer, Assert.Single(first.Hits).Id, "negative")).Hit!.ClearanceNumber!;

        (ClearanceView? byOfficer, string? officerError) = await Use<(ClearanceView?, string?), RevokeClearance>(u => u.HandleAsync(officer, number, "Wrong decision", CancellationToken.None));
        (ClearanceView? revoked, string? error) = await Use<(ClearanceView?, string?), RevokeClearance>(u => u.HandleAsync(supervisor, number, "Document found to be forged", CancellationToken.None));
        (_, string? twice) = await Use<(ClearanceView?, string?), RevokeClearance>(u => u.HandleAsync(supervisor, number, "again", CancellationToken.None));

        Assert.Null(byOfficer);
        Assert.Equal(ErrorCodes.Forbidden, officerError);
        Assert.Null(error);
        Assert.Equal(ClearanceStatus.Revoked, revoked!.Status);
        Assert.Equal(ErrorCodes.ClearanceAlreadyRevoked, twice);
        PassageView after = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", document));
        Assert.Equal(PassageDecision.Referred, after.Decision);
        Assert.Equal(ClearanceStatus.Revoked, await Use<ClearanceStatus, CheckClearance>(u => u.HandleAsync(Actor.System(AgencyCode.Tunisia), number, "1985-03-04", CancellationToken.None)));
    }

    [Fact]
    public async Task Positive_NeedsASecondPerson()
    {
        string family = "Misrati" + TestData.UniqueLetters();
        await ListAsync(family, ["1985"]);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        PassageView byOfficer = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        PassageView bySupervisor = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));

        // The supervisor decides and tries to confirm their own decision: refused.
        AdjudicationResult own = await DecideAsync(supervisor, Assert.Single(bySupervisor.Hits).Id, "positive");
        AdjudicationResult selfConfirm = await Use<AdjudicationResult, ConfirmHit>(u => u.HandleAsync(supervisor, own.Hit!.Id, true, CancellationToken.None));
        // The officer decides; the officer cannot confirm (not a supervisor); the supervisor can.
        AdjudicationResult decided = await DecideAsync(officer, Assert.Single(byOfficer.Hits).Id, "positive");
        AdjudicationResult officerConfirm = await Use<AdjudicationResult, ConfirmHit>(u => u.HandleAsync(officer, decided.Hit!.Id, true, CancellationToken.None));
        AdjudicationResult confirmed = await Use<AdjudicationResult, ConfirmHit>(u => u.HandleAsync(supervisor, decided.Hit!.Id, true, CancellationToken.None));
        AdjudicationResult decideAgain = await DecideAsync(officer, decided.Hit!.Id, "negative");

        Assert.Equal(HitStatus.AwaitingConfirmation, own.Hit!.Status);
        Assert.Equal((AdjudicationOutcome.Forbidden, ErrorCodes.FourEyes), (selfConfirm.Outcome, selfConfirm.Code));
        Assert.Equal(AdjudicationOutcome.Forbidden, officerConfirm.Outcome);
        Assert.Equal(HitStatus.Closed, confirmed.Hit!.Status);
        Assert.True(confirmed.Hit.Confirmed);
        Assert.Null(decided.Hit.ClearanceNumber);
        Assert.Equal((AdjudicationOutcome.Conflict, ErrorCodes.HitNotDecidable), (decideAgain.Outcome, decideAgain.Code));
    }

    [Fact]
    public async Task Inconclusive_GoesToTheLiaisonDesk_WithAReplyDueIn12Hours()
    {
        string family = "Gharyani" + TestData.UniqueLetters();
        await ListAsync(family, ["1985"]);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor liaison = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.LiaisonOfficer));
        PassageView passage = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        Guid hitId = Assert.Single(passage.Hits).Id;

        AdjudicationResult byLiaisonFirst = await DecideAsync(liaison, hitId, "negative");
        AdjudicationResult inconclusive = await DecideAsync(officer, hitId, "inconclusive");
        fixture.Clock.Advance(TimeSpan.FromHours(13));
        IReadOnlyList<HitQueueItem> desk = await Use<IReadOnlyList<HitQueueItem>, ListHits>(u => u.HandleAsync(liaison, HitStatus.AwaitingOwner, 100, CancellationToken.None));
        AdjudicationResult answered = await DecideAsync(liaison, hitId, "negative");

        Assert.Equal(AdjudicationOutcome.Forbidden, byLiaisonFirst.Outcome);
        Assert.Equal(HitStatus.AwaitingOwner, inconclusive.Hit!.Status);
        Assert.Equal(inconclusive.Hit.DecidedUtc + TimeSpan.FromHours(12), inconclusive.Hit.ReplyDueUtc);
        Assert.True(Assert.Single(desk, h => h.Id == hitId).Overdue);
        Assert.Equal(HitStatus.Closed, answered.Hit!.Status);
        Assert.NotNull(answered.Hit.ClearanceNumber);
    }

    [Fact]
    public async Task BadDecision_IsRefused_AndLeavesTheHitAsItWas()
    {
        string family = "Jadui" + TestData.UniqueLetters();
        await ListAsync(family, ["1985"]);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        PassageView passage = await CrossAsync(officer, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        Guid hitId = Assert.Single(passage.Hits).Id;

        AdjudicationResult badOutcome = await Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(officer, hitId, "maybe", "Checked", CancellationToken.None));
        AdjudicationResult noReason = await Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(officer, hitId, "negative", "  ", CancellationToken.None));
        AdjudicationResult unknownHit = await Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(officer, Guid.CreateVersion7(), "negative", "Checked", CancellationToken.None));

        Assert.Equal((AdjudicationOutcome.Invalid, ErrorCodes.OutcomeInvalid), (badOutcome.Outcome, badOutcome.Code));
        Assert.Equal((AdjudicationOutcome.Invalid, ErrorCodes.ReasonRequired), (noReason.Outcome, noReason.Code));
        Assert.Equal((AdjudicationOutcome.NotFound, ErrorCodes.HitNotFound), (unknownHit.Outcome, unknownHit.Code));
        Hit stored = await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Hits.AsNoTracking().SingleAsync(h => h.Id == hitId));
        Assert.Equal((HitStatus.Open, (HitOutcome?)null, (Guid?)null), (stored.Status, stored.Outcome, stored.ClearanceId));
        string id = hitId.ToString();
        Assert.Equal(0, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.HitDecided && a.EntityId == id)));
    }

    [Fact]
    public async Task NationalOnlyEntry_IsInvisibleToTheOtherAgency()
    {
        string family = "Sabrathi" + TestData.UniqueLetters();
        EntryView entry = await ListAsync(family, ["1985"]);
        Actor libyan = await fixture.ActorAsync(LbyOfficer);
        Actor tunisian = await fixture.ActorAsync(TunOfficer);

        PassageView passage = await CrossAsync(libyan, Crossing($"Miloud {family}", "1985-03-04", "LY" + Random.Shared.Next(1_000_000, 9_999_999)));
        EntryView? read = await Use<EntryView?, ReadEntries>(u => u.GetAsync(libyan, entry.Id, "test", CancellationToken.None));
        IReadOnlyList<EntrySummary> listed = await Use<IReadOnlyList<EntrySummary>, ReadEntries>(u => u.ListAsync(libyan, entry.Reference, 10, 0, CancellationToken.None));
        EntryView? own = await Use<EntryView?, ReadEntries>(u => u.GetAsync(tunisian, entry.Id, "test", CancellationToken.None));

        Assert.Empty(passage.Hits);
        Assert.Null(read);
        Assert.Empty(listed);
        Assert.Equal(entry.Id, own!.Id);
    }

    [Fact]
    public async Task SharedBareName_IsRefusedWithTheReason_AndHistoryRecordsEveryChange()
    {
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        string reference = "TN-" + Guid.NewGuid().ToString("N")[..10];
        var bare = new WatchlistEntryInput(Category: "arrest", Reference: reference, FullNameLatin: "Miloud Bare" + TestData.UniqueLetters(), ShareWith: [AgencyCode.Libya]);

        SaveEntryResult refused = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, bare, CancellationToken.None));
        SaveEntryResult byOfficer = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(officer, bare with { ShareWith = [] }, CancellationToken.None));
        SaveEntryResult national = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, bare with { ShareWith = [] }, CancellationToken.None));
        SaveEntryResult reviewOnly = await Use<SaveEntryResult, SaveEntry>(u => u.UpdateAsync(supervisor, national.Entry!.Id, bare with { ShareWith = [], ReviewDate = "2027-06-30" }, CancellationToken.None));
        SaveEntryResult withFather = await Use<SaveEntryResult, SaveEntry>(u => u.UpdateAsync(supervisor, national.Entry!.Id, bare with { FatherName = "Salem" }, CancellationToken.None));
        IReadOnlyList<EntryRevisionView>? history = await Use<IReadOnlyList<EntryRevisionView>?, ReadEntries>(u => u.HistoryAsync(supervisor, national.Entry!.Id, CancellationToken.None));

        Assert.Equal(SaveEntryOutcome.Invalid, refused.Outcome);
        Assert.Equal((ErrorCodes.EntryMinimumIdentifiers, "shareWith"), (refused.Errors![0].Code, refused.Errors[0].Field));
        Assert.Equal(SaveEntryOutcome.Forbidden, byOfficer.Outcome);
        Assert.False(reviewOnly.MaterialChange);
        Assert.Equal(1, reviewOnly.Entry!.Version);
        Assert.True(withFather.MaterialChange);
        Assert.Equal([AgencyCode.Libya], withFather.Entry!.ShareWith);
        Assert.NotNull(history);
        Assert.Equal(["created", "updated", "updated"], history.Select(h => h.Change));
        Assert.Equal(["reviewDate"], history[1].Fields);
        Assert.Equal(["fatherName", "reviewDate", "shareWith"], history[2].Fields);
    }

    [Fact]
    public async Task ListedDocumentAndVehicle_AlertByTheirNumbers_WhateverTheName()
    {
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        Actor officer = await fixture.ActorAsync(TunOfficer);
        string number = "LY" + Random.Shared.Next(1_000_000, 9_999_999);
        string plate = Random.Shared.Next(100, 999) + " TU " + Random.Shared.Next(1000, 9999);
        SaveEntryResult document = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Kind: "document", Category: "stolenDocument", Reference: "DOC-" + TestData.UniqueLetters(), Documents: [new ListedDocumentInput("P", number, "LBY")]), CancellationToken.None));
        SaveEntryResult vehicle = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Kind: "vehicle", Category: "specificCheck", Reference: "VEH-" + TestData.UniqueLetters(), VehiclePlate: plate, VehicleCountry: "TUN"), CancellationToken.None));
        SaveEntryResult incomplete = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Kind: "vehicle", Category: "specificCheck", Reference: "VEH-" + TestData.UniqueLetters()), CancellationToken.None));

        PassageView stolen = await CrossAsync(officer, Crossing("Ordinary " + TestData.UniqueLetters(), "1990-01-01", number));
        PassageView otherIssuer = await CrossAsync(officer, Crossing("Ordinary " + TestData.UniqueLetters(), "1990-01-01", number) with
        {
            Identity = new IdentityInput(FullNameLatin: "Ordinary " + TestData.UniqueLetters(), BirthDate: "1990-01-01", DocumentType: "P", DocumentNumber: number, DocumentIssuingState: "TUN"),
        });
        PassageView car = await CrossAsync(officer, Crossing("Driver " + TestData.UniqueLetters(), "1990-01-01", "LY" + Random.Shared.Next(1_000_000, 9_999_999)) with
        {
            VehiclePlate = plate.Replace(" ", "-", StringComparison.Ordinal).ToLowerInvariant(),
            VehicleCountry = "tun",
        });

        HitView documentHit = Assert.Single(stolen.Hits);
        Assert.Equal((document.Entry!.Id, HitBand.Strong), (documentHit.EntryId, documentHit.Band));
        Assert.Equal("documentNumber", Assert.Single(documentHit.Explanation!.Attributes).Attribute);
        Assert.Empty(otherIssuer.Hits);
        Assert.Equal(vehicle.Entry!.Id, Assert.Single(car.Hits).EntryId);
        Assert.Equal(plate.Replace(" ", string.Empty, StringComparison.Ordinal), car.VehiclePlate);
        Assert.Equal((ErrorCodes.EntryIncomplete, "vehiclePlate"), (incomplete.Errors![0].Code, incomplete.Errors[0].Field));
    }
}

public sealed class SqliteNamesakeStoryTests(SqliteCoreFixture fixture) : NamesakeStoryTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresNamesakeStoryTests(PostgresCoreFixture fixture) : NamesakeStoryTests(fixture), IClassFixture<PostgresCoreFixture>;
