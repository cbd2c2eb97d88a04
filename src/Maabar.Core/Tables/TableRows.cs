namespace Maabar.Core.Tables;

/// <summary>
/// Rows of a table with a header row (CSV or TSV), read by column name: the header names the columns, each
/// row must have as many fields, a field's value is trimmed and null when blank. A malformed table is a
/// <see cref="FormatException"/> naming its line (1-based, the header is line 1).
/// </summary>
public static class TableRows
{
    public static IEnumerable<(int Line, Func<string, string?> Get)> Read(IEnumerable<CsvRecord> records, string[] required)
    {
        using IEnumerator<CsvRecord> rows = records.GetEnumerator();
        if (!rows.MoveNext() || rows.Current.Fields.All(string.IsNullOrWhiteSpace))
        {
            throw new FormatException($"line 1: a header row is required (columns {string.Join(" and ", required)})");
        }

        string[] header = rows.Current.Fields;
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            column.TryAdd(header[i].Trim(), i);
        }

        foreach (string name in required)
        {
            if (!column.ContainsKey(name))
            {
                throw new FormatException($"line 1: the header lacks the column {name}");
            }
        }

        while (rows.MoveNext())
        {
            CsvRecord record = rows.Current;
            if (record.Fields.Length != header.Length)
            {
                throw new FormatException($"line {record.Line}: {record.Fields.Length} columns where the header has {header.Length}");
            }

            string[] fields = record.Fields;
            yield return (record.Line, name => column.TryGetValue(name, out int i) && fields[i].Trim().Length > 0 ? fields[i].Trim() : null);
        }
    }

    /// <summary>Tab-separated lines as records; the newline that ends the last line does not make a row.</summary>
    public static IEnumerable<CsvRecord> Tsv(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int count = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int n = 0; n < count; n++)
        {
            yield return new CsvRecord(n + 1, lines[n].Split('\t'));
        }
    }
}
