namespace Maabar.Names;

/// <summary>The role of a word in an Arabic name.</summary>
public enum NamePartKind
{
    /// <summary>A name word: given name, father's name, family name, nisba.</summary>
    Word = 0,

    /// <summary>A nasab or kunya particle (ben, bin, ibn, ould, bent, bint, abu, bou): not evidence of identity.</summary>
    Particle = 1,
}

/// <summary>One word of a name after analysis.</summary>
/// <param name="Text">The word as folded by <see cref="NameNormalizer"/>, compounds joined (abdelkader), the article removed (trabelsi for al-Trabelsi).</param>
/// <param name="Kind">Word or particle.</param>
/// <param name="Position">Index of the part in the name, from 0.</param>
public readonly record struct NamePart(string Text, NamePartKind Kind, int Position);

/// <summary>
/// Splits a person's name into parts: particles of the nasab and kunya are marked (they are no evidence),
/// compounds are joined (Abd al-Qadir, Abdel Kader, Nour Eddine become one word), the article al-/el-
/// and its sun-letter forms (es-, et-, ed-...) are removed from the word they precede, in Arabic script
/// and in Latin spellings. Pure and thread-safe.
/// </summary>
public static class NameParts
{
    // Latin particles; Arabic ones below. "bou" as a separate word is the Maghrebi kunya.
    private static readonly HashSet<string> LatinParticles = new(["ben", "bin", "ibn", "ibnu", "ould", "bent", "bint", "abu", "abou", "bou", "b"], StringComparer.Ordinal);

    // \u0628\u0646 ben, \u0627\u0628\u0646 ibn, \u0628\u0646\u062A bint, \u0648\u0644\u062F ould, \u0627\u0628\u0648 abu, \u0628\u0648 bou.
    private static readonly HashSet<string> ArabicParticles = new(["\u0628\u0646", "\u0627\u0628\u0646", "\u0628\u0646\u062A", "\u0648\u0644\u062F", "\u0627\u0628\u0648", "\u0628\u0648"], StringComparer.Ordinal);

    // Words that open a compound with the next word: Abd (servant of), in Latin spellings.
    private static readonly HashSet<string> LatinCompoundOpeners = new(["abd", "abdel", "abdul", "abdal", "abdoul", "abdou", "abdi", "abde"], StringComparer.Ordinal);

    // Words that close a compound with the previous word: ad-Din (of the faith), Allah.
    private static readonly HashSet<string> LatinCompoundClosers = new(["eddine", "eddin", "addin", "uddin", "ddine", "din", "dine", "allah", "llah"], StringComparer.Ordinal);

    private static readonly HashSet<string> LatinArticles = new(["al", "el", "ul", "il", "l", "es", "as", "ed", "ad", "et", "at", "en", "an", "er", "ar", "ez", "az", "ech", "ach", "ec"], StringComparer.Ordinal);

    private const string Abd = "\u0639\u0628\u062F"; // ABD
    private const string ArabicArticle = "\u0627\u0644"; // AL
    private const string Din = "\u062F\u064A\u0646"; // DIN
    private const string Allah = "\u0627\u0644\u0644\u0647"; // ALLAH

    /// <summary>The parts of <paramref name="name"/>, in order.</summary>
    /// <param name="name">A full name in Arabic script or Latin letters.</param>
    public static IReadOnlyList<NamePart> Parse(string name)
    {
        string[] words = NameNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var merged = new List<(string Text, NamePartKind Kind)>(words.Length);
        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            bool arabic = NameNormalizer.DetectScript(w) == NameScript.Arabic;

            // A separate article (al Qadir, el Mahdi) belongs to the next word.
            if (!arabic && LatinArticles.Contains(w) && w.Length <= 3 && i + 1 < words.Length && !IsParticle(words[i + 1]))
            {
                continue;
            }

            // Abd + next word (Abd al-Qadir, Abdel Kader, \u0639\u0628\u062F \u0627\u0644\u0644\u0647).
            if (i + 1 < words.Length && (arabic ? w == Abd : LatinCompoundOpeners.Contains(w)))
            {
                int next = i + 1;
                if (next + 1 < words.Length && !arabic && LatinArticles.Contains(words[next]))
                {
                    next++;
                }

                merged.Add(((arabic ? Abd : "abd") + StripArticle(words[next], arabic), NamePartKind.Word));
                i = next;
                continue;
            }

            // X + ad-Din / Allah (Nour Eddine, Nur al-Din, \u0646\u0648\u0631 \u0627\u0644\u062F\u064A\u0646).
            if (merged.Count > 0 && merged[^1].Kind == NamePartKind.Word
                && (arabic ? StripArticle(w, true) == Din || w == Allah : LatinCompoundClosers.Contains(w) || (w == "din" && i > 0)))
            {
                merged[^1] = (merged[^1].Text + (arabic ? Din : "din"), NamePartKind.Word);
                continue;
            }

            if (IsParticle(w))
            {
                merged.Add((w, NamePartKind.Particle));
                continue;
            }

            // A nasab written glued (Bensalah, Benali, \u0628\u0646\u062D\u0633\u064A\u0646): the particle and the father's name.
            if (SplitGluedNasab(w, arabic) is { } father)
            {
                merged.Add((arabic ? "\u0628\u0646" : "ben", NamePartKind.Particle));
                merged.Add((StripGluedAbd(StripArticle(father, arabic), arabic), NamePartKind.Word));
                continue;
            }

            merged.Add((StripGluedAbd(StripArticle(w, arabic), arabic), NamePartKind.Word));
        }

