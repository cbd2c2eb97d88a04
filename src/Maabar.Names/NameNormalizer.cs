using System.Globalization;
using System.Text;

namespace Maabar.Names;

/// <summary>
/// Folds a person's name to a canonical form for comparison, in Arabic script and in Latin spellings.
/// The rules are culture-independent: the same input gives the same output under any current culture
/// (tr-TR, ar-TN...). All members are pure and thread-safe.
/// </summary>
/// <remarks>
/// Arabic: harakat, superscript alef, tatweel and bidi/joiner controls are removed; alef forms
/// (U+0622, U+0623, U+0625, U+0671) fold to bare alef U+0627; alef maqsura U+0649 and Persian yeh U+06CC
/// to yeh U+064A; hamza seats (U+0624, U+0626) to their carrier letter and lone hamza U+0621 is dropped;
/// ta marbuta U+0629 and heh doachashmee U+06BE to heh U+0647; keheh U+06A9 and gaf U+06AF to kaf U+0643;
/// the Maghrebi qaf U+06A8 (the /g/ of Gabes) to qaf U+0642 and veh U+06A4 to feh U+0641;
/// Arabic-Indic digits to ASCII digits. Latin: canonical decomposition with combining marks removed,
/// invariant lower case, ligatures expanded; apostrophes and ayn/hamza signs removed; hyphens, dots,
/// MRZ fillers ('&lt;') and other separators become one space.
/// </remarks>
public static class NameNormalizer
{
    /// <summary>The longest input, in UTF-16 code units, that is normalised; longer input is cut here.</summary>
    public const int MaxInputLength = 512;

    /// <summary>
    /// Returns the name folded to lower-case tokens separated by single spaces, with no leading or
    /// trailing space. Empty when the name has no letters or digits.
    /// </summary>
    /// <param name="name">The name as written; any script; at most <see cref="MaxInputLength"/> code units are read.</param>
    public static string Normalize(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxInputLength)
        {
            name = name[..MaxInputLength];
        }

