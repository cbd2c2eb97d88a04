using System.Text;

namespace Maabar.Names;

/// <summary>
/// How alike two single name words sound, in Arabic script or in any Latin spelling, across scripts:
/// both words are written in one alphabet of sound classes (<see cref="PhoneticKey"/>), then compared by
/// an edit distance in which vowels are cheap (Arabic script omits short vowels; Latin spellings disagree
/// on them) and related consonants (q/k/g, t/d, s/z/sh, h/kh, f/v) cost less than unrelated ones.
/// Pure and thread-safe; allocation-free for ASCII and Arabic-script words.
/// </summary>
/// <remarks>
/// Measured on ../shared/data/names: with <see cref="DefaultThreshold"/> (chosen at a 1% false-alert rate
/// on shuffled pairs of ar2en-train.tsv), the held-out ar2en-eval.tsv pairs reach a recall of about 0.99
/// with under 1% false alerts against shuffled pairs (see the test that measures it).
/// Known limit: names of one root that differ by a vowel letter or one consonant (Muhammad, Mahmud, Ahmad:
/// M-H-M-D, M-H-M-W-D, H-M-D) score high as words; telling them apart is the name-level scorer's work
/// (a lexicon of frequent names, low weight for common words), not this class's.
/// </remarks>
public static class WordSimilarity
{
    /// <summary>At or above this score two words are taken for spellings of the same name word.</summary>
    public const double DefaultThreshold = 0.55;

    /// <summary>Longest key compared; longer keys are cut (no name word has this many sounds).</summary>
    public const int MaxKeyLength = 48;

    /// <summary>
    /// The similarity of two words in [0, 1]: 1 for the same sounds, 0 for nothing in common. Symmetric.
    /// Either word may be in Arabic script or Latin letters.
    /// </summary>
    /// <param name="a">A word as written.</param>
    /// <param name="b">A word as written.</param>
    public static double Score(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<char> ka = stackalloc char[MaxKeyLength];
        Span<char> kb = stackalloc char[MaxKeyLength];
        int la = PhoneticKey.Write(a, ka);
        int lb = PhoneticKey.Write(b, kb);
        return ScoreKeys(ka[..la], kb[..lb]);
    }

