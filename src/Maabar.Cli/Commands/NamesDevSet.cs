using System.Globalization;
using System.Text;

namespace Maabar.Cli.Commands;

/// <summary>One labelled pair of the development set.</summary>
/// <param name="Group">What the pair tests (see <see cref="NamesDevSet"/>).</param>
/// <param name="Same">True when both sides are one person.</param>
/// <param name="LeftName">The left name.</param>
/// <param name="RightName">The right name.</param>
/// <param name="LeftDob">The left date of birth, or null.</param>
/// <param name="RightDob">The right date of birth, or null.</param>
/// <param name="Program">The left person's first sanctions programme (SDGT, SDNTK...), for <c>--by program</c>.</param>
/// <param name="LeftId">The left person's list id.</param>
/// <param name="RightId">The right person's list id.</param>
internal sealed record DevPair(string Group, bool Same, string LeftName, string RightName, string? LeftDob, string? RightDob, string Program, string LeftId, string RightId);

/// <summary>
/// Builds a labelled development set for name matching from the individuals of the US OFAC SDN list
/// (../shared/data/names/ofac-sdn-individuals-2024-05-03.tsv: id, name as listed "SURNAME, Given", aliases
/// separated by |, dates of birth separated by |, nationality, passport, programs).
/// </summary>
/// <remarks>
/// Groups, positives (one person on both sides):
/// <list type="bullet">
/// <item><c>alias-spelling</c>: the listed name against each alias that is a spelling of it (<see cref="ClassifyAlias"/>); <c>alias-spelling+dob</c> the same with the person's date of birth on both sides.</item>
/// <item><c>document-order</c>: the listed name against the name as a document writes it, given names first, titles left out.</item>
/// <item><c>mrz</c>: against the MRZ form, SURNAME&lt;&lt;GIVEN&lt;NAMES in upper-case ASCII.</item>
/// <item><c>truncated</c>: against first given name and surname only, where the listed given part has two words or more; <c>truncated+dob</c> with the date of birth.</item>
/// </list>
/// Negatives (two listed people): <c>namesake</c>: each person against the other person who shares the most
/// name words with them (at least one; ties to the lower id), on the name alone; <c>namesake+dob</c>: the
/// same pairs where both dates of birth are known and none of one person's dates agrees with the other's.
/// Aliases that share no word with the listed name (another name altogether: a kunya, a nom de guerre),
/// that share only some (<c>alias-partial</c>), or that are one word, are not a name-matching task: they
/// are counted apart (<see cref="DevSet.Apart"/>), not paired. Deterministic: the same file gives the same set.
/// </remarks>
internal static class NamesDevSet
{
    /// <summary>How an alias relates to the listed name.</summary>
    internal enum AliasKind
    {
        /// <summary>Every alias word is a spelling of a listed word, and at least two are: the same name.</summary>
        Spelling,

        /// <summary>Some alias words are spellings of listed words, others are not.</summary>
        Partial,

        /// <summary>No alias word is a spelling of a listed word: another name.</summary>
        Other,

        /// <summary>One word only (a nickname, a bare kunya): no full name to match.</summary>
        OneWord,
    }

    /// <summary>The pairs and the aliases counted apart.</summary>
    internal sealed record DevSet(IReadOnlyList<DevPair> Pairs, IReadOnlyDictionary<AliasKind, int> Apart);

    // Titles, ranks and honorifics a document does not print. A rule of the data set, kept apart from the
    // matcher's own list on purpose: the set must not be built from what it measures.
    private static readonly HashSet<string> Titles = new(
        ["dr", "doctor", "sheikh", "shaykh", "shaikh", "sheik", "haji", "hajji", "hadj", "hajj", "mullah", "mulla", "mawlawi", "maulawi", "mawlavi", "maulvi", "qari", "colonel", "col", "general", "gen", "brigadier", "major", "captain", "jr", "sr", "mr", "mrs", "imam", "prof", "professor"],
        StringComparer.Ordinal);

    // Particles: no evidence of a name either way.
    private static readonly HashSet<string> Particles = new(
        ["al", "el", "ul", "ad", "ed", "as", "es", "ar", "ash", "at", "az", "bin", "ben", "ibn", "bint", "bent", "ould", "abu", "abou", "bou", "de", "del", "la", "los", "las", "y", "da", "van", "der", "von", "di", "le"],
        StringComparer.Ordinal);