        // Canonical decomposition separates Latin diacritics from their letters and Arabic hamza
        // seats (U+0623 = U+0627 U+0654) from their carriers; the marks are then dropped below.
        string decomposed = name.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        bool pendingSpace = false;
        foreach (char c in decomposed)
        {
            if (TryFold(c, out string? folded))
            {
                if (folded.Length == 0)
                {
                    continue;
                }

                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(folded);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Returns the normalised name with every separator removed, so that glued and spaced spellings
    /// compare equal (Abdallah glued or spaced in Arabic script, Benali / Ben Ali). Empty when the name has no letters or digits.
    /// </summary>
    /// <param name="name">The name as written; any script.</param>
    public static string CompactKey(ReadOnlySpan<char> name) => Normalize(name).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>Tells which script the letters of <paramref name="name"/> are in.</summary>
    /// <param name="name">The name as written.</param>
    public static NameScript DetectScript(ReadOnlySpan<char> name)
    {
        bool latin = false, arabic = false, other = false;
        foreach (char c in name)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (IsArabicLetter(c))
            {
                arabic = true;
            }
            else if (c < '\u0250')
            {
                // Basic Latin through Latin Extended-B.
                latin = true;
            }
            else if (c >= '\u1E00' && c <= '\u1EFF')
            {
                // Latin Extended Additional (dotted transliterations: \u1E25 h with dot below).
                latin = true;
            }
            else
            {
                other = true;
            }
        }

        return (latin, arabic, other) switch
        {
            (_, _, true) => NameScript.Other,
            (true, true, false) => NameScript.Mixed,
            (true, false, false) => NameScript.Latin,
            (false, true, false) => NameScript.Arabic,
            (false, false, false) => NameScript.None,
        };
    }

    private static bool IsArabicLetter(char c) =>
        (c >= '\u0600' && c <= '\u06FF') || (c >= '\u0750' && c <= '\u077F') || (c >= '\uFB50' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF');

    /// <summary>
    /// Folds one decomposed character. Returns false for a separator; true with an empty string for a
    /// character that is dropped without separating (a mark, an apostrophe, a control).
    /// </summary>
    private static bool TryFold(char c, out string folded)
    {
        // ASCII fast path.
        if (c < 0x80)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                folded = Ascii[c];
                return true;
            }

            if (c is >= 'A' and <= 'Z')
            {
                folded = Ascii[c + 32];
                return true;
            }

            // Apostrophes and back-ticks stand for ayn or hamza in Latin spellings ('Abd, Ma'mun): glue.
            if (c is '\'' or '`')
            {
                folded = string.Empty;
                return true;
            }

            folded = string.Empty;
            return false;
        }

        switch (c)
        {
            // Combining diacritics (after FormD), Arabic harakat U+064B..U+065F, superscript alef U+0670,
            // tatweel U+0640, Quranic marks, and invisible controls: dropped without separating.
            case >= '\u0300' and <= '\u036F':
            case >= '\u064B' and <= '\u065F':
            case '\u0670':
            case '\u0640':
            case >= '\u06D6' and <= '\u06ED':
            case '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F':
            case >= '\u202A' and <= '\u202E':
            case >= '\u2066' and <= '\u2069':
            case '\uFEFF':
            // Right/left single quotation marks, modifier letters for ayn and hamza (\u02BF \u02BE), prime.
            case '\u2018' or '\u2019' or '\u02BB' or '\u02BC' or '\u02BE' or '\u02BF' or '\u02B9' or '\u2032' or '\u00B4':
            // Arabic hamza alone (U+0621) carries no letter identity across spellings.
            case '\u0621':
                folded = string.Empty;
                return true;

            // ARABIC LETTER ALEF WITH MADDA / HAMZA ABOVE / HAMZA BELOW, ALEF WASLA -> ALEF.
            case '\u0622' or '\u0623' or '\u0625' or '\u0671' or '\u0672' or '\u0673':
                folded = "\u0627";
                return true;

            // ALEF MAQSURA, FARSI YEH, YEH WITH HAMZA ABOVE, YEH BARREE -> YEH.
            case '\u0649' or '\u06CC' or '\u0626' or '\u06D2' or '\u06D0':
                folded = "\u064A";
                return true;

            // WAW WITH HAMZA ABOVE -> WAW.
            case '\u0624':
                folded = "\u0648";
                return true;

            // TEH MARBUTA, HEH DOACHASHMEE, HEH GOAL -> HEH.
            case '\u0629' or '\u06BE' or '\u06C1' or '\u06D5':
                folded = "\u0647";
                return true;

            // KEHEH, GAF -> KAF.
            case '\u06A9' or '\u06AF':
                folded = "\u0643";
                return true;

            // Maghrebi QAF WITH THREE DOTS ABOVE (the Tunisian /g/) and the Maghrebi qaf U+06A7 -> QAF.
            case '\u06A8' or '\u06A7':
                folded = "\u0642";
                return true;

            // VEH (Tunisian /v/) and the Maghrebi feh U+06A1 -> FEH.
            case '\u06A4' or '\u06A1':
                folded = "\u0641";
                return true;

            // ARABIC-INDIC and EXTENDED ARABIC-INDIC digits -> ASCII digits.
            case >= '\u0660' and <= '\u0669':
                folded = Ascii['0' + (c - '\u0660')];
                return true;
            case >= '\u06F0' and <= '\u06F9':
                folded = Ascii['0' + (c - '\u06F0')];
                return true;

            // Latin letters with no canonical decomposition.
            case '\u00DF':
                folded = "ss";
                return true;
            case '\u00E6' or '\u00C6':
                folded = "ae";
                return true;
            case '\u0153' or '\u0152':
                folded = "oe";
                return true;
            case '\u00F8' or '\u00D8':
                folded = "o";
                return true;
            case '\u0111' or '\u0110' or '\u00F0' or '\u00D0':
                folded = "d";
                return true;
            case '\u0142' or '\u0141':
                folded = "l";
                return true;
            case '\u0131':
                folded = "i";
                return true;
            case '\u00FE' or '\u00DE':
                folded = "th";
                return true;
        }

        if (char.IsLetterOrDigit(c))
        {
            // Any other letter: invariant lower case (never the current culture's: tr-TR maps I to a dotless i).
            folded = char.ToLowerInvariant(c).ToString();
            return true;
        }

        folded = string.Empty;
        return false;
    }

    private static readonly string[] Ascii = BuildAsciiTable();

    private static string[] BuildAsciiTable()
    {
        var table = new string[128];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = ((char)i).ToString(CultureInfo.InvariantCulture);
        }

        return table;
    }
}
