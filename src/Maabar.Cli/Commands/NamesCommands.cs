using Maabar.Core.Tables;
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
            if (await CliInput.ReadAllAsync(path, input, error, cancellationToken) is not string text)
            {
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
        var report = new StringBuilder("score\talert\n");
        try
        {
            foreach ((int line, Func<string, string?> get) in TableRows.Read(TableRows.Tsv(text), Required))
            {
                string? problem = PersonColumns.Check(get, "left_") ?? PersonColumns.Check(get, "right_");
                if (problem is not null)
                {
                    return (null, $"line {line}: {problem}");
                }

                NameMatch match = NameMatcher.Compare(PersonColumns.Describe(get, "left_"), PersonColumns.Describe(get, "right_"));
                report.Append(match.Score.ToString("F4", CultureInfo.InvariantCulture)).Append('\t').Append(match.Alert ? "true" : "false").Append('\n');
            }
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }

        return (report.ToString(), null);
    }
}
