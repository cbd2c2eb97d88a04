using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>
/// The passport lookup of the passage path at a history of 100,000 travellers: the document is found through the
/// unique index (agency, issuing state, number), read from the database's own query plan rather than a timing.
/// </summary>
public abstract partial class PassportLookupTests(CoreFixture fixture)
{
    private const int Travellers = 100_000;

    private static readonly string Officer = TestData.UserName(AgencyCode.Tunisia, Roles.Officer);

    [Fact]
    public async Task RecordPassage_KnownPassportAmongHundredThousandTravellers_FindsItThroughTheDocumentIndex()
    {
        // Rows of this test only: a prefix of its own in every id and document number.
        string prefix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await SeedAsync(prefix);
        int chosen = 76_543;
        string number = prefix + chosen.ToString(CultureInfo.InvariantCulture);
        Actor actor = await fixture.ActorAsync(Officer);

        string plan = await fixture.InScopeAsync(sp => PlanAsync(sp.GetRequiredService<MaabarDbContext>(), RecordPassage.TravellerByDocument(sp.GetRequiredService<MaabarDbContext>(), AgencyCode.Tunisia, "TUN", number)));
        RecordPassageResult result = await fixture.InScopeAsync(sp => sp.GetRequiredService<RecordPassage>().HandleAsync(actor, new RecordPassageRequest(
            TestData.Crossing, "CAR-IN-1", "entry",
            new IdentityInput(FullNameLatin: TestData.UniqueLatinName(), BirthDate: "1970-01-01", DocumentNumber: number, DocumentIssuingState: "TUN"), Mrz: null), CancellationToken.None));

        Assert.Equal(RecordPassageOutcome.Recorded, result.Outcome);
        Assert.Equal(TravellerId(prefix, chosen), result.Passage!.Traveller.Id);
        Assert.Contains("IX_TravelDocuments_Agency_IssuingState_Number", plan, StringComparison.Ordinal);
        if (fixture.Provider == StorageProvider.Postgres)
        {
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
        else
        {
            // SQLite says SCAN for a walk through a whole table, SEARCH for a lookup by an index.
            Assert.DoesNotMatch(ScanLine(), plan);
        }
    }

    private static Guid TravellerId(string prefix, int i) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}-0000-7000-8000-{i:X12}"));

    private Task<int> SeedAsync(string prefix) => fixture.InScopeAsync(async sp =>
    {
        // Batched in the database (one statement per table), not row by row through EF: 100,000 travellers in seconds.
        var db = sp.GetRequiredService<MaabarDbContext>();
        if (fixture.Provider == StorageProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Travellers" ("Id", "Agency", "CreatedUtc", "NameKeyArabic", "NameKeyLatin", "Sex")
                SELECT ({prefix} || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'TUN', TIMESTAMPTZ '2026-01-01 00:00:00+00', '', 'seeded' || i, 'Male'
                FROM generate_series(1, {Travellers}) AS i
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "TravelDocuments" ("Id", "TravellerId", "Agency", "Type", "Number", "IssuingState")
                SELECT ({prefix} || '-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, ({prefix} || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'TUN', 'P', {prefix} || i, 'TUN'
                FROM generate_series(1, {Travellers}) AS i
                """);
            await db.Database.ExecuteSqlAsync($"""ANALYZE "Travellers", "TravelDocuments" """);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Travellers})
                INSERT INTO "Travellers" ("Id", "Agency", "CreatedUtc", "NameKeyArabic", "NameKeyLatin", "Sex")
                SELECT printf({prefix} || '-0000-7000-8000-%012X', i), 'TUN', '2026-01-01 00:00:00', '', 'seeded' || i, 'Male' FROM n
                """);
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Travellers})
                INSERT INTO "TravelDocuments" ("Id", "TravellerId", "Agency", "Type", "Number", "IssuingState")
                SELECT printf({prefix} || '-0000-7000-9000-%012X', i), printf({prefix} || '-0000-7000-8000-%012X', i), 'TUN', 'P', {prefix} || i, 'TUN' FROM n
                """);
            await db.Database.ExecuteSqlAsync($"ANALYZE");
        }

        return 0;
    });

    /// <summary>The database's plan for <paramref name="query"/>, run with the parameters EF gives it.</summary>
    private async Task<string> PlanAsync(MaabarDbContext db, IQueryable<Traveller> query)
    {
        bool postgres = fixture.Provider == StorageProvider.Postgres;
        await db.Database.OpenConnectionAsync();
        DbConnection connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        var sql = new StringBuilder(postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ");
        foreach (string line in query.ToQueryString().Split('\n'))
        {
            // EF writes the parameters first: ".param set @name 'value'" (SQLite) or "-- @name='value'" (PostgreSQL).
            Match parameter = ParameterLine().Match(line);
            if (parameter.Success)
            {
                DbParameter p = command.CreateParameter();
                p.ParameterName = parameter.Groups["name"].Value;
                p.Value = parameter.Groups["value"].Value;
                command.Parameters.Add(p);
            }
            else
            {
                sql.Append(line).Append('\n');
            }
        }

        Assert.Equal(3, command.Parameters.Count);
        command.CommandText = sql.ToString();
        var plan = new StringBuilder();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Append(reader.GetString(postgres ? 0 : reader.GetOrdinal("detail"))).Append('\n');
        }

        return plan.ToString();
    }

    [GeneratedRegex(@"^(?:\.param set |-- )(?<name>@\w+)[ =]'(?<value>[^']*)'")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"^\s*SCAN ", RegexOptions.Multiline)]
    private static partial Regex ScanLine();
}

public sealed class SqlitePassportLookupTests(SqliteCoreFixture fixture) : PassportLookupTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresPassportLookupTests(PostgresCoreFixture fixture) : PassportLookupTests(fixture), IClassFixture<PostgresCoreFixture>;
