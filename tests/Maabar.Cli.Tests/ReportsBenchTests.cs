using System.Text.RegularExpressions;
using Maabar.Hosting;
using Maabar.Testing;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

public sealed class ReportsBenchTests
{
    private static readonly string[] Reports = ["dashboard, 365 days", "dashboard, 30 days", "dashboard, 7 days", "dashboard, 1 days", "namesake burden"];

    /// <summary>
    /// <c>bench reports</c> seeds passages and hits by SQL on an empty PostgreSQL database and times each
    /// report; run again on the database it seeded, it times without seeding again.
    /// </summary>
    [Fact]
    public async Task BenchReports_EmptyPostgres_SeedsByTheDatabaseAndTimesEachReport()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Postgres);

        var first = await RunAsync(["bench", "reports", "--passages", "2000", "--hits", "100", "--rounds", "2", .. database.StorageArguments()]);
        var again = await RunAsync(["bench", "reports", "--passages", "2000", "--hits", "100", "--rounds", "2", .. database.StorageArguments()]);

        Assert.Equal(0, first.Code);
        string output = first.Output.ReplaceLineEndings("\n");
        Assert.Contains("passages: 2000, hits: 100, seeded in ", output, StringComparison.Ordinal);
        foreach (string report in Reports)
        {
            Assert.Matches(new Regex("^" + Regex.Escape(report) + @": median \d+ ms \(min \d+, max \d+, 1 runs\)$", RegexOptions.Multiline), output);
        }

        Assert.Equal(0, again.Code);
        Assert.Contains("passages: 2000, hits: 100, seeded before", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchReports_Sqlite_IsABadInputAndSeedsNothing()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

        var result = await RunAsync(["bench", "reports", "--passages", "10", "--hits", "1", .. database.StorageArguments()]);

        Assert.Equal(2, result.Code);
        Assert.Contains("use --provider Postgres", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("passages:", result.Output, StringComparison.Ordinal);
    }
}