        var parts = new NamePart[merged.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = new NamePart(merged[i].Text, merged[i].Kind, i);
        }

        return parts;
    }

    /// <summary>True for a nasab or kunya particle in either script.</summary>
    /// <param name="word">A folded word.</param>
    public static bool IsParticle(string word) => LatinParticles.Contains(word) || ArabicParticles.Contains(word);

    /// <summary>
    /// Removes a glued article: Arabic "al" before at least two letters; Latin el-/al- and the sun-letter
    /// assimilations (essaadi, ettounsi, eddahmani) where a doubled consonant follows.
    /// </summary>
    // Western names that begin with "ben" and are not a nasab.
    private static readonly HashSet<string> BenWords = new(
        ["benjamin", "benoit", "benedict", "benedicte", "benedikt", "benedetto", "benito", "bennett", "benson", "bentley", "benny", "benno", "bengt", "benton", "bente", "benz", "benaud", "benard"],
        StringComparer.Ordinal);

    /// <summary>
    /// The father's name of a glued nasab: Latin "ben"/"bin" followed by at least three letters (Bensalah,
    /// Benali, Binladen), Arabic \u0628\u0646 followed by at least three letters (\u0628\u0646\u062D\u0633\u064A\u0646); null for any other word,
    /// and for the Western names that merely begin with "ben" (Benjamin, Benoit).
    /// </summary>
    private static string? SplitGluedNasab(string word, bool arabic)
    {
        if (arabic)
        {
            // \u0628\u0646\u062A (bint) is a particle of its own and never reaches here.
            return word.Length >= 5 && word.StartsWith("\u0628\u0646", StringComparison.Ordinal) ? word[2..] : null;
        }

        return word.Length >= 6 && (word.StartsWith("ben", StringComparison.Ordinal) || word.StartsWith("bin", StringComparison.Ordinal)) && !BenWords.Contains(word)
            ? word[3..]
            : null;
    }

    private static string StripArticle(string word, bool arabic)
    {
        if (arabic)
        {
            return word.Length > 3 && word.StartsWith(ArabicArticle, StringComparison.Ordinal) ? word[2..] : word;
        }

        // es-Saadi written Essaadi: vowel, then a doubled sun letter.
        if (word.Length > 4 && word[0] is 'e' or 'a' && word[1] == word[2] && word[1] is 't' or 'd' or 's' or 'z' or 'r' or 'n' or 'l')
        {
            return word[2..];
        }

        return word;
    }

    /// <summary>Glued Abd compounds keep their shape (abdelkader, abdallah): fold the Latin openers to one spelling.</summary>
    private static string StripGluedAbd(string word, bool arabic)
    {
        if (arabic)
        {
            // \u0639\u0628\u062F\u0627\u0644X -> \u0639\u0628\u062FX
            return word.Length > 5 && word.StartsWith(Abd + ArabicArticle, StringComparison.Ordinal) ? Abd + word[5..] : word;
        }

        foreach (string opener in new[] { "abdel", "abdal", "abdul", "abdoul", "abdou", "abder", "abdes", "abdet", "abden", "abdez" })
        {
            if (word.Length > opener.Length + 2 && word.StartsWith(opener, StringComparison.Ordinal))
            {
                // Abderrahmane: the r of the assimilated article doubles; keep one.
                string rest = word[opener.Length..];
                if (opener.Length == 5 && opener[4] is 'r' or 's' or 't' or 'n' or 'z' && rest[0] == opener[4])
                {
                    rest = rest[1..];
                }

                return "abd" + (opener.Length == 5 && opener[4] is 'r' or 's' or 't' or 'n' or 'z' ? opener[4] + rest : rest);
            }
        }

        return word;
    }
}
