using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Maabar.Names;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar names …</c>: compare people by name and attributes.</summary>
internal static class NamesCommands
{
    private static readonly string[] Required = ["left_name", "right_name"];

    public static Command Create(TextWriter output, TextWriter error, TextReader input)
    {
        var names = new Command("names", "Compare people by name (Arabic script or Latin spellings) and attributes, with explanations.");

        var file = new Option<FileInfo?>("--input") { Description = "TSV file with a header row; standard input when absent." };
        var score = new Command("score", "Score pairs: columns left_name, right_name (required); left_/right_ dob, gender, nationality, father_name, mother_name, document_number (optional). Writes score<TAB>alert per row, in input order.");
        score.Options.Add(file);
        score.SetAction(async (result, cancellationToken) =>
        {
            FileInfo? path = result.GetValue(file);
            string text;
            try
            {
                text = path is null ? await input.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path.FullName, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"maabar: cannot read {path?.FullName ?? "standard input"}: {ex.Message}");
                return MaabarCli.BadInput;
            }

            (string? report, string? problem) = Score(text);
            if (problem is not null)
            {
                await error.WriteLineAsync("maabar: " + problem);
                return MaabarCli.BadInput;
            }

            await output.WriteAsync(report);
            return MaabarCli.Success;
        });
        names.Subcommands.Add(score);

        var left = new Argument<string>("NAME1") { Description = "The first name." };
        var right = new Argument<string>("NAME2") { Description = "The second name." };
        var leftDob = new Option<string?>("--left-dob") { Description = "Date of birth of NAME1: YYYY, YYYY-MM or YYYY-MM-DD." };
        var rightDob = new Option<string?>("--right-dob") { Description = "Date of birth of NAME2." };
        var explain = new Command("explain", "Explain the comparison of two names as JSON: score, band, aligned words, attribute effects.");
        explain.Arguments.Add(left);
        explain.Arguments.Add(right);
        explain.Options.Add(leftDob);
        explain.Options.Add(rightDob);
        explain.SetAction(async (result, cancellationToken) =>
        {
            string? a = result.GetValue(leftDob), b = result.GetValue(rightDob);
            foreach (string? date in new[] { a, b })
            {
                if (date is not null && !PersonColumns.IsDate(date))
                {
                    await error.WriteLineAsync($"maabar: '{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
                    return MaabarCli.BadInput;
                }
            }

            NameMatch match = NameMatcher.Compare(new PersonDescription(result.GetValue(left)!, a), new PersonDescription(result.GetValue(right)!, b));
            await output.WriteLineAsync(JsonSerializer.Serialize(match, CliJson.Options));
            return MaabarCli.Success;
        });
        names.Subcommands.Add(explain);
        return names;
    }

    /// <summary>The whole report, or the first malformed row's problem naming its line (1-based, the header is line 1).</summary>
    internal static (string? Report, string? Problem) Score(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            return (null, "line 1: a header row is required (columns left_name and right_name)");
        }

        string[] header = lines[0].Split('\t');
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            column.TryAdd(header[i].Trim(), i);
        }

        foreach (string required in Required)
        {
            if (!column.ContainsKey(required))
            {
                return (null, $"line 1: the header lacks the column {required}");
            }
        }

        var report = new StringBuilder("score\talert\n");
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0 && n == lines.Length - 1)
            {
                break; // the final newline
            }

            string[] fields = lines[n].Split('\t');
            if (fields.Length != header.Length)
            {
                return (null, $"line {n + 1}: {fields.Length} columns where the header has {header.Length}");
            }

            string? Get(string name) => column.TryGetValue(name, out int i) && fields[i].Trim().Length > 0 ? fields[i].Trim() : null;
            string? problem = PersonColumns.Check(Get, "left_") ?? PersonColumns.Check(Get, "right_");
            if (problem is not null)
            {
                return (null, $"line {n + 1}: {problem}");
            }

            NameMatch match = NameMatcher.Compare(PersonColumns.Describe(Get, "left_"), PersonColumns.Describe(Get, "right_"));
            report.Append(match.Score.ToString("F4", CultureInfo.InvariantCulture)).Append('\t').Append(match.Alert ? "true" : "false").Append('\n');
        }

        return (report.ToString(), null);
    }
}
