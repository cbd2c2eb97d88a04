using System.Globalization;
using System.Text;
using Maabar.Core.Tables;
using Maabar.Names;

namespace Maabar.Cli.Commands;

/// <summary>
/// <c>maabar names eval</c>: the matcher's recall, false-alert rate and F1 on labelled pairs, per group, at
/// the operating point (<see cref="NameMatcher.PossibleThreshold"/>) and as a curve over thresholds, beside a
/// plain token-set baseline in the same run.
/// </summary>
internal static class NamesEval
{
    private static readonly string[] Required = ["left_name", "right_name", "same"];

    /// <summary>The thresholds of the curve.</summary>
    internal static readonly double[] Curve = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95];

    /// <summary>One scored pair.</summary>
    internal readonly record struct Scored(string Group, bool Same, double Score, double Baseline);

    /// <summary>The counts of one group at one threshold.</summary>
    internal readonly record struct Counts(int Positives, int Negatives, int Found, int FalseAlerts)
    {
        public double? Recall => Positives == 0 ? null : Found / (double)Positives;

        public double? FalseAlertRate => Negatives == 0 ? null : FalseAlerts / (double)Negatives;

        public double? F1 => Positives == 0 ? null : 2.0 * Found / ((2.0 * Found) + FalseAlerts + (Positives - Found));
    }

    /// <summary>Scores every row; the first malformed row's problem naming its line otherwise.</summary>
    internal static (List<Scored>? Rows, string? Problem) Score(string text, string by)
    {
        var rows = new List<Scored>();
        try
        {
            foreach ((int line, Func<string, string?> get) in TableRows.Read(TableRows.Tsv(text), [.. Required, by]))
            {
                string? problem = PersonColumns.Check(get, "left_") ?? PersonColumns.Check(get, "right_");
                bool? same = get("same") switch { "1" or "true" => true, "0" or "false" => false, _ => null };
                if (problem is null && same is null)
                {
                    problem = $"same '{get("same")}' is not 1, 0, true or false";
                }

                if (problem is not null)
                {
                    return (null, $"line {line}: {problem}");
                }

                PersonDescription left = PersonColumns.Describe(get, "left_"), right = PersonColumns.Describe(get, "right_");
                rows.Add(new Scored(get(by) ?? "-", same!.Value, NameMatcher.Compare(left, right).Score, TokenSet(left.Name, right.Name)));
            }
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }

        return (rows, null);
    }

    /// <summary>
    /// The baseline: the Dice coefficient of the two names' sets of folded words (<see cref="NameNormalizer.Normalize"/>),
    /// in [0, 1]. No spelling tolerance, no weights, order ignored.
    /// </summary>
    internal static double TokenSet(string left, string right)
    {
        HashSet<string> a = [.. NameNormalizer.Normalize(left).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        HashSet<string> b = [.. NameNormalizer.Normalize(right).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        return a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
    }

    /// <summary>The counts of <paramref name="rows"/> with an alert from <paramref name="threshold"/> on.</summary>
    internal static Counts Count(IEnumerable<Scored> rows, double threshold, bool baseline)
    {
        int positives = 0, negatives = 0, found = 0, falseAlerts = 0;
        foreach (Scored r in rows)
        {
            bool alert = (baseline ? r.Baseline : r.Score) >= threshold;
            if (r.Same)
            {
                positives++;
                found += alert ? 1 : 0;
            }
            else
            {
                negatives++;
                falseAlerts += alert ? 1 : 0;
            }
        }

        return new Counts(positives, negatives, found, falseAlerts);
    }

    /// <summary>The report: the operating point per group and overall, then the curve.</summary>
    internal static string Report(IReadOnlyList<Scored> rows, string by)
    {
        var groups = rows.Select(r => r.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(g => (Name: g, Rows: rows.Where(r => r.Group == g).ToList())).ToList();
        groups.Add(("all", [.. rows]));

        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"# {rows.Count} pairs by {by}; matcher alerts from {NameMatcher.PossibleThreshold:F2} (possible); baseline: Dice of the two names' sets of folded words, alerting from the same threshold\n");
        b.Append(by).Append("\tpairs\tsame\tdifferent\trecall\tfalse_alerts\tf1\tbaseline_recall\tbaseline_false_alerts\tbaseline_f1\n");
        foreach ((string name, List<Scored> group) in groups)
        {
            Counts m = Count(group, NameMatcher.PossibleThreshold, false), t = Count(group, NameMatcher.PossibleThreshold, true);
            b.Append(CultureInfo.InvariantCulture, $"{name}\t{group.Count}\t{m.Positives}\t{m.Negatives}\t{Cells(m)}\t{Cells(t)}\n");
        }

        b.Append("\n# curve: the same figures at each threshold\n");
        b.Append("threshold\t").Append(by).Append("\trecall\tfalse_alerts\tf1\tbaseline_recall\tbaseline_false_alerts\tbaseline_f1\n");
        foreach (double threshold in Curve)
        {
            foreach ((string name, List<Scored> group) in groups)
            {
                b.Append(CultureInfo.InvariantCulture, $"{threshold:F2}\t{name}\t{Cells(Count(group, threshold, false))}\t{Cells(Count(group, threshold, true))}\n");
            }
        }

        return b.ToString();

        static string Cells(Counts c) => $"{Percent(c.Recall)}\t{Percent(c.FalseAlertRate)}\t{Fraction(c.F1)}";

        static string Percent(double? v) => v is double d ? (100 * d).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";

        static string Fraction(double? v) => v is double d ? d.ToString("F3", CultureInfo.InvariantCulture) : "-";
    }
}
