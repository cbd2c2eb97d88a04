namespace Maabar.Names;

/// <summary>What is known of one side of a comparison. Every field but <see cref="Name"/> may be unknown (null, or <see cref="PersonSex.Unknown"/>).</summary>
/// <param name="Name">Full name, Arabic script or Latin letters.</param>
/// <param name="BirthDate">The date of birth, known to the year, the month or the day.</param>
/// <param name="Sex">The sex; <see cref="PersonSex.Unknown"/> when not known.</param>
/// <param name="Nationality">ISO 3166-1 alpha-3.</param>
/// <param name="FatherName">Father's name.</param>
/// <param name="MotherName">Mother's name.</param>
/// <param name="DocumentNumber">A document number.</param>
/// <param name="NameTruncated">True when the name may be cut short (an MRZ name field filled to its end): its last word then matches any word it begins.</param>
public sealed record PersonDescription(
    string Name,
    PartialBirthDate? BirthDate = null,
    PersonSex Sex = PersonSex.Unknown,
    string? Nationality = null,
    string? FatherName = null,
    string? MotherName = null,
    string? DocumentNumber = null,
    bool NameTruncated = false);

/// <summary>
/// A description analysed once: name words with their weights, lexicon groups and phonetic keys, parents'
/// names likewise, date of birth and document number parsed. Build it once per watchlist entry or
/// traveller with <see cref="NameMatcher.Prepare"/> and compare many times with
/// <see cref="NameMatcher.ComparePrepared"/>. Immutable and thread-safe.
/// </summary>
public sealed class PreparedPerson
{
    internal PreparedPerson(PersonDescription source, NameFrequencies frequencies, PreparedName name, PreparedName? father, PreparedName? mother, (int Year, int? Month, int? Day)? birth, string documentKey)
    {
        Source = source;
        Frequencies = frequencies;
        Name = name;
        Father = father;
        Mother = mother;
        Birth = birth;
        DocumentKey = documentKey;
    }

    /// <summary>What was prepared.</summary>
    public PersonDescription Source { get; }

    /// <summary>The model that weighed the name words: only people prepared with the same model are compared.</summary>
    public NameFrequencies Frequencies { get; }

    internal PreparedName Name { get; }

    internal PreparedName? Father { get; }

    internal PreparedName? Mother { get; }

    internal (int Year, int? Month, int? Day)? Birth { get; }

    internal string DocumentKey { get; }

    /// <summary>The same person with its names' words replaced by shared copies (an index's vocabulary).</summary>
    internal PreparedPerson Interned(PreparedName name, PreparedName? father, PreparedName? mother) => new(Source, Frequencies, name, father, mother, Birth, DocumentKey);

    /// <summary>The same person seen under another of its names (an alias): attributes shared.</summary>
    internal PreparedPerson WithName(PreparedName name) => ReferenceEquals(name, Name) ? this : new(Source, Frequencies, name, Father, Mother, Birth, DocumentKey);
}

/// <summary>The name words of one name, ready to compare.</summary>
/// <param name="words">The name words, in the order compared (a "SURNAME, Given" name already turned round).</param>
/// <param name="cuts">
/// Bit k (1 &lt;= k &lt; words.Length) set where the name may be read turned round before word k (the words
/// from k first): the family name a list or document writes first or last. Never inside a nasab chain.
/// </param>
/// <param name="rules">What the analysis of the name did, for the explanation.</param>
internal sealed class PreparedName(PreparedWord[] words, int cuts = 0, NameRules rules = NameRules.None)
{
    public PreparedWord[] Words { get; } = words;

    /// <summary>Where the name may be turned round (see the constructor).</summary>
    public int Cuts { get; } = cuts;

    /// <summary>What the analysis of the name did.</summary>
    public NameRules Rules { get; } = rules;

    public double TotalWeight { get; } = words.Sum(w => (double)w.Weight);

    /// <summary>
    /// The least the name's words can weigh in a comparison's denominator: the first and last word whole,
    /// every word between at <see cref="NameMatcher.GapShare"/> (a word the other name leaves out of its chain).
    /// A name read turned round counts every word left out whole, so this bounds it too.
    /// </summary>
    public double LeastWeight { get; } = Enumerable.Range(0, words.Length).Sum(i => LeastWeightOf(words, i));

    /// <summary>The least weight word <paramref name="i"/> can count with when it has no partner.</summary>
    public double LeastWeightAt(int i) => LeastWeightOf(Words, i);

    /// <summary>The same name with its words replaced by shared copies (an index's vocabulary).</summary>
    public PreparedName WithWords(PreparedWord[] interned) => new(interned, Cuts, Rules);

    private static double LeastWeightOf(PreparedWord[] words, int i) => i == 0 || i == words.Length - 1 ? words[i].Weight : NameMatcher.GapShare * words[i].Weight;
}

/// <summary>
/// One name word: folded text, lexicon group (-1 when none), phonetic key, and weight: how much sharing it
/// counts as evidence, from <see cref="NameFrequencies"/> (a frequent word shared says little).
/// </summary>
internal readonly record struct PreparedWord(string Text, int Group, string Key, float Weight)
{
    /// <summary>The word may be cut short (the last word of a truncated MRZ name): it matches the words it begins.</summary>
    public bool Prefix { get; init; }

    /// <summary>
    /// How much the word counts when it has no partner: the lexicon's weight, not the learned one. Two people
    /// who do not share a word differ however common the word is (sharing a frequent word is weak evidence
    /// of identity; lacking it is not weaker evidence against), so counts only lower the credit of agreement.
    /// Never below <see cref="Weight"/>.
    /// </summary>
    public float MissWeight => Group >= 0 ? NameFrequencies.LeastWeight : 1f;
}

