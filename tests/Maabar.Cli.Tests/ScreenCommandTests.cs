using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Cli.Tests;

public sealed class ScreenCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("maabar-screen-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MaabarCli.RunAsync(args, output, error, new StringReader(string.Empty), new FakeTimeProvider());
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Watchlist =
        "id,name,aliases,dob,gender,nationality,father_name,mother_name,document_number\n"
        // \u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A: al-Shadhli bin Umar al-Wartani
        + "W1,\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A,Chedli Ben Omar Ouertani|Shadhli bin Umar Wartani,1975-04-02,M,TUN,,,\n"
        + "W2,\"Trabelsi, Mohamed Ali\",,1980,M,TUN,,,\n"
        + "W3,Hamza Ben Faraj Zintani,,1966,M,LBY,Faraj,,\n";

    [Fact]
    public async Task Screen_WritesOneJsonHitPerLine_AndASummary()
    {
        string list = Write("w.csv", Watchlist);
        string travellers = Write("t.csv",
            "id,name,dob,gender,nationality,father_name,mother_name,document_number\n"
            + "T1,Chedli Ben Omar Ouertani,1975-04-02,M,TUN,,,\n"   // the listed person
            + "T2,Chedli Ben Omar Ouertani,1990-11-30,M,TUN,,,\n"   // a namesake: another date of birth
            + "T3,Sonia Gharbi,1988-02-01,F,TUN,,,\n"                 // nobody
            + "T4,Hamza Zintani,1966,M,LBY,,,\n");                    // listed, without the nasab

        var (code, output, error) = await RunAsync("screen", "--watchlist", list, "--travellers", travellers);

        Assert.Equal(0, code);
        JsonElement[] hits = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(["T1:W1", "T4:W3"], hits.Select(h => h.GetProperty("travellerId").GetString() + ":" + h.GetProperty("entryId").GetString()));
        Assert.Equal("strong", hits[0].GetProperty("band").GetString());
        Assert.True(hits[0].GetProperty("score").GetDouble() >= 0.85);
        Assert.NotEmpty(hits[0].GetProperty("explanation").GetProperty("words").EnumerateArray());
        Assert.Contains("entries: 3", error, StringComparison.Ordinal);
        Assert.Contains("travellers: 4", error, StringComparison.Ordinal);
        Assert.Contains("hits: 2", error, StringComparison.Ordinal);
        Assert.Matches(@"per traveller: p50 \d+\.\d{3} ms, p95 \d+\.\d{3} ms, p99 \d+\.\d{3} ms", error);
        Assert.Matches(@"index build: \d+\.\d{2} s", error);
        Assert.Matches(@"peak memory: \d+ MB", error);
        Assert.Matches(@"compiled while screening: \d+ methods, \d+ ms of JIT time", error); // a cold run: what the times include
        Assert.Contains("screening [####################] 100% 4/4", error, StringComparison.Ordinal);
        Assert.Matches(@"name frequencies: nf1-[0-9a-f]{12} \(corpus\+list, \d+ words weigh less than 1\)", error);
    }

    [Fact]
    public async Task Screen_WithCorpusFrequencies_ScoresAsNamesScoreDoes_AndAnUnknownChoiceIsExitTwo()
    {
        string list = Write("w.csv", Watchlist);
        string travellers = Write("t.csv", "id,name,dob,gender,nationality,father_name,mother_name,document_number\nT1,Chedli Ben Omar Ouertani,1975-04-02,M,TUN,,,\n");

        var (code, output, error) = await RunAsync("screen", "--watchlist", list, "--travellers", travellers, "--frequencies", "corpus");
        Assert.Equal(0, code);
        Assert.Contains($"name frequencies: {Maabar.Names.NameFrequencies.Default.Version} (corpus,", error, StringComparison.Ordinal);
        double score = JsonDocument.Parse(output.Split('\n')[0]).RootElement.GetProperty("score").GetDouble();
        Maabar.Names.NameMatch pair = Maabar.Names.NameMatcher.Compare(
            new Maabar.Names.PersonDescription("Chedli Ben Omar Ouertani", Maabar.Names.PartialBirthDate.Parse("1975-04-02"), Maabar.Names.PersonSex.Male, "TUN"),
            new Maabar.Names.PersonDescription("Chedli Ben Omar Ouertani", Maabar.Names.PartialBirthDate.Parse("1975-04-02"), Maabar.Names.PersonSex.Male, "TUN"));
        Assert.Equal(Math.Round(pair.Score, 4), score);

        Assert.Equal(2, (await RunAsync("screen", "--watchlist", list, "--travellers", travellers, "--frequencies", "words")).Code);
    }

    [Fact]
    public async Task Screen_WithOut_WritesTheHitsToTheFile()
    {
        string list = Write("w.csv", Watchlist);
        string travellers = Write("t.csv", "id,name,dob\nT1,Shadhli Wartani,1975\n");
        string target = Path.Combine(directory, "hits.jsonl");

        var (code, output, _) = await RunAsync("screen", "--watchlist", list, "--travellers", travellers, "--out", target);

        Assert.Equal(0, code);
        Assert.Empty(output);
        Assert.Equal("W1", JsonDocument.Parse(File.ReadAllLines(target).Single()).RootElement.GetProperty("entryId").GetString());
    }

    [Theory]
    [InlineData("id,name,dob\nW1,Ali Zintani,1975-13\n", "line 2: dob '1975-13'")]
    [InlineData("id,name\nW1,Ali Zintani\nW1,Omar Zintani\n", "line 3: id 'W1' repeats line 2")]
    [InlineData("id,name\nW1,\"Ali Zintani\n", "line 2: a quoted field is not closed")]
    [InlineData("id,dob\nW1,1975\n", "line 1: the header lacks the column name")]
    [InlineData("id,name,gender\nW1,Ali,X\n", "line 2: gender 'X'")]
    [InlineData("id,name\nW1,Ali,extra\n", "line 2: 3 columns where the header has 2")]
    [InlineData("id,name,aliases\nW1,Ali,Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "line 2: a name is longer than 200 characters")]
    public async Task Screen_MalformedWatchlist_NamesTheLine_AndExitsWith2(string csv, string problem)
    {
        string list = Write("w.csv", csv);
        string travellers = Write("t.csv", "id,name\nT1,Ali\n");

        var (code, output, error) = await RunAsync("screen", "--watchlist", list, "--travellers", travellers);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_MissingFile_ExitsWith2()
    {
        var (code, _, error) = await RunAsync("screen", "--watchlist", Path.Combine(directory, "none.csv"), "--travellers", Path.Combine(directory, "none.csv"));

        Assert.Equal(2, code);
        Assert.Contains("none.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchNames_PrintsTheSummary_AndRecallAgainstTheExhaustiveScan()
    {
        var (code, output, _) = await RunAsync("bench", "names", "--entries", "400", "--queries", "120", "--verify", "120");

        Assert.Equal(0, code);
        Assert.Contains("entries: 400", output, StringComparison.Ordinal);
        Assert.Contains("travellers: 120", output, StringComparison.Ordinal);
        Assert.Matches(@"per traveller: p50 \d+\.\d{3} ms, p95 \d+\.\d{3} ms, p99 \d+\.\d{3} ms", output);
        Assert.Matches(@"recall against exhaustive scan: \d+/\d+ hits over 120 travellers", output);
        Assert.Matches(@"warm-up: (\d+) travellers of another seed in \d+\.\d s, until the JIT was idle for 1 s, not counted \(the first took \d+\.\d ms\)", output);
        int warmed = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"warm-up: (\d+) travellers").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(warmed, 50, 12_000); // at least --warmup (50), at most a hundred times --queries
        Assert.Matches(@"compiled while screening: \d+ methods, \d+ ms of JIT time", output);
        Assert.Matches(@"name frequencies: nf1-[0-9a-f]{12} \(corpus\+list, \d+ words weigh less than 1\)", output);
    }

    [Fact]
    public async Task BenchNames_WithoutWarmup_ScreensAtOnce_AndSaysNothingOfAWarmup()
    {
        var (code, output, _) = await RunAsync("bench", "names", "--entries", "300", "--queries", "40", "--warmup", "0");

        Assert.Equal(0, code);
        Assert.Contains("travellers: 40", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up", output, StringComparison.Ordinal);
        Assert.Matches(@"compiled while screening: \d+ methods", output);
    }

    [Fact]
    public async Task BenchNames_WithoutBirthDates_SaysSo_AndNamesakesAlert()
    {
        var (_, dated, _) = await RunAsync("bench", "names", "--entries", "400", "--queries", "120");
        var (code, undated, _) = await RunAsync("bench", "names", "--entries", "400", "--queries", "120", "--without-birth-dates", "--verify", "120");

        Assert.Equal(0, code);
        Assert.Contains("travellers screened without their dates of birth", undated, StringComparison.Ordinal);
        Assert.DoesNotContain("without their dates of birth", dated, StringComparison.Ordinal);

        // Without a date nothing holds a namesake back: more hits, and the index still finds what the scan finds.
        static int Hits(string output) => int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"hits: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Hits(undated) > Hits(dated), $"{Hits(undated)} hits without dates, {Hits(dated)} with");
        System.Text.RegularExpressions.Match recall = System.Text.RegularExpressions.Regex.Match(undated, @"recall against exhaustive scan: (\d+)/(\d+) hits");
        Assert.True(int.Parse(recall.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.95 * int.Parse(recall.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), recall.Value);
    }

    [Theory]
    [InlineData("--warmup", "-1")]
    [InlineData("--frequencies", "lexicon")]
    public async Task BenchNames_BadOption_IsBadInput(string option, string value) =>
        Assert.Equal(2, (await RunAsync("bench", "names", "--entries", "10", "--queries", "5", option, value)).Code);

    [Fact]
    public async Task BenchNames_ZeroEntries_IsBadInput()
    {
        var (code, _, error) = await RunAsync("bench", "names", "--entries", "0");

        Assert.Equal(2, code);
        Assert.Contains("--entries", error, StringComparison.Ordinal);
    }
}