    /// <summary>The similarity of two keys made by <see cref="PhoneticKey"/>, in [0, 1].</summary>
    /// <param name="a">A key.</param>
    /// <param name="b">A key.</param>
    public static double ScoreKeys(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        ScoreKeysAtLeast(a, KeyWeight(a), b, KeyWeight(b), 0);

    /// <summary>
    /// The similarity of two keys when it is at least <paramref name="threshold"/>, else 0: the distance stops
    /// as soon as every path is too long. At threshold 0 this is <see cref="ScoreKeys"/> (a distance beyond the
    /// scale scores 0 either way).
    /// </summary>
    /// <param name="a">A key.</param>
    /// <param name="weightA">Its <see cref="KeyWeight"/>.</param>
    /// <param name="b">A key.</param>
    /// <param name="weightB">Its <see cref="KeyWeight"/>.</param>
    /// <param name="threshold">The least score of interest.</param>
    internal static double ScoreKeysAtLeast(ReadOnlySpan<char> a, int weightA, ReadOnlySpan<char> b, int weightB, double threshold)
    {
        int scale = Math.Max(weightA, weightB);
        if (scale == 0)
        {
            return a.Length == b.Length ? 1.0 : 0.0;
        }

        int limit = Limit(scale, threshold);
        int distance = SoundDistance(a, b, limit);
        return distance > limit ? 0 : Math.Max(0.0, 1.0 - ((double)distance / scale));
    }

    /// <summary>
    /// True when two keys cannot score <paramref name="threshold"/> or more, judged from their weights
    /// (<see cref="KeyWeight"/>) and floors (<see cref="KeyFloor"/>) alone: the distance is at least the
    /// difference of the floors, and the score needs it at most (1 - threshold) times the larger weight.
    /// </summary>
    internal static bool CannotReach(int weightA, int floorA, int weightB, int floorB, double threshold) =>
        Math.Abs(floorA - floorB) > Limit(Math.Max(weightA, weightB), threshold);

    /// <summary>The longest distance, in cost units, that still scores <paramref name="threshold"/> at this scale.</summary>
    private static int Limit(int scale, double threshold) => (int)Math.Floor(((1 - threshold) * scale) + 1e-6);

    /// <summary>The key's weight in cost units (twentieths): what deleting all its sounds costs, the scale of <see cref="ScoreKeys"/>.</summary>
    internal static int KeyWeight(ReadOnlySpan<char> key)
    {
        int weight = 0;
        foreach (char c in key)
        {
            weight += IndelCost(c);
        }

        return weight;
    }

    /// <summary>
    /// A lower bound for distances, in cost units: the sum of a per-sound value no larger than the sound's
    /// deletion cost and changing by no more than a substitution costs (the deletion cost, with kh, v and f
    /// lowered so that h/kh, w/v and f/v substitutions obey it). Any edit path costs at least the floors' difference.
    /// </summary>
    internal static int KeyFloor(ReadOnlySpan<char> key)
    {
        int floor = 0;
        foreach (char c in key)
        {
            floor += FloorCost(c);
        }

        return floor;
    }

    internal static int FloorCost(char c) => c switch
    {
        'X' => Units(0.9),
        'V' => Units(0.75),
        'F' => Units(0.95),
        _ => IndelCost(c),
    };

    /// <summary>The substitution cost the distance uses, in cost units, for tests of <see cref="FloorCost"/>.</summary>
    internal static int SubstitutionCostOf(char a, char b) => SubstitutionCost(a, b);

    /// <summary>The deletion cost the distance uses, in cost units, for tests of <see cref="FloorCost"/>.</summary>
    internal static int IndelCostOf(char c) => IndelCost(c);

    // Every cost below is a multiple of 0.05: the distance adds whole twentieths, exactly, and reads tables
    // by sound class ('A'..'Z') computed once from the rules.
    private const int UnitsPerCost = 20;
    private static readonly int[] IndelTable = BuildIndelTable();
    private static readonly int[] SubstitutionTable = BuildSubstitutionTable();

    private static int Units(double cost) => (int)Math.Round(cost * UnitsPerCost);

    private static int[] BuildIndelTable()
    {
        var table = new int[26];
        for (int i = 0; i < 26; i++)
        {
            table[i] = Units(Indel((char)('A' + i)));
        }

        return table;
    }

    private static int[] BuildSubstitutionTable()
    {
        var table = new int[26 * 26];
        for (int i = 0; i < 26; i++)
        {
            for (int j = 0; j < 26; j++)
            {
                table[(i * 26) + j] = Units(Substitution((char)('A' + i), (char)('A' + j)));
            }
        }

        return table;
    }

    private static int IndelCost(char c) => (uint)(c - 'A') < 26 ? IndelTable[c - 'A'] : Units(Indel(c));

    private static int SubstitutionCost(char a, char b) =>
        (uint)(a - 'A') < 26 && (uint)(b - 'A') < 26 ? SubstitutionTable[((a - 'A') * 26) + (b - 'A')] : Units(Substitution(a, b));

    /// <summary>
    /// <see cref="Distance"/> for keys of sound classes only ('A'..'Z', as <see cref="PhoneticKey"/> writes
    /// them), reading the tables by class without a check per cell; other keys go the general way. Kept apart
    /// from it on purpose: one loop serving both made a search at a million entries about a quarter slower.
    /// </summary>
    private static int SoundDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (b.Length > MaxKeyLength || a.Length > MaxKeyLength)
        {
            return Distance(a, b, limit);
        }

        Span<int> row = stackalloc int[b.Length + 1];
        Span<int> indelB = stackalloc int[b.Length];
        Span<int> classB = stackalloc int[b.Length];
        int[] indelTable = IndelTable;
        row[0] = 0;
        for (int j = 0; j < b.Length; j++)
        {
            int c = b[j] - 'A';
            if ((uint)c >= 26)
            {
                return Distance(a, b, limit);
            }

            classB[j] = c;
            indelB[j] = indelTable[c];
            row[j + 1] = row[j] + indelB[j];
        }

        ReadOnlySpan<int> substitutions = SubstitutionTable;
        for (int i = 0; i < a.Length; i++)
        {
            int ca = a[i] - 'A';
            if ((uint)ca >= 26)
            {
                return Distance(a, b, limit);
            }

            ReadOnlySpan<int> substitution = substitutions.Slice(ca * 26, 26);
            int indelA = indelTable[ca];
            int diagonal = row[0];
            row[0] += indelA;
            int least = row[0];
            for (int j = 0; j < classB.Length; j++)
            {
                int above = row[j + 1];
                int cell = Math.Min(Math.Min(above + indelA, row[j] + indelB[j]), diagonal + substitution[classB[j]]);
                row[j + 1] = cell;
                diagonal = above;
                least = Math.Min(least, cell);
            }

            if (least > limit)
            {
                return int.MaxValue;
            }
        }

        return row[b.Length];
    }