/// <summary>How strong a match is.</summary>
public enum MatchBand
{
    /// <summary>Below <see cref="NameMatcher.PossibleThreshold"/>: no alert.</summary>
    None = 0,

    /// <summary>From <see cref="NameMatcher.PossibleThreshold"/>: may be the same person; an officer must look.</summary>
    Possible = 1,

    /// <summary>From <see cref="NameMatcher.StrongThreshold"/>: very likely the same person.</summary>
    Strong = 2,
}

/// <summary>Two name words aligned with each other.</summary>
/// <param name="Left">The left word, folded.</param>
/// <param name="Right">The right word, folded.</param>
/// <param name="Similarity">Word similarity in [0, 1].</param>
/// <param name="Weight">How much the pair counts (common words count less).</param>
public sealed record AlignedWord(string Left, string Right, double Similarity, double Weight);

/// <summary>What one attribute did to the score.</summary>
/// <param name="Attribute">birthDate, sex, nationality, fatherName, motherName or documentNumber.</param>
/// <param name="Effect">A code: exact, compatible, swapped, nearYear, conflict, same, different, similar, near.</param>
/// <param name="Delta">Points added (negative: taken away).</param>
/// <param name="Cap">When not null, the most the score may be after this attribute.</param>
public sealed record AttributeEffect(string Attribute, string Effect, double Delta, double? Cap = null);

/// <summary>Why a score is what it is: the aligned words, the words left over on each side, each attribute's effect.</summary>
/// <param name="NameScore">The names' similarity alone, in [0, 1].</param>
/// <param name="Words">Aligned word pairs, in name order.</param>
/// <param name="UnmatchedLeft">Left words with no partner (particles excluded).</param>
/// <param name="UnmatchedRight">Right words with no partner (particles excluded).</param>
/// <param name="Attributes">Attribute effects, in the order applied.</param>
/// <param name="FrequencyModel">The version of the <see cref="NameFrequencies"/> that weighed the words (null where no name was compared): with it the score can be reproduced.</param>
/// <param name="LeftOut">Unmatched words (of either side) that one name holds between two aligned words where the other holds none: chain links left out, counted at <see cref="NameMatcher.GapShare"/> of their weight. Null in explanations stored before the rule.</param>
/// <param name="Rules">
/// Which rules of name analysis applied, as codes: <c>commaInverted</c> ("SURNAME, Given" read as "Given
/// SURNAME"), <c>orderIgnored</c> (one name read turned round: its family name written first or last),
/// <c>titleDropped</c> (a title, rank or list annotation left out), <c>compoundJoined</c> (a compound such as
/// Abdul Rahman or Nour Allah joined to one word), <c>chainTruncated</c> (chain links one name leaves out, see
/// <paramref name="LeftOut"/>), <c>truncationHeld</c> (words left out, but the names' kept ends are not the same
/// words or say too little on their own: the names held under possible). Null in explanations stored before the rules.
/// </param>
public sealed record MatchExplanation(double NameScore, IReadOnlyList<AlignedWord> Words, IReadOnlyList<string> UnmatchedLeft, IReadOnlyList<string> UnmatchedRight, IReadOnlyList<AttributeEffect> Attributes, string? FrequencyModel = null, IReadOnlyList<string>? LeftOut = null, IReadOnlyList<string>? Rules = null);

/// <summary>A scored comparison.</summary>
/// <param name="Score">In [0, 1].</param>
/// <param name="Band">The band at the default thresholds.</param>
/// <param name="Explanation">Why.</param>
public sealed record NameMatch(double Score, MatchBand Band, MatchExplanation Explanation)
{
    /// <summary>True when the band is possible or strong: the default operating point alerts.</summary>
    public bool Alert => Band != MatchBand.None;
}

/// <summary>
/// Decides how likely two descriptions are one person, and explains it. Names are compared word by word
/// with <see cref="WordSimilarity"/> along an order-preserving alignment, so a swapped nasab (X ben Y
/// against Y ben X) and a name contained in a longer one (a son's name holds his father's) do not count
/// as identity; particles carry no weight and very common words little. Attributes then raise the score
/// (same date of birth, same document) or hold it below the alert threshold (a conflicting date of birth
/// or sex: a namesake is never alerted for the name alone). Symmetric; pure and thread-safe.
/// </summary>
public static class NameMatcher
{
    /// <summary>Scores from here are <see cref="MatchBand.Possible"/>.</summary>
    public const double PossibleThreshold = 0.70;

    /// <summary>Scores from here are <see cref="MatchBand.Strong"/>.</summary>
    public const double StrongThreshold = 0.85;

    /// <summary>The most a score may be when date of birth or sex conflict: just below <see cref="PossibleThreshold"/>.</summary>
    public const double ConflictCap = 0.69;

    /// <summary>
    /// Below this names' similarity no attribute can make an alert (the score is then held under
    /// <see cref="PossibleThreshold"/>): a candidate index may drop such names unseen.
    /// </summary>
    public const double AlertNameFloor = 0.5;

    // Frequent given names of the Maghreb and the Arab world, by spelling group, both scripts
    // (Frequencies/lexicon.tsv, embedded): two words of the lexicon are the same name only within one group.
    private static readonly Dictionary<string, int> Lexicon = BuildLexicon(ReadLexicon());

    private const string LexiconResource = "Maabar.Names.Frequencies.lexicon.tsv";

    private static string[][] ReadLexicon()
    {
        using Stream stream = typeof(NameMatcher).Assembly.GetManifestResourceStream(LexiconResource)
            ?? throw new InvalidOperationException($"The embedded resource {LexiconResource} is missing.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var groups = new List<string[]>();
        while (reader.ReadLine() is string line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                groups.Add(line.Split('\t'));
            }
        }

        return [.. groups];
    }

