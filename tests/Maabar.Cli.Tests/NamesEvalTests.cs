using Maabar.Cli.Commands;
using Maabar.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Cli.Tests;

public sealed class NamesEvalTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MaabarCli.RunAsync(args, output, error, new StringReader(string.Empty), new FakeTimeProvider());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Eval_LabelledPairs_ReportsEachGroupBesideTheBaseline()
    {
        string pairs = Path.GetTempFileName();
        try
        {
            // Two groups: one person twice (identical; a date of birth in conflict does not change the label),
            // and two different people with nothing in common.
            await File.WriteAllTextAsync(pairs, "kind\tsame\tleft_name\tright_name\tleft_dob\tright_dob\n"
                + "same-person\t1\tKhaled Ben Salah\tKhaled Ben Salah\t\t\n"
                + "same-person\t1\tKhaled Ben Salah\tKhaled Ben Salah\t1979\t1990\n"
                + "different\t0\tSami Gharbi\tHedi Kefi\t\t\n");

            var (code, output, error) = await RunAsync("names", "eval", "--pairs", pairs, "--by", "kind");

            Assert.Equal(0, code);
            Assert.Empty(error);
            string[] lines = output.Split('\n');
            Assert.StartsWith("kind\tpairs\tsame\tdifferent\trecall\tfalse_alerts\tf1\tbaseline_recall\tbaseline_false_alerts\tbaseline_f1", lines[1], StringComparison.Ordinal);
            // The matcher holds the namesake with a conflicting date of birth below the alert; the token-set baseline alerts on both.
            Assert.Contains("same-person\t2\t2\t0\t50.0%\t-\t0.667\t100.0%\t-\t1.000", lines, StringComparer.Ordinal);
            Assert.Contains("different\t1\t0\t1\t-\t0.0%\t-\t-\t0.0%\t-", lines, StringComparer.Ordinal);
            Assert.Contains("all\t3\t2\t1\t50.0%\t0.0%\t0.667\t100.0%\t0.0%\t1.000", lines, StringComparer.Ordinal);
            // The curve: one row per threshold and group (two groups and all).
            Assert.Equal(NamesEval.Curve.Length * 3, lines.Count(l => l.Length > 0 && char.IsAsciiDigit(l[0])));
            Assert.Contains("0.50\tdifferent\t-\t0.0%\t-\t-\t0.0%\t-", lines, StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Theory]
    [InlineData("group\tsame\tleft_name\tright_name\na\tmaybe\tX\tY\n", "line 2")]
    [InlineData("group\tleft_name\tright_name\na\tX\tY\n", "line 1")]
    [InlineData("group\tsame\tleft_name\tright_name\tleft_dob\na\t1\tX\tY\t1979-13\n", "line 2")]
    public async Task Eval_MalformedRow_IsExitTwoNamingTheLine(string tsv, string line)
    {
        string pairs = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pairs, tsv);
            var (code, output, error) = await RunAsync("names", "eval", "--pairs", pairs);

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
    public async Task Eval_MissingGroupingColumn_IsExitTwo()
    {
        string pairs = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pairs, "same\tleft_name\tright_name\n1\tX\tX\n");
            var (code, _, error) = await RunAsync("names", "eval", "--pairs", pairs, "--by", "program");

            Assert.Equal(2, code);
            Assert.Contains("program", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Fact]
    public async Task DevSet_RealOfacList_WritesEveryGroupAndCountsOtherNamesApart()
    {
        string pairs = Path.GetTempFileName();
        try
        {
            var (code, _, error) = await RunAsync("names", "devset", "--ofac", RepositoryPaths.SharedData("names/ofac-sdn-individuals-2024-05-03.tsv"), "--out", pairs);

            Assert.Equal(0, code);
            string[] rows = await File.ReadAllLinesAsync(pairs);
            Assert.Equal("group\tsame\tleft_name\tright_name\tleft_dob\tright_dob\tprogram\tleft_id\tright_id", rows[0]);
            foreach (string group in new[] { "alias-spelling", "alias-spelling+dob", "document-order", "mrz", "truncated", "truncated+dob", "namesake", "namesake+dob" })
            {
                Assert.Contains(rows, r => r.StartsWith(group + "\t", StringComparison.Ordinal));
            }

            // The list's own example of a spelling alias, and the forms written from its name.
            Assert.Contains("alias-spelling\t1\tHARB, Chekri Mahmoud\tSHEKRY HARB\t\t\tSDNT\t", string.Join('\n', rows), StringComparison.Ordinal);
            Assert.Contains(rows, r => r.StartsWith("document-order\t1\tAL ZAWAHIRI, Dr. Ayman\tAyman AL ZAWAHIRI\t", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith("mrz\t1\tAL ZAWAHIRI, Dr. Ayman\tAL<ZAWAHIRI<<AYMAN\t", StringComparison.Ordinal));
            Assert.Contains("aliases apart, Other", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Theory]
    [InlineData("HARB, Chekri Mahmoud", "SHEKRY HARB", nameof(NamesDevSet.AliasKind.Spelling))]
    [InlineData("ZAHHAR, Mahmoud Khaled", "AL-ZAHAR, Mahmoud", nameof(NamesDevSet.AliasKind.Spelling))]
    [InlineData("WEI, Hsueh Yuan", "WEI HSUEH YUAN", nameof(NamesDevSet.AliasKind.Spelling))]
    [InlineData("AL-GHANIMI, Karim Ja'far Muhsin", "ABU ISLAM, Karim", nameof(NamesDevSet.AliasKind.Partial))]
    [InlineData("FORUZANDEH, Ahmed", "ABU SHAHAB", nameof(NamesDevSet.AliasKind.OneWord))]
    [InlineData("CHATAYEV, Akhmed", "Akhmed the One-Armed", nameof(NamesDevSet.AliasKind.Partial))]
    [InlineData("GAN, Xuebi", "CHEN, Bella", nameof(NamesDevSet.AliasKind.Other))]
    [InlineData("QASMANI, Arif", "MEMON BABA", nameof(NamesDevSet.AliasKind.Other))]
    public void ClassifyAlias_ListExamples_FollowTheRule(string listed, string alias, string kind) =>
        Assert.Equal(kind, NamesDevSet.ClassifyAlias(listed, alias).ToString());
}
