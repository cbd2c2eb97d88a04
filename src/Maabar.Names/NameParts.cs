namespace Maabar.Names;

/// <summary>The role of a word in an Arabic name.</summary>
public enum NamePartKind
{
    /// <summary>A name word: given name, father's name, family name, nisba.</summary>
    Word = 0,

    /// <summary>A nasab or kunya particle (ben, bin, ibn, ould, bent, bint, abu, bou): not evidence of identity.</summary>
    Particle = 1,

    /// <summary>A title, rank or honorific written inside a name (Dr., Sheikh, Haji, Mullah, Colonel, Jr., \u0627\u0644\u062D\u0627\u062C): weighs nothing.</summary>
    Title = 2,
}

/// <summary>What the analysis of one name did, for the explanation of a score.</summary>
[Flags]
internal enum NameRules
{
    /// <summary>Nothing of note.</summary>
    None = 0,

    /// <summary>"SURNAME, Given" read as "Given SURNAME".</summary>
    CommaInverted = 1,

    /// <summary>A title, rank or list annotation left out.</summary>
    TitleDropped = 2,

    /// <summary>A compound joined to one word (Abdul Rahman, Nour Allah, Salah ud-Din), or a glued one folded to the same spelling.</summary>
    CompoundJoined = 4,
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
    private static readonly HashSet<string> LatinCompoundOpeners = new(["abd", "abdel", "abdul", "abdal", "abdoul", "abdou", "abdi", "abde", "abdur", "abdus"], StringComparer.Ordinal);

    // Words that close a compound with the previous word: ad-Din (of the faith), Allah.
    private static readonly HashSet<string> LatinDinClosers = new(["eddine", "eddin", "addin", "uddin", "ddine", "din", "dine", "deen", "uddeen"], StringComparer.Ordinal);

    private static readonly HashSet<string> LatinAllahClosers = new(["allah", "llah", "ullah", "ollah", "ulla", "ullahi"], StringComparer.Ordinal);

    private static readonly HashSet<string> LatinArticles = new(["al", "el", "ul", "il", "l", "es", "as", "ed", "ad", "et", "at", "en", "an", "er", "ar", "ez", "az", "ech", "ach", "ec", "ud", "ur", "us"], StringComparer.Ordinal);

    // Titles, ranks and honorifics written inside name fields by lists and documents. They say nothing of
    // who the person is, and a word such as Sheikh or Haji shared by two names must not count as a shared name.
    // Words that are also given names (Imam, Sayyid, Hafiz, Raed) are not here.
    private static readonly HashSet<string> LatinTitles = new(
        ["dr", "doctor", "docteur", "sheikh", "shaykh", "shaikh", "sheik", "cheikh", "haji", "hajji", "hadj", "hajj", "hadji", "mullah", "mulla", "mawlawi", "maulawi", "mawlavi", "maulvi", "molvi", "mawlana", "maulana", "qari", "colonel", "col", "general", "gen", "brigadier", "jr", "sr", "mr", "mrs", "prof"],
        StringComparer.Ordinal);

    // \u062F\u0643\u062A\u0648\u0631 doctor, \u062D\u0627\u062C hajj, \u062D\u0627\u062C\u064A haji, \u0634\u064A\u062E sheikh, \u0645\u0644\u0627 mulla, \u0645\u0648\u0644\u0648\u064A mawlawi,
    // \u0645\u0648\u0644\u0627\u0646\u0627 mawlana, \u0642\u0627\u0631\u064A qari, \u0639\u0642\u064A\u062F colonel, \u0644\u0648\u0627\u0621 general (folded: hamza dropped). Compared without their article.
    private static readonly HashSet<string> ArabicTitles = new(
        ["\u062F\u0643\u062A\u0648\u0631", "\u062D\u0627\u062C", "\u062D\u0627\u062C\u064A", "\u0634\u064A\u062E", "\u0645\u0644\u0627", "\u0645\u0648\u0644\u0648\u064A", "\u0645\u0648\u0644\u0627\u0646\u0627", "\u0642\u0627\u0631\u064A", "\u0639\u0642\u064A\u062F", "\u0644\u0648\u0627"],
        StringComparer.Ordinal);

