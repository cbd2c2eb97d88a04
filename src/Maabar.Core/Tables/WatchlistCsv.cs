using Maabar.Names;

namespace Maabar.Core.Tables;

/// <summary>
/// The watchlist CSV of <c>maabar screen</c> and <c>maabar watchlist import --format csv</c>: a header row,
/// columns <c>id</c> and <c>name</c> required, then <c>aliases</c> (separated by |), <c>birth_date</c>, <c>sex</c>,
/// <c>nationality</c>, <c>father_name</c>, <c>mother_name</c>, <c>document_number</c> (see <see cref="PersonColumns"/>).
/// </summary>
public static class WatchlistCsv
{
    /// <summary>Watchlist rows as identities; a malformed row is a <see cref="FormatException"/> naming its line.</summary>
    public static IEnumerable<IndexedIdentity> Read(TextReader reader)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((int line, Func<string, string?> get) in TableRows.Read(CsvReader.Read(reader), ["id", "name"]))
        {
            string id = get("id") ?? throw new FormatException($"line {line}: id is empty");
            if (!seen.TryAdd(id, line))
            {
                throw new FormatException($"line {line}: id '{id}' repeats line {seen[id]}");
            }

            if (PersonColumns.Check(get, string.Empty) is string problem)
            {
                throw new FormatException($"line {line}: {problem}");
            }

            string[] aliases = get("aliases") is string text ? [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];
            foreach (string? value in aliases.Append(get("name")).Append(get("father_name")).Append(get("mother_name")))
            {
                if (value is { Length: > Maabar.Domain.IdentityRules.MaxNameLength })
                {
                    throw new FormatException($"line {line}: a name is longer than {Maabar.Domain.IdentityRules.MaxNameLength} characters");
                }
            }

            yield return new IndexedIdentity(id, PersonColumns.Describe(get, string.Empty), aliases);
        }
    }
}