    /// <summary>Reads the OFAC individuals file and builds the set.</summary>
    /// <param name="lines">The file's lines, header first.</param>
    public static DevSet Build(IEnumerable<string> lines)
    {
        var people = new List<Person>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split('\t');
            if (f.Length < 7 || f[1].Trim().Length == 0)
            {
                continue;
            }

            string[] dobs = [.. f[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            string program = f[6].Split(']')[0].Trim().TrimStart('[').Trim();
            people.Add(new Person(f[0].Trim(), f[1].Trim(), [.. f[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], dobs, program));
        }

        var pairs = new List<DevPair>();
        var apart = new Dictionary<AliasKind, int> { [AliasKind.Partial] = 0, [AliasKind.Other] = 0, [AliasKind.OneWord] = 0 };
        foreach (Person p in people)
        {
            string? dob = p.Dobs.Length > 0 ? p.Dobs[0] : null;
            foreach (string alias in p.Aliases)
            {
                AliasKind kind = ClassifyAlias(p.Listed, alias);
                if (kind != AliasKind.Spelling)
                {
                    apart[kind]++;
                    continue;
                }

                pairs.Add(new DevPair("alias-spelling", true, p.Listed, alias, null, null, p.Program, p.Id, p.Id));
                if (dob is not null)
                {
                    pairs.Add(new DevPair("alias-spelling+dob", true, p.Listed, alias, dob, dob, p.Program, p.Id, p.Id));
                }
            }

            (string[] surname, string[] given) = Split(p.Listed);
            if (surname.Length == 0 || given.Length == 0)
            {
                continue;
            }

            pairs.Add(new DevPair("document-order", true, p.Listed, string.Join(' ', [.. given, .. surname]), null, null, p.Program, p.Id, p.Id));
            pairs.Add(new DevPair("mrz", true, p.Listed, Mrz(surname) + "<<" + Mrz(given), null, null, p.Program, p.Id, p.Id));
            if (given.Length >= 2)
            {
                string shortName = given[0] + " " + string.Join(' ', surname);
                pairs.Add(new DevPair("truncated", true, p.Listed, shortName, null, null, p.Program, p.Id, p.Id));
                if (dob is not null)
                {
                    pairs.Add(new DevPair("truncated+dob", true, p.Listed, shortName, dob, dob, p.Program, p.Id, p.Id));
                }
            }
        }

        AddNamesakes(people, pairs);
        return new DevSet(pairs, apart);
    }

    /// <summary>
    /// The labelling rule: an alias is a spelling of the listed name when every one of its name words
    /// (particles and titles left out) is a spelling of a listed word (<see cref="SameWord"/>) and at least
    /// two are; another name when none is; partial otherwise. One-word aliases are apart.
    /// </summary>
    internal static AliasKind ClassifyAlias(string listed, string alias)
    {
        string[] a = Words(alias), l = Words(listed);
        if (a.Length < 2)
        {
            return a.Length == 1 && l.Contains(a[0]) ? AliasKind.Partial : AliasKind.OneWord;
        }

        int shared = a.Count(w => l.Any(x => SameWord(w, x)));
        return shared == a.Length ? AliasKind.Spelling : shared == 0 ? AliasKind.Other : AliasKind.Partial;
    }

    /// <summary>
    /// Two words are spellings of one name when their consonant skeletons (<see cref="Skeleton"/>) are equal,
    /// or are at most one edit apart and at least three letters long, or when one word is the other's initial.
    /// </summary>
    internal static bool SameWord(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        string sa = Skeleton(a), sb = Skeleton(b);
        return sa == sb || (Math.Min(sa.Length, sb.Length) >= 3 && Edits(sa, sb) <= 1);
    }

    /// <summary>
    /// The word's first letter, then its consonants with sound-alike spellings folded (ph f, ch sh sch s, kh k,
    /// q c k, dh th d t, z s, dj j, gh g, v w b), h and doubled letters dropped: Mohammed and Muhammad both
    /// give "mmd", Youssef and Yusuf "ysf".
    /// </summary>
    internal static string Skeleton(string word)
    {
        string w = word;
        foreach ((string from, string to) in new[] { ("sch", "s"), ("ph", "f"), ("ch", "s"), ("sh", "s"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("dj", "j"), ("dzh", "j"), ("ou", "u") })
        {
            w = w.Replace(from, to, StringComparison.Ordinal);
        }

        var b = new StringBuilder();
        b.Append(w[0] switch { 'q' or 'c' => 'k', 'z' => 's', 'e' or 'i' or 'y' => 'i', 'o' or 'u' or 'w' => 'u', _ => w[0] });
        for (int i = 1; i < w.Length; i++)
        {
            char c = w[i] switch { 'q' or 'c' => 'k', 'z' => 's', 'v' or 'w' => 'b', 'x' => 'k', _ => w[i] };
            if ("aeiouyh".Contains(c, StringComparison.Ordinal) || b[^1] == c)
            {
                continue;
            }

            b.Append(c);
        }

        return b.ToString();
    }

    /// <summary>The name words of a list name: ASCII-folded, lower case, particles and titles left out.</summary>
    internal static string[] Words(string name) =>
        [.. Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Particles.Contains(w) && !Titles.Contains(w) && w.Length >= 2)];

    private static string Fold(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '`')
            {
                continue;
            }

            b.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return b.ToString();
    }

    /// <summary>Surname words and given words of "SURNAME, Given" (titles left out of both); the whole name as surname when there is no comma.</summary>
    private static (string[] Surname, string[] Given) Split(string listed)
    {
        int comma = listed.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return ([], []);
        }

        return (Kept(listed[..comma]), Kept(listed[(comma + 1)..]));

        static string[] Kept(string part) =>
            [.. part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => !Titles.Contains(Fold(w).Trim()))];
    }

    private static string Mrz(string[] words) =>
        string.Join('<', Fold(string.Join(' ', words)).ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static void AddNamesakes(List<Person> people, List<DevPair> pairs)
    {
        string[][] words = [.. people.Select(p => Words(p.Listed).Distinct(StringComparer.Ordinal).ToArray())];
        var byWord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < people.Count; i++)
        {
            foreach (string w in words[i])
            {
                if (!byWord.TryGetValue(w, out List<int>? list))
                {
                    byWord[w] = list = [];
                }

                list.Add(i);
            }
        }

        var shared = new Dictionary<int, int>();
        for (int i = 0; i < people.Count; i++)
        {
            shared.Clear();
            foreach (string w in words[i])
            {
                foreach (int j in byWord[w])
                {
                    if (j != i)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }

            if (shared.Count == 0)
            {
                continue;
            }

            // The other person sharing the most words; ties to the one listed first. Each pair once.
            int best = shared.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
            if (best < i && BestOf(best) == i)
            {
                continue;
            }

            Person p = people[i], q = people[best];
            pairs.Add(new DevPair("namesake", false, p.Listed, q.Listed, null, null, p.Program, p.Id, q.Id));
            if (p.Dobs.Length > 0 && q.Dobs.Length > 0 && !p.Dobs.Any(a => q.Dobs.Any(b => DatesAgree(a, b))))
            {
                pairs.Add(new DevPair("namesake+dob", false, p.Listed, q.Listed, p.Dobs[0], q.Dobs[0], p.Program, p.Id, q.Id));
            }
        }

        int BestOf(int i)
        {
            var counts = new Dictionary<int, int>();
            foreach (string w in words[i])
            {
                foreach (int j in byWord[w])
                {
                    if (j != i)
                    {
                        counts[j] = counts.GetValueOrDefault(j) + 1;
                    }
                }
            }

            return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        }
    }

    /// <summary>Two list dates agree when one is a prefix of the other (1975 and 1975-03-02) or they are equal.</summary>
    private static bool DatesAgree(string a, string b) =>
        a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    /// <summary>Levenshtein distance.</summary>
    private static int Edits(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>Writes the pairs as the TSV that <c>names eval</c> reads.</summary>
    public static string ToTsv(IEnumerable<DevPair> pairs)
    {
        var b = new StringBuilder("group\tsame\tleft_name\tright_name\tleft_dob\tright_dob\tprogram\tleft_id\tright_id\n");
        foreach (DevPair p in pairs)
        {
            b.Append(p.Group).Append('\t').Append(p.Same ? "1" : "0").Append('\t').Append(p.LeftName).Append('\t').Append(p.RightName).Append('\t')
                .Append(p.LeftDob).Append('\t').Append(p.RightDob).Append('\t').Append(p.Program).Append('\t').Append(p.LeftId).Append('\t').Append(p.RightId).Append('\n');
        }

        return b.ToString();
    }

    private sealed record Person(string Id, string Listed, string[] Aliases, string[] Dobs, string Program);
}
