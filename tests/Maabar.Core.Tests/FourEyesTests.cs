using Maabar.Core.Data;
using Maabar.Core.Features.Clearances;
using Maabar.Core.Features.Hits;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// Issue 22 point 5: a negative decision on an arrest, terrorism or UN-sanctions entry issues a clearance that
/// covers nothing until a supervisor other than the decider approves it; a listed year or month protects like
/// a listed day; an officer issuing unusually many clearances shows on the supervisor's page.
/// </summary>
public abstract class FourEyesTests(FourEyesFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);
    private static readonly string TunSupervisor = TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor);

    private static RecordPassageRequest Crossing(string latin, string birthDate, string document) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: birthDate, Sex: "M", Nationality: "LBY", DocumentType: "P", DocumentNumber: document, DocumentIssuingState: "LBY"),
        Mrz: null);

    private static string NewDocument() => "LY" + Random.Shared.Next(1_000_000, 9_999_999);

    private Task<T> Use<T, TService>(Func<TService, Task<T>> action)
        where TService : notnull =>
        fixture.InScopeAsync(sp => action(sp.GetRequiredService<TService>()));

    private async Task<PassageView> CrossAsync(Actor actor, RecordPassageRequest request)
    {
        RecordPassageResult result = await Use<RecordPassageResult, RecordPassage>(u => u.HandleAsync(actor, request, CancellationToken.None));
        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        return result.Passage!;
    }

    private async Task<EntryView> ListAsync(string category, string family, string birthDate, string? expiryDate = null)
    {
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        SaveEntryResult saved = await Use<SaveEntryResult, SaveEntry>(u => u.CreateAsync(supervisor, new WatchlistEntryInput(
            Category: category, Reference: "TN-" + Guid.NewGuid().ToString("N")[..10], FullNameLatin: $"Miloud {family}", Sex: "M",
            BirthDates: [birthDate], LegalBasis: "Court order 12/2024", ExpiryDate: expiryDate), CancellationToken.None));
        Assert.Equal(SaveEntryOutcome.Saved, saved.Outcome);
        return saved.Entry!;
    }

    private Task<AdjudicationResult> NegativeAsync(Actor actor, Guid hit) =>
        Use<AdjudicationResult, DecideHit>(u => u.HandleAsync(actor, hit, "negative", "Documents checked at secondary", CancellationToken.None));

    private Task<(ClearanceView? Clearance, string? Error)> ApproveAsync(Actor actor, string number, bool approve, string? reason = null) =>
        Use<(ClearanceView?, string?), ApproveClearance>(u => u.HandleAsync(actor, number, approve, reason, CancellationToken.None));

    private Task<int> AuditCountAsync(string action, string entityId) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == action && a.EntityId == entityId));

    private Task<Clearance> StoredAsync(string number) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().Clearances.AsNoTracking().SingleAsync(c => c.Number == number));

    [Theory]
    [InlineData("arrest")]
    [InlineData("foreignTerroristFighter")]
    [InlineData("unSanctions")]
    public async Task DecideHit_NegativeOnAFourEyesCategory_ClearanceCoversNothingUntilAnotherSupervisorApproves(string category)
    {
        string family = (category switch { "arrest" => "Tarhuni", "unSanctions" => "Kufri", _ => "Sirti" }) + TestData.UniqueLetters();
        await ListAsync(category, family, "1970");
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        string document = NewDocument();
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1970-05-06", document));

        AdjudicationResult negative = await NegativeAsync(officer, Assert.Single(first.Hits).Id);
        string number = Assert.IsType<string>(negative.Hit!.ClearanceNumber);
        PassageView whilePending = await CrossAsync(officer, Crossing($"Miloud {family}", "1970-05-06", document));
        (ClearanceView? byOfficer, string? officerError) = await ApproveAsync(officer, number, true);
        ClearanceStatus publicWhilePending = await Use<ClearanceStatus, CheckClearance>(u => u.HandleAsync(Actor.Public(AgencyCode.Tunisia), number, "1970-05-06", CancellationToken.None));
        (ClearanceView? approved, string? error) = await ApproveAsync(supervisor, number, true);
        PassageView afterApproval = await CrossAsync(officer, Crossing($"Miloud {family}", "1970-05-06", document));
        (_, string? twice) = await ApproveAsync(supervisor, number, true);

        Assert.Equal(HitStatus.Closed, negative.Hit.Status);
        Assert.True(negative.Hit.ClearancePendingApproval);
        Assert.Equal(PassageDecision.Referred, whilePending.Decision);
        Assert.Equal(HitStatus.Open, Assert.Single(whilePending.Hits).Status);
        Assert.Equal((null, ErrorCodes.Forbidden), (byOfficer, officerError));
        Assert.Equal(ClearanceStatus.Unknown, publicWhilePending);
        Assert.Null(error);
        Assert.False(approved!.PendingApproval);
        Assert.Equal(PassageDecision.Cleared, afterApproval.Decision);
        Assert.Equal(number, afterApproval.ClearanceNumber);
        Assert.Equal(ErrorCodes.ClearanceNotPending, twice);
        Clearance stored = await StoredAsync(number);
        Assert.Equal((true, supervisor.UserId), (stored.NeedsApproval, stored.ApprovedBy));
        Assert.Equal(1, await AuditCountAsync(AuditActions.ClearanceApproved, stored.Id.ToString()));
    }

    [Fact]
    public async Task ApproveClearance_ByTheDecidingSupervisor_IsRefusedAndChangesNothing()
    {
        string family = "Ghadamsi" + TestData.UniqueLetters();
        await ListAsync("arrest", family, "1971");
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        string document = NewDocument();
        PassageView first = await CrossAsync(supervisor, Crossing($"Miloud {family}", "1971-05-06", document));
        string number = (await NegativeAsync(supervisor, Assert.Single(first.Hits).Id)).Hit!.ClearanceNumber!;

        (ClearanceView? own, string? error) = await ApproveAsync(supervisor, number, true);
        (_, string? ownRefusal) = await ApproveAsync(supervisor, number, false, "Second thoughts");
        PassageView again = await CrossAsync(supervisor, Crossing($"Miloud {family}", "1971-05-06", document));

        Assert.Null(own);
        Assert.Equal(ErrorCodes.ClearanceFourEyes, error);
        Assert.Equal(ErrorCodes.ClearanceFourEyes, ownRefusal);
        Clearance stored = await StoredAsync(number);
        Assert.Equal(((DateTime?)null, (Guid?)null, (DateTime?)null), (stored.ApprovedUtc, stored.ApprovedBy, stored.RevokedUtc));
        Assert.True(stored.IsPendingApproval);
        Assert.Equal(PassageDecision.Referred, again.Decision);
        Assert.Equal(0, await AuditCountAsync(AuditActions.ClearanceApproved, stored.Id.ToString()));
        Assert.Equal(0, await AuditCountAsync(AuditActions.ClearanceRefused, stored.Id.ToString()));
    }

    [Fact]
    public async Task ApproveClearance_Refused_NeedsAReason_ThenNeverCovers()
    {
        string family = "Nalouti" + TestData.UniqueLetters();
        await ListAsync("unSanctions", family, "1972");
        Actor officer = await fixture.ActorAsync(TunOfficer);
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);
        string document = NewDocument();
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1972-05-06", document));
        string number = (await NegativeAsync(officer, Assert.Single(first.Hits).Id)).Hit!.ClearanceNumber!;

        (_, string? noReason) = await ApproveAsync(supervisor, number, false, " ");
        bool pendingAfterNoReason = (await StoredAsync(number)).IsPendingApproval;
        (ClearanceView? refused, string? error) = await ApproveAsync(supervisor, number, false, "Father's name not checked");
        (_, string? approveAfter) = await ApproveAsync(supervisor, number, true);
        PassageView again = await CrossAsync(officer, Crossing($"Miloud {family}", "1972-05-06", document));

        Assert.Equal(ErrorCodes.ReasonRequired, noReason);
        Assert.True(pendingAfterNoReason);
        Assert.Null(error);
        Assert.Equal(ClearanceStatus.Revoked, refused!.Status);
        Assert.Equal(ErrorCodes.ClearanceNotPending, approveAfter);
        Assert.Equal(PassageDecision.Referred, again.Decision);
        Clearance stored = await StoredAsync(number);
        Assert.Equal(1, await AuditCountAsync(AuditActions.ClearanceRefused, stored.Id.ToString()));
    }

    [Fact]
    public async Task DecideHit_NegativeOnARefuseEntryEntry_CoversAtOnce()
    {
        string family = "Zawi" + TestData.UniqueLetters();
        await ListAsync("refuseEntry", family, "1973");
        Actor officer = await fixture.ActorAsync(TunOfficer);
        string document = NewDocument();
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1973-05-06", document));

        AdjudicationResult negative = await NegativeAsync(officer, Assert.Single(first.Hits).Id);
        PassageView again = await CrossAsync(officer, Crossing($"Miloud {family}", "1973-05-06", document));

        Assert.False(negative.Hit!.ClearancePendingApproval);
        Assert.Equal(PassageDecision.Cleared, again.Decision);
    }

    [Fact]
    public async Task RecordPassage_TravellerWithOnlyTheListedBirthYear_IsNotCoveredByAClearance()
    {
        string family = "Sousi" + TestData.UniqueLetters();
        await ListAsync("refuseEntry", family, "1974");
        Actor officer = await fixture.ActorAsync(TunOfficer);
        string document = NewDocument();
        PassageView first = await CrossAsync(officer, Crossing($"Miloud {family}", "1974", document));
        AdjudicationResult negative = await NegativeAsync(officer, Assert.Single(first.Hits).Id);

        PassageView again = await CrossAsync(officer, Crossing($"Miloud {family}", "1974", document));

        Assert.NotNull(negative.Hit!.ClearanceNumber);
        Assert.Equal(PassageDecision.Referred, again.Decision);
        Assert.Null(again.ClearanceNumber);
    }

    [Fact]
    public async Task ClearanceSupervision_OfficerAboveTheThreshold_IsListed_UntilTheWindowPasses()
    {
        // The fixture sets Clearances:UnusualClearances=2 in a 24-hour window.
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor supervisor = await fixture.ActorAsync(TunSupervisor);

        // The other tests' clearances fall out of the window first.
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        ClearanceSupervisionView? before = await Use<ClearanceSupervisionView?, ClearanceSupervision>(u => u.HandleAsync(supervisor, CancellationToken.None));
        for (int i = 0; i < 3; i++)
        {
            string family = new[] { "Kairouani", "Mahdaoui", "Jerbi" }[i] + TestData.UniqueLetters();
            await ListAsync("refuseEntry", family, "1975");
            PassageView passage = await CrossAsync(officer, Crossing($"Miloud {family}", "1975-05-06", NewDocument()));
            Assert.NotNull((await NegativeAsync(officer, Assert.Single(passage.Hits).Id)).Hit!.ClearanceNumber);
        }

        ClearanceSupervisionView? after = await Use<ClearanceSupervisionView?, ClearanceSupervision>(u => u.HandleAsync(supervisor, CancellationToken.None));
        ClearanceSupervisionView? byOfficer = await Use<ClearanceSupervisionView?, ClearanceSupervision>(u => u.HandleAsync(officer, CancellationToken.None));
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        ClearanceSupervisionView? nextDay = await Use<ClearanceSupervisionView?, ClearanceSupervision>(u => u.HandleAsync(supervisor, CancellationToken.None));

        Assert.DoesNotContain(before!.UnusualIssuers, u => u.UserId == officer.UserId);
        UnusualIssuer listed = Assert.Single(after!.UnusualIssuers, u => u.UserId == officer.UserId);
        Assert.Equal(3, listed.Clearances);
        Assert.Equal(officer.UserName, listed.UserName);
        Assert.Equal(2, after.Threshold);
        Assert.Null(byOfficer);
        Assert.DoesNotContain(nextDay!.UnusualIssuers, u => u.UserId == officer.UserId);
    }
}

/// <summary>The core fixture with a low threshold of unusual clearances (2 in 24 hours), so a test can cross it.</summary>
public abstract class FourEyesFixture(StorageProvider provider) : CoreFixture(provider)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Clearances:UnusualClearances", "2"), new("Clearances:UnusualWindow", "1.00:00:00")];
}

public sealed class SqliteFourEyesFixture() : FourEyesFixture(StorageProvider.Sqlite);

public sealed class PostgresFourEyesFixture() : FourEyesFixture(StorageProvider.Postgres);

public sealed class SqliteFourEyesTests(SqliteFourEyesFixture fixture) : FourEyesTests(fixture), IClassFixture<SqliteFourEyesFixture>;

public sealed class PostgresFourEyesTests(PostgresFourEyesFixture fixture) : FourEyesTests(fixture), IClassFixture<PostgresFourEyesFixture>;
