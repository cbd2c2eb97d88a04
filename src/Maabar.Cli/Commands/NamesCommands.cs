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

            NameMatch match = NameMatcher.Compare(new PersonDescription(result.GetValue(left)!, PartialBirthDate.ParseOrNull(a)), new PersonDescription(result.GetValue(right)!, PartialBirthDate.ParseOrNull(b)));
            await output.WriteLineAsync(JsonSerializer.Serialize(match, CliJson.Options));
            return MaabarCli.Success;
        });
        names.Subcommands.Add(explain);

        var pairs = new Option<FileInfo>("--pairs") { Description = "Name pairs with counts, one per line: Latin name<TAB>Arabic letters (spaces between letters allowed)<TAB>count; the form of Wikidata label pairs.", Required = true };
        var outFile = new Option<FileInfo?>("--out") { Description = "Where to write the counts; standard output when absent." };
        var learn = new Command("learn", "Count the name words of a corpus of name pairs and write the counts the default name-frequency model is learned from (src/Maabar.Names/Frequencies/name-word-counts.tsv).");
        learn.Options.Add(pairs);
        learn.Options.Add(outFile);
        learn.SetAction(async (result, cancellationToken) =>
        {
            FileInfo source = result.GetValue(pairs)!;
            if (!source.Exists)
            {
                await error.WriteLineAsync($"maabar: {source.FullName} does not exist");
                return MaabarCli.BadInput;
            }

            var corpus = new List<(string Name, long Count)>();
            int line = 0;
            foreach (string row in await File.ReadAllLinesAsync(source.FullName, cancellationToken))
            {
                line++;
                string[] f = row.Split('\t');
                if (f.Length != 3 || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count < 1)
                {
                    await error.WriteLineAsync($"maabar: line {line}: expected a Latin name, a tab, Arabic letters, a tab and a count of at least 1");
                    return MaabarCli.BadInput;
                }

                corpus.Add((f[0], count));
                corpus.Add((f[1].Replace(" ", string.Empty, StringComparison.Ordinal), count));
            }

            string[] header =
            [
                "Name-word counts: how often each folded name word occurs, per script. NameFrequencies.Default is learned from them.",
                $"Source: {source.Name}, {line} name pairs. Wikidata labels are CC0 (see shared/data/names/LICENSE-wikidata-pairs-CC0.txt).",
                "Written by: dotnet run --project src/Maabar.Cli -- names learn --pairs ../shared/data/names/wikidata-latin-arabic-80.tsv --out src/Maabar.Names/Frequencies/name-word-counts.tsv",
                "Only words frequent enough to weigh less than 1 are listed.",
            ];
            var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            NameFrequencies.WriteCounts(corpus, text, header);
            if (result.GetValue(outFile) is FileInfo target)
            {
                await File.WriteAllTextAsync(target.FullName, text.ToString(), new UTF8Encoding(false), cancellationToken);
            }
            else
            {
                await output.WriteAsync(text.ToString());
            }

            return MaabarCli.Success;
        });
        names.Subcommands.Add(learn);
        names.Subcommands.Add(CreateDevSet(output, error));
        names.Subcommands.Add(CreateEval(output, error));
        return names;
    }

    private static Command CreateDevSet(TextWriter output, TextWriter error)
    {
        var ofac = new Option<FileInfo>("--ofac") { Description = "The OFAC SDN individuals file (../shared/data/names/ofac-sdn-individuals-2024-05-03.tsv).", Required = true };
        var outFile = new Option<FileInfo?>("--out") { Description = "Where to write the pairs; standard output when absent." };
        var devset = new Command("devset", "Build the labelled development set of name pairs from the OFAC SDN individuals: aliases that are spellings of the listed name, the name as documents and the MRZ write it, given + family name, and namesakes (different listed people sharing name words), with and without dates of birth. Writes the TSV that 'names eval' reads; the aliases counted apart go to standard error.");
        devset.Options.Add(ofac);
        devset.Options.Add(outFile);
        devset.SetAction(async (result, cancellationToken) =>
        {
            FileInfo source = result.GetValue(ofac)!;
            if (!source.Exists)
            {
                await error.WriteLineAsync($"maabar: {source.FullName} does not exist");
                return MaabarCli.BadInput;
            }

            NamesDevSet.DevSet set = NamesDevSet.Build(await File.ReadAllLinesAsync(source.FullName, cancellationToken));
            string tsv = NamesDevSet.ToTsv(set.Pairs);
            if (result.GetValue(outFile) is FileInfo target)
            {
                await File.WriteAllTextAsync(target.FullName, tsv, new UTF8Encoding(false), cancellationToken);
            }
            else
            {
                await output.WriteAsync(tsv);
            }

            foreach (IGrouping<string, DevPair> group in set.Pairs.GroupBy(p => p.Group))
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{group.Key}\t{group.Count()} pairs"));
            }

            foreach ((NamesDevSet.AliasKind kind, int count) in set.Apart)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"aliases apart, {kind}\t{count}"));
            }

            return MaabarCli.Success;
        });
        return devset;
    }

    private static Command CreateEval(TextWriter output, TextWriter error)
    {
        var pairs = new Option<FileInfo>("--pairs") { Description = "Labelled pairs, TSV with a header: left_name, right_name, same (1 or 0) and the grouping column; left_/right_ dob, gender, nationality, father_name, mother_name, document_number optional (the columns of 'names score').", Required = true };
        var by = new Option<string>("--by") { Description = "The column to group the figures by.", DefaultValueFactory = _ => "group" };
        var eval = new Command("eval", "Measure the matcher on labelled pairs: recall, false-alert rate and F1 per group at the operating point, then a curve over thresholds, each beside a plain token-set baseline.");
        eval.Options.Add(pairs);
        eval.Options.Add(by);
        eval.SetAction(async (result, cancellationToken) =>
        {
            FileInfo source = result.GetValue(pairs)!;
            if (!source.Exists)
            {
                await error.WriteLineAsync($"maabar: {source.FullName} does not exist");
                return MaabarCli.BadInput;
            }

            string column = result.GetValue(by)!;
            (List<NamesEval.Scored>? rows, string? problem) = NamesEval.Score(await File.ReadAllTextAsync(source.FullName, cancellationToken), column);
            if (rows is null)
            {
                await error.WriteLineAsync("maabar: " + problem);
                return MaabarCli.BadInput;
            }

            await output.WriteAsync(NamesEval.Report(rows, column));
            return MaabarCli.Success;
        });
        return eval;
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
