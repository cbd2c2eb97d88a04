using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>Issue 22 point 8: an entry past its expiry date stops alerting by itself, on the node's calendar.</summary>
public abstract class ExpiryTests(CoreFixture fixture)
{
    private static readonly string TunOfficer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    private static RecordPassageRequest Crossing(string latin, string birthDate, string document) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: birthDate, Sex: "M", Nationality: "LBY", DocumentType: "P", DocumentNumber: document, DocumentIssuingState: "LBY"),
        Mrz: null);

    private static string NewDocument() => "LY" + Random.Shared.Next(1_000_000, 9_999_999);

    private async Task<PassageView> CrossAsync(Actor actor, RecordPassageRequest request)
    {
        RecordPassageResult result = await fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(actor, request, CancellationToken.None));
        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        return result.Passage!;
    }

    private async Task ListAsync(string category, string family, string birthDate, string expiryDate)
    {
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        SaveEntryResult saved = await fixture.InScopeAsync(sp => sp.GetRequiredService<SaveEntry>().CreateAsync(supervisor, new WatchlistEntryInput(
            Category: category, Reference: "TN-" + Guid.NewGuid().ToString("N")[..10], FullNameLatin: $"Miloud {family}", Sex: "M",
            BirthDates: [birthDate], LegalBasis: "Court order 12/2024", ExpiryDate: expiryDate), CancellationToken.None));
        Assert.Equal(SaveEntryOutcome.Saved, saved.Outcome);
    }

    [Fact]
    public async Task RecordPassage_EntryPastItsExpiryDate_StopsAlertingByItself()
    {
        string family = "Bizerti" + TestData.UniqueLetters();
        DateOnly today = fixture.Services.GetRequiredService<NodeCalendar>().DayOf(fixture.Clock.GetUtcNow().UtcDateTime);
        await ListAsync("refuseEntry", family, "1976", today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Actor officer = await fixture.ActorAsync(TunOfficer);

        PassageView beforeExpiry = await CrossAsync(officer, Crossing($"Miloud {family}", "1976-05-06", NewDocument()));
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        PassageView onExpiryDay = await CrossAsync(officer, Crossing($"Miloud {family}", "1976-05-06", NewDocument()));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        PassageView afterExpiry = await CrossAsync(officer, Crossing($"Miloud {family}", "1976-05-06", NewDocument()));

        Assert.Equal(PassageDecision.Referred, beforeExpiry.Decision);
        Assert.Equal(PassageDecision.Referred, onExpiryDay.Decision);
        Assert.Equal(PassageDecision.Cleared, afterExpiry.Decision);
        Assert.Empty(afterExpiry.Hits);
    }
}

public sealed class SqliteExpiryTests(SqliteCoreFixture fixture) : ExpiryTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresExpiryTests(PostgresCoreFixture fixture) : ExpiryTests(fixture), IClassFixture<PostgresCoreFixture>;