    private const string Abd = "\u0639\u0628\u062F"; // ABD
    private const string ArabicArticle = "\u0627\u0644"; // AL
    private const string Din = "\u062F\u064A\u0646"; // DIN
    private const string Allah = "\u0627\u0644\u0644\u0647"; // ALLAH

    /// <summary>The parts of <paramref name="name"/>, in order.</summary>
    /// <param name="name">A full name in Arabic script or Latin letters.</param>
    public static IReadOnlyList<NamePart> Parse(string name) => Parse(name, out _);

    /// <summary>The parts of <paramref name="name"/>, in order, and what the analysis did.</summary>
    internal static IReadOnlyList<NamePart> Parse(string name, out NameRules rules)
    {
        rules = NameRules.None;
        ArgumentNullException.ThrowIfNull(name);
        name = WithoutAnnotations(name, ref rules);
        name = Uninverted(name, ref rules);
        string[] words = NameNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var merged = new List<(string Text, NamePartKind Kind)>(words.Length);
        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            bool arabic = NameNormalizer.DetectScript(w) == NameScript.Arabic;

            if (IsTitle(words, i, arabic))
            {
                merged.Add((w, NamePartKind.Title));
                rules |= NameRules.TitleDropped;
                continue;
            }

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

                // Abd Allah keeps the article of Allah, as the glued Abdallah does; Canonical folds both alike.
                string servant = !arabic && LatinAllahClosers.Contains(words[next]) ? "abdallah" : (arabic ? Abd : "abd") + StripArticle(words[next], arabic);
                merged.Add((arabic ? servant : StripGluedAbd(Canonical(servant, false), false), NamePartKind.Word));
                rules |= NameRules.CompoundJoined;
                i = next;
                continue;
            }

            // X + ad-Din / Allah (Nour Eddine, Nur al-Din, \u0646\u0648\u0631 \u0627\u0644\u062F\u064A\u0646, Nour Allah, Hizb Ullah, \u0646\u0648\u0631 \u0627\u0644\u0644\u0647).
            if (merged.Count > 0 && merged[^1].Kind == NamePartKind.Word
                && (arabic ? StripArticle(w, true) == Din || w == Allah : LatinDinClosers.Contains(w) || LatinAllahClosers.Contains(w)))
            {
                bool allah = arabic ? w == Allah : LatinAllahClosers.Contains(w);
                merged[^1] = (merged[^1].Text + (allah ? (arabic ? Allah : "allah") : (arabic ? Din : "din")), NamePartKind.Word);
                rules |= NameRules.CompoundJoined;
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
                merged.Add((Folded(father, arabic, ref rules), NamePartKind.Word));
                continue;
            }

