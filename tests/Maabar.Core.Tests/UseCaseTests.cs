using Maabar.Core.Data;
using Maabar.Core.Features.Audit;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Names;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

public abstract class UseCaseTests(CoreFixture fixture)
{
    private static readonly string Officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    private static RecordPassageRequest Request(string latin, string? document = null, string? key = null) => new(
        TestData.Crossing, "CAR-IN-1", "entry",
        new IdentityInput(FullNameLatin: latin, BirthDate: "1985-03-04", DocumentNumber: document, DocumentIssuingState: document is null ? null : "TUN"),
        Mrz: null, IdempotencyKey: key);

    private Task<RecordPassageResult> RecordAsync(Actor actor, RecordPassageRequest request) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(actor, request, CancellationToken.None));

    private Task<int> CountAsync(Func<MaabarDbContext, Task<int>> query) =>
        fixture.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    [Fact]
    public async Task RecordPassage_StampsTheInjectedClock()
    {
        Actor actor = await fixture.ActorAsync(Officer);

        RecordPassageResult result = await RecordAsync(actor, Request(TestData.UniqueLatinName()));

        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, result.Passage!.RecordedUtc);
        Assert.Equal(DateTimeKind.Utc, result.Passage.RecordedUtc.Kind);
    }

    [Fact]
    public async Task RecordPassage_SameDocumentAgain_ReusesTheTravellerRecord()
    {
        Actor actor = await fixture.ActorAsync(Officer);
        string name = TestData.UniqueLatinName();
        string document = "T" + Random.Shared.Next(1_000_000, 9_999_999);

        RecordPassageResult first = await RecordAsync(actor, Request(name, document));
        RecordPassageResult second = await RecordAsync(actor, Request(name, document));

        Assert.Equal(first.Passage!.Traveller.Id, second.Passage!.Traveller.Id);
        Assert.NotEqual(first.Passage.Id, second.Passage.Id);
        string key = NameNormalizer.CompactKey(name);
        Assert.Equal(1, await CountAsync(db => db.Travellers.CountAsync(t => t.NameKeyLatin == key)));
    }

    [Fact]
    public async Task RecordPassage_ConcurrentRetriesWithOneKey_StoreOnePassage()
    {
        Actor actor = await fixture.ActorAsync(Officer);
        string name = TestData.UniqueLatinName();
        string key = Guid.NewGuid().ToString();

        RecordPassageResult[] results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RecordAsync(actor, Request(name, key: key)))));

        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { RecordPassageOutcome.Recorded, RecordPassageOutcome.Replayed }));
        Assert.Single(results.Select(r => r.Passage!.Id).Distinct());
        string nameKey = NameNormalizer.CompactKey(name);
        Assert.Equal(1, await CountAsync(db => db.Passages.CountAsync(p => p.Traveller!.NameKeyLatin == nameKey)));
    }

    [Fact]
    public async Task GetPassage_OtherAgency_IsNullAndWritesNoAudit()
    {
        Actor tunisian = await fixture.ActorAsync(Officer);
        Actor libyan = await fixture.ActorAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        RecordPassageResult recorded = await RecordAsync(tunisian, Request(TestData.UniqueLatinName()));
        string id = recorded.Passage!.Id.ToString();

        PassageView? view = await fixture.InScopeAsync(sp => sp.GetRequiredService<GetPassage>().HandleAsync(libyan, recorded.Passage.Id, "test", CancellationToken.None));

        Assert.Null(view);
        Assert.Equal(0, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PassageRead && a.EntityId == id)));
    }

    [Fact]
    public async Task GetPassage_WithHit_AuditsEveryWatchlistEntryShown()
    {
        Actor actor = await fixture.ActorAsync(Officer);
        string name = TestData.UniqueLatinName("Listed");
        WatchlistEntry entry = await TestData.AddEntryAsync(fixture.Services, AgencyCode.Tunisia, null, name, null);
        RecordPassageResult recorded = await RecordAsync(actor, Request(name));

        await fixture.InScopeAsync(sp => sp.GetRequiredService<GetPassage>().HandleAsync(actor, recorded.Passage!.Id, "secondary inspection", CancellationToken.None));

        string entryId = entry.Id.ToString();
        Assert.Equal(1, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.WatchlistEntryRead && a.EntityId == entryId && a.Purpose == "secondary inspection")));
    }

    [Fact]
    public async Task CreateUser_WeakPassword_LeavesNeitherUserNorAudit()
    {
        Actor admin = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Administrator));
        string name = "weak-" + Guid.NewGuid().ToString("N")[..8];

        CreateUserResult result = await fixture.InScopeAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(admin, new CreateUserRequest(name, "short", "TUN", [Roles.Officer]), CancellationToken.None));

        Assert.Equal(CreateUserOutcome.Invalid, result.Outcome);
        Assert.Equal(0, await CountAsync(db => db.Users.CountAsync(u => u.UserName == name)));
        Assert.Equal(0, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserCreated && a.UserId == admin.UserId && a.OccurredUtc > fixture.Clock.GetUtcNow().UtcDateTime)));
    }

    [Fact]
    public async Task CreateUser_Valid_WritesUserRolesAndAuditTogether()
    {
        Actor admin = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Administrator));
        string name = "ok-" + Guid.NewGuid().ToString("N")[..8];

        CreateUserResult result = await fixture.InScopeAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(admin, new CreateUserRequest(name, "Strong-password-77", "TUN", [Roles.Officer, Roles.Supervisor, Roles.Officer]), CancellationToken.None));

        Assert.Equal(CreateUserOutcome.Created, result.Outcome);
        Assert.Equal([Roles.Officer, Roles.Supervisor], result.User!.Roles);
        string id = result.User.Id.ToString();
        Assert.Equal(1, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserCreated && a.EntityId == id)));
        Assert.Equal(2, await CountAsync(db => db.UserRoles.CountAsync(r => r.UserId == result.User.Id)));
    }

    [Fact]
    public async Task QueryAudit_IsItselfAudited()
    {
        Actor admin = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Administrator));

        await fixture.InScopeAsync(sp => sp.GetRequiredService<QueryAudit>().HandleAsync(admin, new AuditQuery(Limit: 5), CancellationToken.None));

        Assert.True(await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AuditRead && a.UserId == admin.UserId)) >= 1);
    }

    [Fact]
    public async Task Screening_FollowsTheEntriesTable_AddedChangedAndRemovedEntries()
    {
        Actor actor = await fixture.ActorAsync(Officer);
        string family = TestData.UniqueLetters();
        string name = $"Hamza Ben Faraj {family}";

        // The index is built by the first screening, before this entry exists.
        await RecordAsync(actor, Request(TestData.UniqueLatinName()));
        WatchlistEntry entry = await TestData.AddEntryAsync(fixture.Services, AgencyCode.Tunisia, null, name, "1985");
        RecordPassageResult added = await RecordAsync(actor, Request($"Hamza {family}"));
        Assert.Equal(entry.Id, Assert.Single(added.Passage!.Hits).EntryId);

        // The date of birth is corrected (a new version): the same traveller is now a namesake.
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            WatchlistEntry stored = await db.WatchlistEntries.SingleAsync(e => e.Id == entry.Id);
            PartialDate.TryParse("1960-06-01", out PartialDate corrected);
            stored.BirthDate = corrected;
            stored.Version++;
            return await db.SaveChangesAsync();
        });
        RecordPassageResult changed = await RecordAsync(actor, Request($"Hamza {family}"));
        Assert.Empty(changed.Passage!.Hits);

        // Gone from the table, gone from screening (a traveller born in 1960 would match the corrected entry).
        RecordPassageResult before = await RecordAsync(actor, Request($"Hamza {family}") with { Identity = new IdentityInput(FullNameLatin: $"Hamza {family}", BirthDate: "1960-06-01") });
        Assert.Single(before.Passage!.Hits);
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            await db.Hits.Where(h => h.WatchlistEntryId == entry.Id).ExecuteDeleteAsync();
            return await db.WatchlistEntries.Where(e => e.Id == entry.Id).ExecuteDeleteAsync();
        });
        RecordPassageResult removed = await RecordAsync(actor, Request($"Hamza {family}") with { Identity = new IdentityInput(FullNameLatin: $"Hamza {family}", BirthDate: "1960-06-01") });
        Assert.Empty(removed.Passage!.Hits);
    }

    [Fact]
    public async Task Screening_UsesAliasesOtherBirthDatesAndParents()
    {
        Actor actor = await fixture.ActorAsync(Officer);
        string family = TestData.UniqueLetters();
        WatchlistEntry entry = await TestData.AddEntryAsync(fixture.Services, AgencyCode.Tunisia, null, $"Miloud Ben Salem {family}", "1961");
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            WatchlistEntry stored = await db.WatchlistEntries.SingleAsync(e => e.Id == entry.Id);
            stored.OtherBirthDates = ["1985"];
            stored.Aliases = [$"Abou Salem {family}"];
            stored.FatherName = "Salem";
            stored.Documents = [new ListedDocument { Type = "P", Number = "LY" + family, IssuingState = "LBY" }];
            stored.Version++;
            return await db.SaveChangesAsync();
        });

        // Born in 1985, the second date on record: alerted, not held back as a namesake of the 1961 one.
        RecordPassageResult secondDate = await RecordAsync(actor, Request($"Miloud {family}"));
        // Under the alias.
        RecordPassageResult alias = await RecordAsync(actor, Request($"Abou Salem {family}"));
        // Another father's name counts against: a namesake with the same birth year is not alerted.
        RecordPassageResult otherFather = await RecordAsync(actor, Request($"Miloud {family}") with
        {
            Identity = new IdentityInput(FullNameLatin: $"Miloud {family}", BirthDate: "1985-03-04", FatherName: "Nouri Trabelsi"),
        });

        Assert.Equal(entry.Id, Assert.Single(secondDate.Passage!.Hits).EntryId);
        Assert.Equal(entry.Id, Assert.Single(alias.Passage!.Hits).EntryId);
        Assert.Empty(otherFather.Passage!.Hits);
        WatchlistEntry reread = await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().WatchlistEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id));
        Assert.Equal("LBY", Assert.Single(reread.Documents).IssuingState);
        Assert.Equal(["1985"], reread.OtherBirthDates);
    }
}

public sealed class SqliteUseCaseTests(SqliteCoreFixture fixture) : UseCaseTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresUseCaseTests(PostgresCoreFixture fixture) : UseCaseTests(fixture), IClassFixture<PostgresCoreFixture>;