    /// <summary>
    /// Weighted edit distance in cost units (Wagner-Fischer with one row); <see cref="int.MaxValue"/> as soon
    /// as a whole row exceeds <paramref name="limit"/>.
    /// </summary>
    private static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        Span<int> row = stackalloc int[b.Length + 1];
        Span<int> indelB = stackalloc int[b.Length];
        row[0] = 0;
        for (int j = 1; j <= b.Length; j++)
        {
            indelB[j - 1] = IndelCost(b[j - 1]);
            row[j] = row[j - 1] + indelB[j - 1];
        }

        for (int i = 1; i <= a.Length; i++)
        {
            char ca = a[i - 1];
            int indelA = IndelCost(ca);
            int diagonal = row[0];
            row[0] += indelA;
            int least = row[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(
                    Math.Min(above + indelA, row[j - 1] + indelB[j - 1]),
                    diagonal + SubstitutionCost(ca, b[j - 1]));
                diagonal = above;
                least = Math.Min(least, row[j]);
            }

            // Costs are not negative: no path through this row ends shorter than its least cell.
            if (least > limit)
            {
                return int.MaxValue;
            }
        }

        return row[b.Length];
    }

    /// <summary>Cost of a sound present on one side only: vowels are cheap, h fairly cheap, consonants full.</summary>
    private static double Indel(char c) => c switch
    {
        'E' => 0.15,
        'A' => 0.2,
        'Y' or 'W' => 0.35,
        'H' => 0.45,
        _ => 1.0,
    };

    /// <summary>Cost of one sound written for another.</summary>
    private static double Substitution(char a, char b)
    {
        if (a == b)
        {
            return 0;
        }

        if (a > b)
        {
            (a, b) = (b, a);
        }

        return (a, b) switch
        {
            // Vowels and semi-vowels among themselves.
            ('A', 'E') or ('A', 'W') or ('A', 'Y') or ('E', 'W') or ('E', 'Y') or ('W', 'Y') => 0.25,
            ('F', 'V') => 0.2,
            ('G', 'K') or ('G', 'J') => 0.4,
            ('H', 'X') => 0.45,
            ('C', 'S') => 0.45,
            ('K', 'X') or ('D', 'T') or ('S', 'Z') or ('C', 'J') or ('D', 'Z') or ('B', 'V') => 0.5,
            ('B', 'F') or ('S', 'T') or ('G', 'X') => 0.6,
            ('V', 'W') => 0.4,
            ('K', 'S') => 0.7,
            _ => 1.0,
        };
    }
}

/// <summary>
/// Writes a word as a string of sound classes shared by Arabic script and Latin spellings: vowels A, E,
/// semi-vowels W (w, u, o; waw) and Y (y, i; ya), consonants B (b, p), F, V, T (t, th; ta, tha, emphatic ta),
/// D (d, dh; dal, dhal, dad), K (k, c, q; kaf, qaf), G (g, gh; ghayn, Maghrebi qaf), J (j, dj; jim), S (s,
/// soft c; sin, sad), C (sh, ch; shin), Z (z; zay, emphatic za), X (kh; kha), H (h; ha, heh), L, M, N, R.
/// Doubled classes collapse. Pure and thread-safe; allocation-free for ASCII and Arabic-script input.
/// </summary>
public static class PhoneticKey
{
    /// <summary>The key of <paramref name="word"/> as a string.</summary>
    /// <param name="word">One word in Arabic script or Latin letters.</param>
    public static string Of(ReadOnlySpan<char> word)
    {
        Span<char> key = stackalloc char[WordSimilarity.MaxKeyLength];
        return key[..Write(word, key)].ToString();
    }

    /// <summary>Writes the key into <paramref name="key"/>; returns its length (cut at the buffer's length).</summary>
    /// <param name="word">One word in Arabic script or Latin letters.</param>
    /// <param name="key">The buffer.</param>
    public static int Write(ReadOnlySpan<char> word, Span<char> key)
    {
        int n = 0;
        for (int i = 0; i < word.Length && n < key.Length;)
        {
            char c = word[i];
            if (c >= '\u0600' && c <= '\u06FF')
            {
                Append(key, ref n, Arabic(c));
                i++;
                continue;
            }

            c = LatinBase(c);
            if (c == '\0')
            {
                i++;
                continue;
            }

            // Digraphs first (longest match): French, English and German conventions for Arabic sounds.
            int used = Digraph(word, i, out char digraph);
            if (used > 0)
            {
                Append(key, ref n, digraph);
                i += used;
                continue;
            }

            char next = i + 1 < word.Length ? LatinBase(word[i + 1]) : '\0';
            Append(key, ref n, c switch
            {
                'a' => 'A',
                'e' => 'E',
                'i' or 'y' => 'Y',
                'o' or 'u' or 'w' => 'W',
                'b' or 'p' => 'B',
                'f' => 'F',
                'v' => 'V',
                't' => 'T',
                'd' => 'D',
                'k' or 'q' => 'K',
                'c' => next is 'e' or 'i' or 'y' ? 'S' : 'K',
                'g' => 'G',
                'j' => 'J',
                's' => 'S',
                'z' => 'Z',
                'h' => 'H',
                'l' => 'L',
                'm' => 'M',
                'n' => 'N',
                'r' => 'R',
                'x' => 'K', // then S below
                _ => '\0',
            });
            if (c == 'x')
            {
                Append(key, ref n, 'S');
            }

            i++;
        }

        return n;
    }

