using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The migration that makes a travel document unique per agency, applied to a database written before it that holds
/// one passport under three travellers (as concurrent first passages left it): they are merged into the first.
/// </summary>
public abstract class TravelDocumentMergeTests(StorageProvider provider)
{
    [Fact]
    public async Task Migrate_OnePassportUnderThreeTravellers_MergesIntoTheFirstKeepingEveryPassage()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddMaabarStorage(configuration, database.DataDirectory);
        await using ServiceProvider provided = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provided.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        IMigrator migrator = db.GetService<IMigrator>();
        List<string> migrations = [.. db.Database.GetMigrations()];
        int unique = migrations.FindIndex(m => m.EndsWith("_TravelDocumentUnique", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[unique - 1]);

        Guid first = Guid.CreateVersion7(), second = Guid.CreateVersion7(), third = Guid.CreateVersion7(), lane = Guid.CreateVersion7(), officer = Guid.CreateVersion7();
        Guid[] passages = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "CrossingPoints" ("Id", "Countries", "Latitude", "Longitude", "NameAr", "NameEn", "NameFr", "Status") VALUES ('XX-MERGE', 'TUN,LBY', 0, 0, 'x', 'x', 'x', 'Open')""");
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "Lanes" ("Id", "Agency", "Code", "CrossingPointId", "Mode", "Status") VALUES ({lane}, 'TUN', 'CAR-IN-1', 'XX-MERGE', 'Car', 'Open')""");
        foreach ((Guid id, int days) in new[] { (second, 1), (first, 0), (third, 2) })
        {
            DateTime created = day.AddDays(days);
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Travellers" ("Id", "Agency", "CreatedUtc", "NameKeyArabic", "NameKeyLatin", "Sex") VALUES ({id}, 'TUN', {created}, '', 'merge', 'Male')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "TravelDocuments" ("Id", "TravellerId", "Type", "Number", "IssuingState") VALUES ({Guid.CreateVersion7()}, {id}, 'P', 'M1', 'TUN')""");
        }

        // The second traveller also showed a document of its own; the first and third passed once each, the second twice.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "TravelDocuments" ("Id", "TravellerId", "Type", "Number", "IssuingState") VALUES ({Guid.CreateVersion7()}, {second}, 'I', 'M2', 'TUN')""");
        foreach ((Guid id, Guid traveller) in new[] { (passages[0], first), (passages[1], second), (passages[2], third) })
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Passages" ("Id", "Agency", "CrossingPointId", "Decision", "Direction", "LaneId", "OfficerId", "RecordedUtc", "TravellerId") VALUES ({id}, 'TUN', 'XX-MERGE', 'Cleared', 'Entry', {lane}, {officer}, {day}, {traveller})""");
        }

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        List<TravelDocument> documents = await db.TravelDocuments.AsNoTracking().Where(d => d.Number == "M1" || d.Number == "M2").ToListAsync();
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal(first, d.TravellerId));
        Assert.All(documents, d => Assert.Equal("TUN", d.Agency));
        Assert.Equal(3, await db.Passages.CountAsync(p => passages.Contains(p.Id) && p.TravellerId == first));
        Assert.Equal(0, await db.Travellers.CountAsync(t => t.Id == second || t.Id == third));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

public sealed class SqliteTravelDocumentMergeTests() : TravelDocumentMergeTests(StorageProvider.Sqlite);

public sealed class PostgresTravelDocumentMergeTests() : TravelDocumentMergeTests(StorageProvider.Postgres);
