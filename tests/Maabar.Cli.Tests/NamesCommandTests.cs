using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Cli.Tests;

public sealed class NamesCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MaabarCli.RunAsync(args, output, error, new StringReader(stdin), new FakeTimeProvider());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Score_WritesOneRowPerInputRowInOrder()
    {
        // Columns in any order, unknown columns ignored, optional columns may be empty.
        string tsv = "right_name\tid\tleft_name\tleft_dob\tright_dob\tleft_gender\tright_gender\n"
            + "\u062E\u0627\u0644\u062F \u0628\u0646 \u0635\u0627\u0644\u062D\t1\tKhaled Ben Salah\t1979\t1979-05-02\tM\t\n" // Khalid bin Salih
            + "Khaled Ben Salah\t2\tKhaled Ben Salah\t1979\t1990\t\t\n"
            + "Omar Ben Ali\t3\tAli Ben Omar\t\t\t\t\n";

        var (code, output, _) = await RunAsync(tsv, "names", "score");

        Assert.Equal(0, code);
        string[] rows = output.TrimEnd('\n').Split('\n');
        Assert.Equal("score\talert", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.Matches(@"^\d\.\d{4}\ttrue$", rows[1]);
        Assert.Equal("0.6900\tfalse", rows[2]); // a namesake whose date of birth conflicts is never alerted
        Assert.Matches(@"^\d\.\d{4}\tfalse$", rows[3]);
    }

    [Theory]
    [InlineData("left_name\tright_name\tleft_dob\nA\tB\t1979-13\n", "line 2")]
    [InlineData("left_name\tright_name\nA\tB\nC\n", "line 3")]
    [InlineData("left_name\tright_name\nA\tB\n\tD\n", "line 3")]
    [InlineData("left_name\tright_name\tright_gender\nA\tB\tX\n", "line 2")]
    [InlineData("left_name\tright_name\tleft_nationality\nA\tB\tTUNISIA\n", "line 2")]
    [InlineData("name\tother\nA\tB\n", "line 1")]
    [InlineData("", "line 1")]
    public async Task Score_MalformedRow_IsExitTwoNamingTheLine(string tsv, string line)
    {
        var (code, output, error) = await RunAsync(tsv, "names", "score");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(line, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_CrLfInput_IsRead()
    {
        var (code, output, _) = await RunAsync("left_name\tright_name\r\nMohamed\tMohamed\r\n", "names", "score");

        Assert.Equal(0, code);
        Assert.Equal("score\talert\n1.0000\ttrue\n", output);
    }

    [Fact]
    public async Task Explain_WritesTheAlignedWordsAsJson()
    {
        var (code, output, _) = await RunAsync(string.Empty, "names", "explain", "Chedli Ouertani", "\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A", "--left-dob", "1970");

        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("strong", doc.RootElement.GetProperty("band").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("explanation").GetProperty("words").GetArrayLength());
    }

    [Fact]
    public async Task Explain_BadDate_IsExitTwo() =>
        Assert.Equal(2, (await RunAsync(string.Empty, "names", "explain", "A", "B", "--left-dob", "31/02/1990")).Code);

    [Fact]
    public async Task Learn_WritesTheCountsTheModelReads()
    {
        string pairs = Path.GetTempFileName();
        try
        {
            // 300 pairs: "zarrouk" in 60 of them, 20 % of the words; the rest once each.
            await File.WriteAllLinesAsync(pairs, Enumerable.Range(0, 300).Select(i => i % 5 == 0
                ? "zarrouk\t\u0632 \u0631 \u0648 \u0642\t1"
                : $"w{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}x\t\u0628 \u0631 {(char)(0x0628 + (i % 20))} {(char)(0x0628 + (i / 20))}\t1"));
            var (code, output, error) = await RunAsync(string.Empty, "names", "learn", "--pairs", pairs);

            Assert.Equal(0, code);
            Assert.Empty(error);
            Assert.Contains("#total latin 300\n", output, StringComparison.Ordinal);
            Assert.Contains("#total arabic 300\n", output, StringComparison.Ordinal);
            Assert.Contains("zarrouk\t60\n", output, StringComparison.Ordinal);
            Maabar.Names.NameFrequencies model = Maabar.Names.NameFrequencies.ReadCounts(new StringReader(output));
            Assert.Equal(Maabar.Names.NameFrequencies.LeastWeight, model.WeightOf("zarrouk"));
            Assert.Equal(Maabar.Names.NameFrequencies.LeastWeight, model.WeightOf("\u0632\u0631\u0648\u0642"));
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Theory]
    [InlineData("zarrouk\t\u0632 \u0631\n", "line 1")]
    [InlineData("zarrouk\t\u0632 \u0631\t1\nsmith\t\u0633\tmany\n", "line 2")]
    [InlineData("zarrouk\t\u0632 \u0631\t0\n", "line 1")]
    public async Task Learn_MalformedLine_IsExitTwoNamingTheLine(string text, string line)
    {
        string pairs = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pairs, text);
            var (code, output, error) = await RunAsync(string.Empty, "names", "learn", "--pairs", pairs);
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Contains(line, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Fact]
    public async Task Learn_MissingFile_IsExitTwo() =>
        Assert.Equal(2, (await RunAsync(string.Empty, "names", "learn", "--pairs", Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N")))).Code);
}