    private static Dictionary<string, int> BuildLexicon(string[][] groups)
    {
        var lexicon = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Length; g++)
        {
            foreach (string spelling in groups[g])
            {
                NamePart[] words = [.. NameParts.Parse(spelling).Where(p => p.Kind == NamePartKind.Word)];
                // Two spellings of one group may fold alike (abdallah, abdullah); across groups they may not.
                if (words.Length != 1 || (lexicon.TryGetValue(words[0].Text, out int other) && other != g))
                {
                    throw new InvalidOperationException($"Lexicon spelling {g}:{spelling} is not one word or folds like another group's.");
                }

                lexicon[words[0].Text] = g;
            }
        }

        return lexicon;
    }

    /// <summary>Word similarity with the lexicon on top: within a group 1, across groups 0, else <see cref="WordSimilarity"/>.</summary>
    internal static double WordScore(PreparedWord a, PreparedWord b)
    {
        if (a.Text == b.Text)
        {
            return 1.0;
        }

        if (a.Group >= 0 && b.Group >= 0)
        {
            return a.Group == b.Group ? 1.0 : 0.0;
        }

        // The cut-off end of a truncated name matches the word it begins (FA for Fadhel).
        if ((a.Prefix && b.Text.StartsWith(a.Text, StringComparison.Ordinal)) || (b.Prefix && a.Text.StartsWith(b.Text, StringComparison.Ordinal)))
        {
            return 1.0;
        }

        // An initial (M. for Mohamed) matches a word of the same script starting with that letter.
        if ((a.Text.Length == 1 || b.Text.Length == 1) && a.Text[0] == b.Text[0])
        {
            return 0.9;
        }

        return WordSimilarity.ScoreKeys(a.Key, b.Key);
    }

    /// <summary>Compares two descriptions.</summary>
    /// <param name="left">One side.</param>
    /// <param name="right">The other side.</param>
    /// <param name="frequencies">How much each name word weighs; <see cref="NameFrequencies.Default"/> when null.</param>
    public static NameMatch Compare(PersonDescription left, PersonDescription right, NameFrequencies? frequencies = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return ComparePrepared(Prepare(left, frequencies), Prepare(right, frequencies));
    }

    /// <summary>Analyses a description once, for many comparisons.</summary>
    /// <param name="person">The description.</param>
    /// <param name="frequencies">How much each name word weighs; <see cref="NameFrequencies.Default"/> when null.</param>
    public static PreparedPerson Prepare(PersonDescription person, NameFrequencies? frequencies = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        frequencies ??= NameFrequencies.Default;
        return new PreparedPerson(
            person,
            frequencies,
            PrepareName(person.Name, frequencies, person.NameTruncated),
            Known(person.FatherName) ? PrepareName(person.FatherName!, frequencies) : null,
            Known(person.MotherName) ? PrepareName(person.MotherName!, frequencies) : null,
            person.BirthDate is PartialBirthDate birth ? (birth.Year, birth.Month, birth.Day) : null,
            DocumentKey(person.DocumentNumber));
    }

    /// <summary>Compares two prepared descriptions; the same result as comparing their sources.</summary>
    /// <param name="left">One side.</param>
    /// <param name="right">The other side.</param>
    /// <exception cref="ArgumentException">The two were prepared with different <see cref="NameFrequencies"/>.</exception>
    public static NameMatch ComparePrepared(PreparedPerson left, PreparedPerson right)
    {
        SameModel(left, right);
        (double nameScore, List<AlignedWord> words, List<string> restLeft, List<string> restRight, LeftOutWords leftOut, bool turned) = CompareNames(left.Name, right.Name);
        List<AttributeEffect> effects = Attributes(left, right);
        double score = Final(nameScore, effects);
        NameRules applied = left.Name.Rules | right.Name.Rules;
        var rules = new List<string>();
        if (applied.HasFlag(NameRules.CommaInverted))
        {
            rules.Add("commaInverted");
        }

        if (turned)
        {
            rules.Add("orderIgnored");
        }

        if (applied.HasFlag(NameRules.TitleDropped))
        {
            rules.Add("titleDropped");
        }

        if (applied.HasFlag(NameRules.CompoundJoined))
        {
            rules.Add("compoundJoined");
        }

        if (leftOut.Words.Count > 0)
        {
            rules.Add(leftOut.Held ? "truncationHeld" : "chainTruncated");
        }

        return new NameMatch(score, BandOf(score), new MatchExplanation(nameScore, words, restLeft, restRight, effects, left.Frequencies.Version, leftOut.Words, rules));
    }

    /// <summary>
    /// The score and band of <see cref="ComparePrepared"/> without building the explanation: for scoring
    /// many candidates, then explaining the few that alert. Same numbers, to the last bit.
    /// </summary>
    /// <param name="left">One side.</param>
    /// <param name="right">The other side.</param>
    /// <exception cref="ArgumentException">The two were prepared with different <see cref="NameFrequencies"/>.</exception>
    public static (double Score, MatchBand Band) ScorePrepared(PreparedPerson left, PreparedPerson right)
    {
        SameModel(left, right);
        double score = ScoreAtLeast(left, right, double.NegativeInfinity);
        return (score, BandOf(score));
    }

    /// <summary>
    /// The score of <see cref="ScorePrepared"/>, or -1 without reading the attributes when the names'
    /// similarity is under <paramref name="nameFloor"/> (a floor from <see cref="NameFloorFor(PreparedPerson, PreparedPerson, double)"/>,
    /// under which the score cannot reach the minimum it was made for).
    /// </summary>
    internal static double ScoreAtLeast(PreparedPerson left, PreparedPerson right, double nameFloor)
    {
        PreparedWord[] a = left.Name.Words, b = right.Name.Words;
        double nameScore;
        if (a.Length == 0 || b.Length == 0)
        {
            nameScore = 0;
        }
        else if ((a.Length + 1) * (b.Length + 1) <= 256)
        {
            Span<double> sim = stackalloc double[a.Length * b.Length];
            Span<double> gain = stackalloc double[(a.Length + 1) * (b.Length + 1)];
            Span<bool> usedA = stackalloc bool[a.Length];
            Span<bool> usedB = stackalloc bool[b.Length];
            Span<int> pairs = stackalloc int[2 * Math.Min(a.Length, b.Length)];
            Span<int> orderA = stackalloc int[a.Length];
            Span<int> orderB = stackalloc int[b.Length];
            nameScore = Align(left.Name, right.Name, sim, gain, usedA, usedB, pairs, orderA, orderB, out _, null);
        }
        else
        {
            nameScore = Align(left.Name, right.Name, new double[a.Length * b.Length], new double[(a.Length + 1) * (b.Length + 1)], new bool[a.Length], new bool[b.Length], new int[2 * Math.Min(a.Length, b.Length)], new int[a.Length], new int[b.Length], out _, null);
        }

        return nameScore < nameFloor ? -1 : Final(nameScore, Attributes(left, right));
    }

    // Words weighed by two models would make a score that is neither model's decision.
    private static void SameModel(PreparedPerson left, PreparedPerson right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!ReferenceEquals(left.Frequencies, right.Frequencies) && left.Frequencies.Version != right.Frequencies.Version)
        {
            throw new ArgumentException($"The two people were prepared with different name-frequency models ({left.Frequencies.Version}, {right.Frequencies.Version}).", nameof(right));
        }
    }

    private static MatchBand BandOf(double score) => score >= StrongThreshold ? MatchBand.Strong : score >= PossibleThreshold ? MatchBand.Possible : MatchBand.None;

    // What a same father's name, mother's name or document number adds.
    private const double FatherSame = 0.05;
    private const double MotherSame = 0.03;
    private const double DocumentSame = 0.25;

    /// <summary>Every attribute's effect; without comparing the parents' names when <paramref name="compareParents"/> is false.</summary>
    private static List<AttributeEffect> Attributes(PreparedPerson left, PreparedPerson right, bool compareParents = true)
    {
        var effects = new List<AttributeEffect>();
        ApplyBirthDate(left.Birth, right.Birth, effects);
        ApplySex(left.Source.Sex, right.Source.Sex, effects);
        if (Known(left.Source.Nationality) && Known(right.Source.Nationality) && !string.Equals(left.Source.Nationality!.Trim(), right.Source.Nationality!.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            effects.Add(new AttributeEffect("nationality", "different", -0.05));
        }

        if (compareParents)
        {
            ApplyParent("fatherName", left.Father, right.Father, FatherSame, -0.25, effects);
            ApplyParent("motherName", left.Mother, right.Mother, MotherSame, -0.15, effects);
        }

        ApplyDocument(left.DocumentKey, right.DocumentKey, effects);
        return effects;
    }

    /// <summary>
    /// The least names' similarity at which <paramref name="listed"/> could reach <paramref name="minScore"/>
    /// against <paramref name="query"/>, whatever their names; above 1 when the attributes alone keep it
    /// below (a conflicting date of birth or sex). The same rules as <see cref="ComparePrepared"/>, with a
    /// parent's name known on both sides counted as the same: a candidate index drops names under it unseen.
    /// </summary>
    internal static double NameFloorFor(PreparedPerson query, PreparedPerson listed, double minScore)
    {
        double gain = (query.Father is not null && listed.Father is not null ? FatherSame : 0) + (query.Mother is not null && listed.Mother is not null ? MotherSame : 0);
        foreach (AttributeEffect effect in Attributes(query, listed, compareParents: false))
        {
            if (effect.Cap is double cap && cap < minScore)
            {
                return double.PositiveInfinity;
            }

            gain += effect.Delta;
        }

        return FloorWithGain(minScore, gain);
    }

    /// <summary>The least names' similarity at which any listed person could reach <paramref name="minScore"/> against <paramref name="query"/>.</summary>
    internal static double NameFloorFor(PreparedPerson query, double minScore)
    {
        double gain = (query.Birth is { Month: not null, Day: not null } ? BirthExact.Delta : query.Birth is not null ? BirthCompatible.Delta : 0)
            + (query.Father is not null ? FatherSame : 0) + (query.Mother is not null ? MotherSame : 0) + (query.DocumentKey.Length > 0 ? DocumentSame : 0);
        return FloorWithGain(minScore, gain);
    }

    /// <summary>True when a date of birth or sex of <paramref name="query"/> can rule a listed person out before names are compared.</summary>
    internal static bool RulesOutByBirthOrSex(PreparedPerson query, double minScore) => minScore > ConflictCap && (query.Birth is not null || SexCode(query.Source.Sex) != 0);

    /// <summary>0 unknown, 1 male, 2 female: what the sex rule compares.</summary>
    internal static int SexCode(PersonSex sex) => sex is PersonSex.Male or PersonSex.Female ? (int)sex : 0;

    // A score is the names' similarity plus the attributes' deltas, and under the floor rule of Final at most
    // the similarity plus (PossibleThreshold - AlertNameFloor). A hair lower, for the order of float sums.
    private static double FloorWithGain(double minScore, double gain) =>
        Math.Max(minScore - gain, Math.Min(AlertNameFloor, minScore - (PossibleThreshold - AlertNameFloor))) - 1e-9;

    private static double Final(double nameScore, List<AttributeEffect> effects)
    {
        double score = nameScore;
        double cap = 1.0;
        foreach (AttributeEffect effect in effects)
        {
            score += effect.Delta;
            if (effect.Cap is double c)
            {
                cap = Math.Min(cap, c);
            }
        }

        // Attributes can lift a weak name only so far, and never make an unrelated name an alert.
        if (nameScore < AlertNameFloor)
        {
            cap = Math.Min(cap, nameScore + (PossibleThreshold - AlertNameFloor));
        }

        return Math.Clamp(Math.Min(score, cap), 0, 1);
    }

    /// <summary>The similarity of two names alone, in [0, 1].</summary>
    /// <param name="left">A name.</param>
    /// <param name="right">A name.</param>
    /// <param name="frequencies">How much each name word weighs; <see cref="NameFrequencies.Default"/> when null.</param>
    public static double CompareNamesOnly(string left, string right, NameFrequencies? frequencies = null) =>
        CompareNames(PrepareName(left, frequencies ?? NameFrequencies.Default), PrepareName(right, frequencies ?? NameFrequencies.Default)).Score;

    internal static PreparedName PrepareName(string name, NameFrequencies frequencies, bool truncated = false)
    {
        IReadOnlyList<NamePart> parts = NameParts.Parse(name, out NameRules rules);
        PreparedWord[] words = [.. parts.Where(p => p.Kind == NamePartKind.Word).Select(p => Word(p.Text, frequencies))];
        if (truncated && words.Length > 0)
        {
            words[^1] = words[^1] with { Prefix = true };
        }

        return new PreparedName(words, Cuts(parts, words), rules);
    }

    /// <summary>
    /// Where a name may be read turned round (bit k: the words from k first). A list writes "TRABELSI Sami",
    /// a document "Sami Trabelsi": the same words in another order are the same name, except where the name's
    /// own structure fixes the order. A nasab chain does (Ali Ben Omar is the son of Omar Ben Ali), so no cut
    /// falls before a word that follows a particle or before a word a particle follows (the head of a chain:
    /// Ahmed | Khaled Ben Salah would make the son his father). A name of given names only does too: Ali
    /// Mohamed is Ali son of Mohamed, not Mohamed Ali.
    /// </summary>
    private static int Cuts(IReadOnlyList<NamePart> parts, PreparedWord[] words)
    {
        if (words.Length < 2 || words.Length > 30 || words.All(w => w.Group >= 0))
        {
            return 0;
        }

        int cuts = 0, k = -1;
        for (int p = 0; p < parts.Count; p++)
        {
            if (parts[p].Kind != NamePartKind.Word)
            {
                continue;
            }

            k++;
            bool afterParticle = PreviousKind(parts, p) == NamePartKind.Particle;
            bool beforeParticle = NextKind(parts, p) == NamePartKind.Particle;
            if (k >= 1 && !afterParticle && !beforeParticle)
            {
                cuts |= 1 << k;
            }
        }

        return cuts;

        // Titles are read through: Ben Dr. Salah is still a chain.
        static NamePartKind? PreviousKind(IReadOnlyList<NamePart> parts, int p)
        {
            for (int q = p - 1; q >= 0; q--)
            {
                if (parts[q].Kind != NamePartKind.Title)
                {
                    return parts[q].Kind;
                }
            }

            return null;
        }

        static NamePartKind? NextKind(IReadOnlyList<NamePart> parts, int p)
        {
            for (int q = p + 1; q < parts.Count; q++)
            {
                if (parts[q].Kind != NamePartKind.Title)
                {
                    return parts[q].Kind;
                }
            }

            return null;
        }
    }

    private static (double Score, List<AlignedWord> Words, List<string> RestLeft, List<string> RestRight, LeftOutWords LeftOut, bool Turned) CompareNames(PreparedName left, PreparedName right)
    {
        PreparedWord[] a = left.Words, b = right.Words;
        if (a.Length == 0 || b.Length == 0)
        {
            return (0, [], [.. a.Select(p => p.Text)], [.. b.Select(p => p.Text)], new LeftOutWords(), false);
        }

        var sim = new double[a.Length * b.Length];
        var usedA = new bool[a.Length];
        var usedB = new bool[b.Length];
        var pairs = new int[2 * Math.Min(a.Length, b.Length)];
        var orderA = new int[a.Length];
        var orderB = new int[b.Length];
        var leftOut = new LeftOutWords();
        double score = Align(left, right, sim, new double[(a.Length + 1) * (b.Length + 1)], usedA, usedB, pairs, orderA, orderB, out int count, leftOut);
        bool turned = false;
        for (int i = 0; i < orderA.Length; i++)
        {
            turned |= orderA[i] != i;
        }

        for (int j = 0; j < orderB.Length; j++)
        {
            turned |= orderB[j] != j;
        }

        // Positions are in the order the names were read; words are reported by their own.
        var words = new List<AlignedWord>(count);
        for (int k = count - 1; k >= 0; k--)
        {
            int i = pairs[2 * k], j = pairs[(2 * k) + 1];
            PreparedWord x = a[orderA[i]], y = b[orderB[j]];
            words.Add(new AlignedWord(x.Text, y.Text, Math.Round(sim[(i * b.Length) + j], 4), Math.Round((double)PairWeight(x, y), 4)));
        }

        return (score, words, [.. Enumerable.Range(0, a.Length).Where(i => !usedA[i]).Select(i => a[orderA[i]].Text)], [.. Enumerable.Range(0, b.Length).Where(j => !usedB[j]).Select(j => b[orderB[j]].Text)], leftOut, turned);
    }

    /// <summary>
    /// The best alignment of the two names in their own order and in every order either may be turned round
    /// to (<see cref="PreparedName.Cuts"/>). A turned order counts only when both of its halves have a word
    /// aligned: what moved must be shared (a son's name turned round does not make his own given name a
    /// family name). Fills the outputs of <see cref="AlignInOrder"/> for the best, with the orders read in
    /// <paramref name="orderA"/> and <paramref name="orderB"/> (positions in them index the outputs).
    /// </summary>
    private static double Align(PreparedName left, PreparedName right, Span<double> sim, Span<double> gain, Span<bool> usedA, Span<bool> usedB, Span<int> pairs, Span<int> orderA, Span<int> orderB, out int count, LeftOutWords? leftOut)
    {
        int n = left.Words.Length, m = right.Words.Length;
        Rotate(orderA, 0);
        Rotate(orderB, 0);
        if (left.Cuts == 0 && right.Cuts == 0)
        {
            return AlignInOrder(left, right, sim, gain, usedA, usedB, pairs, orderA, orderB, out count, leftOut);
        }

        double best = AlignInOrder(left, right, sim, gain, usedA, usedB, pairs, orderA, orderB, out count, null);
        int bestA = 0, bestB = 0;
        for (int side = 0; side < 2; side++)
        {
            int cuts = side == 0 ? left.Cuts : right.Cuts, length = side == 0 ? n : m;
            for (int k = 1; k < length; k++)
            {
                if ((cuts & (1 << k)) == 0)
                {
                    continue;
                }

                Rotate(side == 0 ? orderA : orderB, k);
                double s = AlignInOrder(left, right, sim, gain, usedA, usedB, pairs, orderA, orderB, out int aligned, null);
                if (s > best + 1e-12 && BothHalvesAligned(side == 0 ? usedA : usedB, length - k) && AllClose(sim, pairs, aligned, m))
                {
                    best = s;
                    (bestA, bestB) = side == 0 ? (k, 0) : (0, k);
                }

                Rotate(side == 0 ? orderA : orderB, 0);
            }
        }

        Rotate(orderA, bestA);
        Rotate(orderB, bestB);
        return AlignInOrder(left, right, sim, gain, usedA, usedB, pairs, orderA, orderB, out count, leftOut);

        // The words from k come first: positions 0 .. length-k-1 are one half, the rest the other.
        static bool BothHalvesAligned(Span<bool> used, int split) => used[..split].Contains(true) && used[split..].Contains(true);

        // Every aligned pair of a turned order must be a close spelling: a family name that moved is the same
        // word, not a look-alike (a given name and a different family name of similarity 0.6 must not pair up
        // just because the order allows it). Measured on the background population: without this rule the
        // name-alone alerts rose.
        static bool AllClose(Span<double> sim, Span<int> pairs, int aligned, int m)
        {
            for (int p = 0; p < aligned; p++)
            {
                if (sim[(pairs[2 * p] * m) + pairs[(2 * p) + 1]] < TurnedPairFloor)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>What an explained alignment records of the words one name leaves out of the other's chain.</summary>
    private sealed class LeftOutWords
    {
        /// <summary>The words left out, folded.</summary>
        public List<string> Words { get; } = [];

        /// <summary>True when the truncated-name rule did not hold and the names were held under possible (<see cref="TruncationHeldCap"/>).</summary>
        public bool Held { get; set; }
    }

    /// <summary>The least similarity of every aligned pair when a name is read turned round.</summary>
    internal const double TurnedPairFloor = 0.8;

    private static void Rotate(Span<int> order, int k)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = (i + k) % order.Length;
        }
    }

    /// <summary>
    /// Order-preserving alignment maximising the weighted similarity (a weighted longest common
    /// subsequence) of the words read in <paramref name="orderA"/> and <paramref name="orderB"/>; fills the
    /// similarity matrix, the used flags and the aligned pairs (last first), all by position in those orders,
    /// adds the words one name leaves out of the other's chain to <paramref name="leftOut"/> when given, and
    /// returns the names' score.
    /// </summary>
    private static double AlignInOrder(PreparedName left, PreparedName right, Span<double> sim, Span<double> gain, Span<bool> usedA, Span<bool> usedB, Span<int> pairs, ReadOnlySpan<int> orderA, ReadOnlySpan<int> orderB, out int count, LeftOutWords? leftOut)
    {
        PreparedWord[] a = left.Words, b = right.Words;
        int width = b.Length + 1;
        gain.Clear();
        usedA.Clear();
        usedB.Clear();
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                PreparedWord x = a[orderA[i - 1]], y = b[orderB[j - 1]];
                double s = WordScore(x, y);
                sim[((i - 1) * b.Length) + j - 1] = s;
                double pair = s >= WordSimilarity.DefaultThreshold ? s * PairWeight(x, y) : 0;
                gain[(i * width) + j] = Math.Max(Math.Max(gain[((i - 1) * width) + j], gain[(i * width) + j - 1]), gain[((i - 1) * width) + j - 1] + pair);
            }
        }

        // Walked back from the end, a word is aligned only when no earlier word of the other name would do as
        // well: among equal alignments, the earliest. Chedli Jaziri against Chedli Ben Chedli Ben Mounir Jaziri
        // aligns the first Chedli with the man's own name, not with his father's.
        count = 0;
        for (int i = a.Length, j = b.Length; i > 0 && j > 0;)
        {
            double here = gain[(i * width) + j];
            if (gain[((i - 1) * width) + j] == here)
            {
                i--;
            }
            else if (gain[(i * width) + j - 1] == here)
            {
                j--;
            }
            else
            {
                // Neither word can be left without losing gain: they are the pair the best alignment ends with.
                usedA[i - 1] = usedB[j - 1] = true;
                pairs[2 * count] = i - 1;
                pairs[(2 * count) + 1] = j - 1;
                count++;
                i--;
                j--;
            }
        }

        // Words without a partner count against: words left over on both sides face each other (Mohamed
        // Trabelsi and Mahmoud Trabelsi: brothers share a family name), and a name that stops short or runs
        // on may be another person's.
        double restA = 0, restB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            restA += usedA[i] ? 0 : a[orderA[i]].MissWeight;
        }

        for (int j = 0; j < b.Length; j++)
        {
            restB += usedB[j] ? 0 : b[orderB[j]].MissWeight;
        }

        // Chain links left out are a gap in the name's own order only: a name read turned round must not make
        // its family name, moved to the middle, a link the other name leaves out.
        bool turned = orderA.Length > 0 && orderA[0] != 0 || orderB.Length > 0 && orderB[0] != 0;
        double gaps = turned ? 0 : LeftOutWeight(a, b, orderA, orderB, pairs, count, leftOut);

        // The first word of an Arabic name is the person's own. When one name's first word lines up with a
        // later word of the other, the words before it are someone else's: a son's name holds his father's
        // whole name after his own given name. Those leading words count against too.
        double leading = 0;
        if (count > 0)
        {
            int firstA = usedA.IndexOf(true), firstB = usedB.IndexOf(true);
            if (firstA > 0 && firstB == 0)
            {
                for (int i = 0; i < firstA; i++)
                {
                    leading += a[orderA[i]].MissWeight;
                }
            }
            else if (firstB > 0 && firstA == 0)
            {
                for (int j = 0; j < firstB; j++)
                {
                    leading += b[orderB[j]].MissWeight;
                }
            }
        }

        // An aligned pair counts at its pair weight, once, so that a slip in a frequent name (Mohamd against
        // Mohamed) neither weighs as a rare word nor leaves the rest of the name outweighed. Words without a
        // partner count on each side. (A candidate index bounds this from above with Weight in place of
        // MissWeight: never more, so the bound holds.)
        double paired = 0;
        for (int k = 0; k < count; k++)
        {
            paired += PairWeight(a[orderA[pairs[2 * k]]], b[orderB[pairs[(2 * k) + 1]]]);
        }

        double aligned = gain[(a.Length * width) + b.Length], whole = paired + restA + restB + leading;
        double score = aligned / (whole - ((1 - GapShare) * gaps));
        if (gaps > 0 && !TruncationHolds(a.Length, b.Length, sim, pairs, count, aligned))
        {
            // The truncated-name rule does not hold: what is left out may lift the names only to under possible.
            score = Math.Max(aligned / whole, Math.Min(score, TruncationHeldCap));
            if (leftOut is not null && score < aligned / (whole - ((1 - GapShare) * gaps)))
            {
                leftOut.Held = true;
            }
        }

        return Math.Min(1, score);
    }

    /// <summary>
    /// The weight of the words that one name holds between two aligned words where the other holds none:
    /// links of a nasab chain (or a second given name) that the other name leaves out, as a passport printing
    /// given and family names only does against a list holding the whole chain. A missing father's name is
    /// not evidence against identity, so these count at <see cref="GapShare"/> of their weight; a different
    /// one (words on both sides) still counts whole. Adds the words to <paramref name="leftOut"/> when given.
    /// </summary>
    private static double LeftOutWeight(PreparedWord[] a, PreparedWord[] b, ReadOnlySpan<int> orderA, ReadOnlySpan<int> orderB, ReadOnlySpan<int> pairs, int count, LeftOutWords? leftOut)
    {
        double weight = 0;
        for (int k = count - 1; k >= 1; k--)
        {
            // Aligned pairs are stored last first: pair k comes before pair k - 1 in both names.
            int fromA = pairs[2 * k] + 1, toA = pairs[2 * (k - 1)], fromB = pairs[(2 * k) + 1] + 1, toB = pairs[(2 * (k - 1)) + 1];
            if (toB == fromB)
            {
                weight += Add(a, orderA, fromA, toA, leftOut);
            }
            else if (toA == fromA)
            {
                weight += Add(b, orderB, fromB, toB, leftOut);
            }
        }

        return weight;

        static double Add(PreparedWord[] side, ReadOnlySpan<int> order, int from, int to, LeftOutWords? leftOut)
        {
            double added = 0;
            for (int i = from; i < to; i++)
            {
                added += side[order[i]].MissWeight;
                leftOut?.Words.Add(side[order[i]].Text);
            }

            return added;
        }
    }

    /// <summary>
    /// Whether the words one name leaves out of the other may count at <see cref="GapShare"/> (the truncated-name
    /// rule): only when what is left out are inner words, the names' ends being kept, and the kept words say
    /// enough on their own. Both names' first words are aligned with each other and both last words likewise (the
    /// first given name and the family name), every aligned pair is a close spelling (at least
    /// <see cref="TruncationPairFloor"/>: a name cut short and a look-alike word at once are two doubts, not one),
    /// and the aligned gain reaches <see cref="TruncationEvidence"/> (Mohamed and Ali, two lexicon given names,
    /// do not). Otherwise the left-out words may lift the names' similarity only up to
    /// <see cref="TruncationHeldCap"/>: such a name alerts with an agreeing date of birth, not on the name alone.
    /// Measured on the background population and the OFAC development set (issue 20, point 4).
    /// </summary>
    private static bool TruncationHolds(int n, int m, ReadOnlySpan<double> sim, ReadOnlySpan<int> pairs, int count, double alignedGain)
    {
        // Pairs are stored last first: pairs[0..1] is the last aligned pair, the one at count - 1 the first.
        if (count < 2 || alignedGain < TruncationEvidence
            || pairs[0] != n - 1 || pairs[1] != m - 1 || pairs[2 * (count - 1)] != 0 || pairs[(2 * (count - 1)) + 1] != 0)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            if (sim[(pairs[2 * k] * m) + pairs[(2 * k) + 1]] < TruncationPairFloor)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The least similarity of every aligned pair for the truncated-name rule to apply.</summary>
    internal const double TruncationPairFloor = 0.8;

    /// <summary>
    /// The most the names' similarity may be lifted to by left-out words when the truncated-name rule does not
    /// hold: just under <see cref="PossibleThreshold"/>, so that such a name alerts only with an agreeing
    /// attribute (a date of birth), never on the name alone.
    /// </summary>
    internal const double TruncationHeldCap = ConflictCap;

    /// <summary>The least aligned gain (similarity times pair weight, summed) for the truncated-name rule to apply.</summary>
    internal const double TruncationEvidence = 1.0;

    /// <summary>
    /// The share of its weight that a word counts with when one name holds it between two aligned words and
    /// the other name holds nothing there (a nasab link or second given name left out). A candidate index
    /// bounds names from below with <see cref="PreparedName.LeastWeight"/>, which assumes every inner word
    /// may count at this share.
    /// </summary>
    internal const double GapShare = 0.5;

    private static PreparedWord Word(string text, NameFrequencies frequencies)
    {
        int group = Lexicon.TryGetValue(text, out int g) ? g : -1;
        return new PreparedWord(text, group, PhoneticKey.Of(text), frequencies.WeightOf(text, group));
    }

    // A pair is as telling as its commoner word: a slip in a frequent name (Mohamd) is still a frequent name.
    internal static double PairWeight(PreparedWord a, PreparedWord b) => Math.Min(a.Weight, b.Weight);

    private static bool Known(string? value) => !string.IsNullOrWhiteSpace(value);

    private static readonly AttributeEffect BirthExact = new("birthDate", "exact", 0.10);
    private static readonly AttributeEffect BirthCompatible = new("birthDate", "compatible", 0.03);
    private static readonly AttributeEffect BirthSwapped = new("birthDate", "swapped", 0.0);
    private static readonly AttributeEffect BirthNearYear = new("birthDate", "nearYear", -0.05);
    private static readonly AttributeEffect BirthConflict = new("birthDate", "conflict", -0.3, ConflictCap);

    private static void ApplyBirthDate((int Year, int? Month, int? Day)? left, (int Year, int? Month, int? Day)? right, List<AttributeEffect> effects)
    {
        if (left is { } l && right is { } r)
        {
            effects.Add(BirthEffect(l.Year, l.Month ?? 0, l.Day ?? 0, r.Year, r.Month ?? 0, r.Day ?? 0));
        }
    }

    /// <summary>True when two known dates of birth (month and day 0 where unknown) conflict: the score is then held below the possible threshold.</summary>
    internal static bool BirthConflicts(int y1, int m1, int d1, int y2, int m2, int d2) =>
        ReferenceEquals(BirthEffect(y1, m1, d1, y2, m2, d2), BirthConflict);

    /// <summary>How two known dates of birth bear on identity; month and day are 0 where unknown.</summary>
    private static AttributeEffect BirthEffect(int y1, int m1, int d1, int y2, int m2, int d2)
    {
        if (y1 == y2 && (m1 == 0 || m2 == 0 || m1 == m2) && (d1 == 0 || d2 == 0 || d1 == d2))
        {
            return m1 != 0 && m2 != 0 && d1 != 0 && d2 != 0 ? BirthExact : BirthCompatible;
        }

        if (y1 == y2 && m1 != 0 && d1 != 0 && m2 != 0 && d2 != 0 && m1 == d2 && d1 == m2)
        {
            // 05/03 against 03/05: day and month swapped in one record.
            return BirthSwapped;
        }

        // The same day a year apart: one record's year slipped.
        return Math.Abs(y1 - y2) == 1 && m1 != 0 && m1 == m2 && d1 == d2 ? BirthNearYear : BirthConflict;
    }

    private static void ApplySex(PersonSex left, PersonSex right, List<AttributeEffect> effects)
    {
        int a = SexCode(left), b = SexCode(right);
        if (a != 0 && b != 0 && a != b)
        {
            effects.Add(new AttributeEffect("sex", "conflict", -0.3, ConflictCap));
        }
    }

    private static void ApplyParent(string attribute, PreparedName? left, PreparedName? right, double same, double different, List<AttributeEffect> effects)
    {
        if (left is null || right is null)
        {
            // A missing parent's name is not evidence either way.
            return;
        }

        double s = CompareNames(left, right).Score;
        if (s >= 0.8)
        {
            effects.Add(new AttributeEffect(attribute, "same", same));
        }
        else if (s < 0.5)
        {
            effects.Add(new AttributeEffect(attribute, "different", different));
        }
    }

    private static void ApplyDocument(string a, string b, List<AttributeEffect> effects)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return;
        }

        if (a == b)
        {
            effects.Add(new AttributeEffect("documentNumber", "same", DocumentSame));
        }
        else if (a.Length == b.Length && a.Zip(b).Count(p => p.First != p.Second) == 1)
        {
            effects.Add(new AttributeEffect("documentNumber", "near", 0.10));
        }
    }

    private static string DocumentKey(string? number) =>
        number is null ? string.Empty : new string([.. number.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}
