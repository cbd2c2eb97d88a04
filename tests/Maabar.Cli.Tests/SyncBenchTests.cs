using System.Text.RegularExpressions;
using Maabar.Hosting;
using Maabar.Testing;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

public sealed class SyncBenchTests
{
    /// <summary>
    /// <c>bench sync</c> seeds an empty database, times the index following one edit both ways and the
    /// fingerprint alone; it refuses a database that already holds entries, which it would fill with
    /// synthetic ones.
    /// </summary>
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task BenchSync_TimesBothWaysOfFollowingAnEdit_AndRefusesAListThatIsNotEmpty(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);

        var first = await RunAsync(["bench", "sync", "--entries", "300", "--rounds", "2", .. database.StorageArguments()]);
        var again = await RunAsync(["bench", "sync", "--entries", "300", "--rounds", "2", .. database.StorageArguments()]);

        Assert.Equal(0, first.Code);
        Assert.Contains("entries: 300\n", first.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (string line in new[] { "sync after one edit, read back by id", "sync after one edit, whole table looked at", "fingerprint alone (the backstop)" })
        {
            Assert.Matches(new Regex("^" + Regex.Escape(line) + @": median \d+\.\d ms \(min \d+\.\d, max \d+\.\d, 1 rounds\)$", RegexOptions.Multiline), first.Output.ReplaceLineEndings("\n"));
        }

        Assert.Contains("seeding [####################] 100% 300/300", first.Error, StringComparison.Ordinal);
        Assert.Equal(2, again.Code);
        Assert.Contains("point it at a database whose watchlist is empty", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchSync_TooFewRounds_IsABadInput()
    {
        var result = await RunAsync("bench", "sync", "--entries", "10", "--rounds", "1");

        Assert.Equal(2, result.Code);
        Assert.Contains("--rounds at least 2", result.Error, StringComparison.Ordinal);
    }
}