    private static void Append(Span<char> key, ref int n, char c)
    {
        if (c != '\0' && n < key.Length && (n == 0 || key[n - 1] != c))
        {
            key[n++] = c;
        }
    }

    /// <summary>A Latin letter without diacritics, in lower case; '\0' for anything else.</summary>
    private static char LatinBase(char c)
    {
        if (c is >= 'a' and <= 'z')
        {
            return c;
        }

        if (c is >= 'A' and <= 'Z')
        {
            return (char)(c + 32);
        }

        if (c < '\u00C0' || c > '\u024F')
        {
            return '\0';
        }

        // Decompose a letter with diacritics (\u00E9 -> e) without allocating for ASCII input.
        string decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        char first = decomposed[0];
        return first is >= 'a' and <= 'z' ? first : first is >= 'A' and <= 'Z' ? (char)(first + 32) : '\0';
    }

    private static int Digraph(ReadOnlySpan<char> word, int i, out char sound)
    {
        char c0 = LatinBase(word[i]);
        char c1 = i + 1 < word.Length ? LatinBase(word[i + 1]) : '\0';
        char c2 = i + 2 < word.Length ? LatinBase(word[i + 2]) : '\0';
        sound = '\0';
        if ((c0, c1, c2) is ('s', 'c', 'h') or ('t', 'c', 'h'))
        {
            sound = 'C';
            return 3;
        }

        sound = (c0, c1) switch
        {
            ('s', 'h') or ('c', 'h') => 'C',
            ('k', 'h') => 'X',
            ('g', 'h') => 'G',
            ('t', 'h') => 'T',
            ('d', 'h') => 'D',
            ('d', 'j') => 'J',
            ('p', 'h') => 'F',
            ('c', 'k') or ('q', 'u') => 'K',
            ('o', 'u') or ('o', 'o') => 'W',
            ('e', 'e') or ('i', 'e') or ('e', 'i') or ('a', 'i') or ('e', 'y') or ('a', 'y') => 'Y',
            ('k', 'n') or ('g', 'n') => 'N',
            ('w', 'r') => 'R',
            _ => '\0',
        };
        return sound == '\0' ? 0 : 2;
    }

    /// <summary>The sound class of an Arabic-script letter; '\0' for marks and letters without one (hamza).</summary>
    private static char Arabic(char c) => c switch
    {
        // ALEF and its hamza/madda/wasla forms, ALEF MAQSURA, AIN, TEH MARBUTA: vowel-like.
        '\u0627' or '\u0623' or '\u0625' or '\u0622' or '\u0671' or '\u0649' or '\u0639' or '\u0629' => 'A',
        '\u0624' or '\u0648' => 'W', // WAW (with hamza)
        '\u0626' or '\u064A' or '\u06CC' => 'Y', // YEH (with hamza), FARSI YEH
        '\u0628' or '\u067E' => 'B', // BEH, PEH
        '\u062A' or '\u062B' or '\u0637' => 'T', // TEH, THEH, TAH
        '\u062C' => 'J', // JEEM
        '\u062D' or '\u0647' or '\u06BE' => 'H', // HAH, HEH, HEH DOACHASHMEE
        '\u062E' => 'X', // KHAH
        '\u062F' or '\u0630' or '\u0636' => 'D', // DAL, THAL, DAD
        '\u0631' => 'R',
        '\u0632' or '\u0638' => 'Z', // ZAIN, ZAH
        '\u0633' or '\u0635' => 'S', // SEEN, SAD
        '\u0634' or '\u0686' => 'C', // SHEEN, TCHEH
        '\u063A' or '\u06A8' or '\u06AF' => 'G', // GHAIN, Maghrebi QAF (the Tunisian /g/), GAF
        '\u0641' or '\u06A1' => 'F', // FEH
        '\u06A4' => 'V', // VEH
        '\u0642' or '\u0643' or '\u06A9' => 'K', // QAF, KAF, KEHEH
        '\u0644' => 'L',
        '\u0645' => 'M',
        '\u0646' => 'N',
        _ => '\0', // harakat, tatweel, hamza alone, digits, punctuation
    };
}