            merged.Add((Folded(w, arabic, ref rules), NamePartKind.Word));
        }

        var parts = new NamePart[merged.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = new NamePart(merged[i].Text, merged[i].Kind, i);
        }

        return parts;
    }

    /// <summary>
    /// True when word <paramref name="i"/> is a title: a word of the lists above before a name word, or a
    /// suffix (Jr., Sr.) anywhere. A title word that ends a name after a name word is the family name
    /// (Ahmed Sheikh), and so is one after the family marker \u0622\u0644 (folded \u0627\u0644, written apart;
    /// Aal): \u0622\u0644 \u0627\u0644\u0634\u064A\u062E, Aal ash-Sheikh. A name of title words only has no name word.
    /// </summary>
    private static bool IsTitle(string[] words, int i, bool arabic)
    {
        string w = words[i];
        if (!TitleWord(w, arabic))
        {
            return false;
        }

        if (!arabic && w is "jr" or "sr")
        {
            return true;
        }

        for (int j = i + 1; j < words.Length; j++)
        {
            if (!TitleWord(words[j], NameNormalizer.DetectScript(words[j]) == NameScript.Arabic) && !IsParticle(words[j]))
            {
                return true;
            }
        }

        if (i > 0 && words[i - 1] is ArabicArticle or "aal")
        {
            return false;
        }

        for (int j = 0; j < i; j++)
        {
            if (!TitleWord(words[j], NameNormalizer.DetectScript(words[j]) == NameScript.Arabic) && !IsParticle(words[j]) && !LatinArticles.Contains(words[j]))
            {
                return false;
            }
        }

        return true;

        static bool TitleWord(string w, bool arabic) => arabic ? ArabicTitles.Contains(StripArticle(w, true)) || ArabicTitles.Contains(w) : LatinTitles.Contains(w);
    }

    /// <summary>A word without its glued article, its compound ending folded, its glued Abd folded.</summary>
    private static string Folded(string word, bool arabic, ref NameRules rules)
    {
        string stripped = StripArticle(word, arabic);
        string canonical = Canonical(stripped, arabic);
        if (!ReferenceEquals(canonical, stripped))
        {
            rules |= NameRules.CompoundJoined;
        }

        return StripGluedAbd(canonical, arabic);
    }

    // Glued endings of ad-Din and Allah, longest first, as written in Latin letters.
    private static readonly string[] DinEndings = ["uddeen", "eddine", "uddin", "eddin", "addin", "oddin", "iddin"];
    private static readonly string[] AllahEndings = ["ullahi", "ullah", "ollah", "allah", "ellah", "ulla"];

    /// <summary>
    /// Folds a glued compound ending to the spelling the spaced form joins to: Salahuddin and Salah ud-Din
    /// give salahdin, Nurullah and Nour Allah nurallah / nourallah, \u0646\u0648\u0631\u0627\u0644\u062F\u064A\u0646 and \u0646\u0648\u0631 \u0627\u0644\u062F\u064A\u0646 one word.
    /// The same string back when nothing was folded.
    /// </summary>
    private static string Canonical(string word, bool arabic)
    {
        if (arabic)
        {
            // X + al-Din glued: the article goes, as in the spaced form.
            return word.Length > 6 && word.EndsWith(ArabicArticle + Din, StringComparison.Ordinal) ? word[..^5] + Din : word;
        }

        foreach (string ending in DinEndings)
        {
            if (word.Length >= ending.Length + 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length] + "din";
            }
        }

        foreach (string ending in AllahEndings)
        {
            if (word.Length >= ending.Length + 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return ending == "allah" ? word : word[..^ending.Length] + "allah";
            }
        }

        return word;
    }

    /// <summary>
    /// "SURNAME, Given" as lists write it, and SURNAME&lt;&lt;GIVEN as the MRZ does, read as "Given SURNAME" (the
    /// Arabic comma too). A name with nothing on one side of its comma is left as it is.
    /// </summary>
    private static string Uninverted(string name, ref NameRules rules)
    {
        int comma = name.AsSpan().IndexOfAny(',', '\u060C'); // ARABIC COMMA
        int width = 1;
        if (comma < 0)
        {
            // ICAO 9303-3, section 4.6: an MRZ name is the primary identifier (surname), "<<", the secondary (given names).
            comma = name.IndexOf("<<", StringComparison.Ordinal);
            width = 2;
        }

        if (comma < 0)
        {
            return name;
        }

        string surname = name[..comma], given = name[(comma + width)..];
        if (NameNormalizer.Normalize(surname).Length == 0 || NameNormalizer.Normalize(given).Length == 0)
        {
            return name;
        }

        rules |= NameRules.CommaInverted;
        return given + " " + surname;
    }

    /// <summary>
    /// Text in brackets is a list's annotation or a second spelling of the word before it (SANTOS, Ahmad
    /// (Ahmed); "(previously listed as)"): it is left out, so that it neither adds a word nor is compared.
    /// </summary>
    private static string WithoutAnnotations(string name, ref NameRules rules)
    {
        int open = name.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return name;
        }

        var kept = new System.Text.StringBuilder(name.Length);
        int depth = 0;
        foreach (char c in name)
        {
            if (c == '(')
            {
                depth++;
                kept.Append(' ');
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
                kept.Append(' ');
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }
        }

        rules |= NameRules.TitleDropped;
        return kept.ToString();
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

        foreach (string opener in new[] { "abdel", "abdal", "abdul", "abdoul", "abdou", "abder", "abdes", "abdet", "abden", "abdez", "abdur", "abdus" })
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
