using Maabar.Cli.Commands;
using Maabar.Tests;

namespace Maabar.Cli.Tests;

/// <summary>
/// Issue 20: the matcher's figures on the development set built from the real OFAC SDN list
/// (<c>maabar names devset</c>, then <c>maabar names eval</c>), per group. Floors are set a little below what
/// was measured when they were written, so that a change that lowers a figure is seen; ceilings likewise for
/// the false alerts of namesakes.
/// </summary>
public sealed class NamesDevSetFloorTests
{
    private static readonly Lazy<List<NamesEval.Scored>> Rows = new(() =>
    {
        NamesDevSet.DevSet set = NamesDevSet.Build(File.ReadLines(RepositoryPaths.SharedData("names/ofac-sdn-individuals-2024-05-03.tsv")));
        (List<NamesEval.Scored>? rows, string? problem) = NamesEval.Score(NamesDevSet.ToTsv(set.Pairs), "group");
        return rows ?? throw new InvalidOperationException(problem);
    });

    [Theory]
    [InlineData("alias-spelling", 0.40)]
    [InlineData("alias-spelling+dob", 0.46)]
    [InlineData("document-order", 0.99)]
    [InlineData("mrz", 0.99)]
    [InlineData("truncated", 0.87)]
    [InlineData("truncated+dob", 0.91)]
    public void Eval_SamePersonGroup_RecallAtLeastTheFloor(string group, double floor)
    {
        NamesEval.Counts counts = NamesEval.Count(Rows.Value.Where(r => r.Group == group), NameMatcherThreshold, baseline: false);

        Assert.True(counts.Positives > 100, $"{group}: {counts.Positives} pairs");
        Assert.True(counts.Recall >= floor, $"{group}: recall {counts.Recall:P1}, floor {floor:P0}");
    }

    [Theory]
    [InlineData("namesake", 0.02)]
    [InlineData("namesake+dob", 0.0)]
    public void Eval_NamesakeGroup_FalseAlertsAtMostTheCeiling(string group, double ceiling)
    {
        NamesEval.Counts counts = NamesEval.Count(Rows.Value.Where(r => r.Group == group), NameMatcherThreshold, baseline: false);

        Assert.True(counts.Negatives > 1000, $"{group}: {counts.Negatives} pairs");
        Assert.True(counts.FalseAlertRate <= ceiling, $"{group}: false alerts {counts.FalseAlertRate:P2}, ceiling {ceiling:P1}");
    }

    [Fact]
    public void Eval_AllGroups_BeatTheTokenSetBaselineOnF1()
    {
        NamesEval.Counts matcher = NamesEval.Count(Rows.Value, NameMatcherThreshold, baseline: false);
        NamesEval.Counts baseline = NamesEval.Count(Rows.Value, NameMatcherThreshold, baseline: true);

        Assert.True(matcher.F1 > baseline.F1, $"matcher F1 {matcher.F1:F3}, baseline {baseline.F1:F3}");
    }

    private const double NameMatcherThreshold = Maabar.Names.NameMatcher.PossibleThreshold;
}
