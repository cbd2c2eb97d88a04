using Maabar.Core.Data;
using Maabar.Core.Features.Screening;
using Maabar.Domain;
using Maabar.Names;
using Maabar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The node's name index weighs name words by what its own watchlist teaches: learned when the list is
/// first loaded, kept while the list changes a little, learned again (and the index rebuilt) once the list
/// has changed by a quarter.
/// </summary>
public abstract class WatchlistFrequencyTests(CoreFixture fixture)
{
    [Fact]
    public async Task TheIndex_LearnsFromTheList_AndLearnsAgainOnceTheListHasChangedEnough()
    {
        using var index = new WatchlistIndex();
        await SyncAsync(index);
        NameFrequencies first = index.Frequencies;
        Assert.Equal("corpus+list", first.Origin);
        Assert.Equal(1f, first.WeightOf("zarrouk"));
        int before = index.Count;

        // A few entries more: the model stays (its version too), the entries are indexed all the same.
        await AddAsync(5, i => $"Hedi {Given(i)} Kchaou");
        await SyncAsync(index);
        Assert.Equal(first.Version, index.Frequencies.Version);
        Assert.Equal(before + 5, index.Count);

        // A list in which one family name in ten is Zarrouk: it weighs less once the model is learned again.
        await AddAsync(WatchlistIndex.RelearnAfterChanges + 200, i => $"{Given(i)} Ben {Given(i + 7)} {(i % 10 == 0 ? "Zarrouk" : Given(i + 3) + "i")}");
        await SyncAsync(index);
        Assert.NotEqual(first.Version, index.Frequencies.Version);
        Assert.True(index.Frequencies.WeightOf("zarrouk") < 0.7f, $"zarrouk weighs {index.Frequencies.WeightOf("zarrouk")}");
        Assert.Equal(before + 5 + WatchlistIndex.RelearnAfterChanges + 200, index.Count);
    }

    // Distinct made-up given names from a number.
    private static string Given(int i) => "Na" + (char)('a' + (i % 26)) + (char)('a' + (i / 26 % 26)) + (char)('a' + (i / 676 % 26)) + "a";

    private Task<int> SyncAsync(WatchlistIndex index) => fixture.InScopeAsync(async sp =>
    {
        await index.SyncAsync(sp.GetRequiredService<MaabarDbContext>(), CancellationToken.None);
        return 0;
    });

    private Task<int> AddAsync(int count, Func<int, string> name) => fixture.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<MaabarDbContext>();
        string batch = TestData.UniqueLetters();
        for (int i = 0; i < count; i++)
        {
            db.WatchlistEntries.Add(new WatchlistEntry
            {
                OwnerAgency = AgencyCode.Tunisia,
                Reference = $"FREQ-{batch}-{i}",
                FullNameLatin = name(i),
                Sex = Sex.Male,
                CreatedUtc = fixture.Clock.GetUtcNow().UtcDateTime,
            });
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class SqliteWatchlistFrequencyTests(SqliteCoreFixture fixture) : WatchlistFrequencyTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresWatchlistFrequencyTests(PostgresCoreFixture fixture) : WatchlistFrequencyTests(fixture), IClassFixture<PostgresCoreFixture>;
