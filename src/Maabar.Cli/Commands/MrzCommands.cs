using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Maabar.Core.Features.Documents;
using Maabar.Documents.Mrz;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar mrz …</c>: machine-readable zones.</summary>
internal static class MrzCommands
{
    public static Command Create(TextWriter output, TextWriter error, TextReader input, TimeProvider clock)
    {
        var mrz = new Command("mrz", "Machine-readable zones of travel documents (ICAO 9303).");
        var file = new Option<FileInfo?>("--input") { Description = "File to read; standard input when absent. One document's lines on consecutive lines, documents separated by a blank line." };
        var language = new Option<string>("--language") { Description = "Language of messages: ar, fr or en.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("ar", "fr", "en");
        var parse = new Command("parse", "Parse each document and write one JSON object per document per line (format, valid, fields, errors, warnings, suggestions).");
        parse.Options.Add(file);
        parse.Options.Add(language);
        parse.SetAction(async (result, cancellationToken) =>
        {
            FileInfo? path = result.GetValue(file);
            if (await CliInput.ReadAllAsync(path, input, error, cancellationToken) is not string text)
            {
                return MaabarCli.BadInput;
            }

            var culture = CultureInfo.GetCultureInfo(result.GetValue(language)!);
            DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            foreach (string document in SplitDocuments(text))
            {
                MrzResult parsed = MrzParser.Parse(document, today);
                await output.WriteLineAsync(JsonSerializer.Serialize(MrzView.From(parsed, culture), CliJson.Options));
            }

            return MaabarCli.Success;
        });
        mrz.Subcommands.Add(parse);
        return mrz;
    }

    /// <summary>Documents are runs of non-blank lines.</summary>
    internal static IEnumerable<string> SplitDocuments(string text)
    {
        var current = new List<string>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    yield return string.Join('\n', current);
                    current.Clear();
                }
            }
            else
            {
                current.Add(line);
            }
        }

        if (current.Count > 0)
        {
            yield return string.Join('\n', current);
        }
    }
}
