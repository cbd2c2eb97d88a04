using System.Collections.Concurrent;

namespace Maabar.Names;

/// <summary>One identity to index: its description (primary name and attributes) and its aliases.</summary>
/// <param name="Id">The entry's identifier, unique in the index.</param>
/// <param name="Person">The primary name with date of birth, sex, nationality, parents' names and document.</param>
/// <param name="Aliases">Other names of the same person, in any script.</param>
public sealed record IndexedIdentity(string Id, PersonDescription Person, IReadOnlyList<string> Aliases);

/// <summary>An entry that alerts for a query.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="NameNumber">Which of the entry's names matched best: 0 the primary name, k the k-th alias.</param>
/// <param name="Match">The score, band and explanation, exactly as <see cref="NameMatcher.Compare"/> gives them.</param>
public sealed record IndexHit(string EntryId, int NameNumber, NameMatch Match);

/// <summary>The outcome of one search.</summary>
/// <param name="Hits">Entries at or above the minimum score, best first.</param>
/// <param name="CandidateNames">Names the index proposed and the matcher scored.</param>
/// <param name="Truncated">True when more names qualified than the search may score; the best-bounded ones were kept.</param>
/// <param name="PostingsRead">Index postings read to find the candidates (an exhaustive scan reads every name once).</param>
public sealed record IndexSearchResult(IReadOnlyList<IndexHit> Hits, int CandidateNames, bool Truncated, long PostingsRead)
{
    /// <summary>
    /// Entries at or above the minimum score among the names scored, counted even when <see cref="Hits"/>
    /// holds only the best of them (a search without a date of birth answers the best ranked). Exact when
    /// <see cref="TotalHitsExact"/>, else the least there are.
    /// </summary>
    public int TotalHits { get; init; } = Hits.Count;

    /// <summary>
    /// False when <see cref="TotalHits"/> is only the least there are: a search without a date of birth stops
    /// scoring once no name left could enter the best it answers, and names left may alert too (and when
    /// <see cref="Truncated"/>). True when every name that could alert was scored.
    /// </summary>
    public bool TotalHitsExact { get; init; } = true;
}

/// <summary>
/// An in-memory candidate index over every name and alias of a watchlist, for <see cref="NameMatcher"/>.
/// </summary>
/// <remarks>
/// <para>
/// Two levels. The <em>vocabulary</em> holds each distinct name word once (a million entries share a few
/// hundred thousand strings) and each distinct sound key once. Sound keys are filed under blocks: the
/// consonant skeleton, the skeleton with one consonant dropped or replaced; words also under their lexicon
/// group, initial and first letters. A query word finds the keys and words that share a block and keeps
/// those the matcher's own word similarity puts at or above <see cref="DiscoveryThreshold"/> (each key is
/// scored once, with a distance that stops as soon as it is too far). Each vocabulary word has a posting
/// list of the names that contain it; a posting carries the entry's date of birth and sex and the name's
/// weight bucket, and the list is sorted by date of birth, then bucket.
/// </para>
/// <para>
/// A name can alert only if the matcher's names' similarity reaches what the attributes leave: at least
/// <see cref="NameMatcher.AlertNameFloor"/>, more when the traveller brings no document or parents to raise
/// it, and no name at all when the date of birth or sex conflict (the matcher caps those below the
/// threshold). So a search reads, of each word, only the stretches of dates the traveller's birth leaves (and,
/// within a stretch of one date, only the buckets light enough), passes over a whole word, or a whole sound
/// key, when none of its names was born compatibly (a summary of its dates), and drops a posting whose date
/// or sex conflicts before reading anything else of its name. The
/// names' similarity is at most the gain of the aligned pairs over the name weights plus the unmatched
/// weight; the search adds those up per name from the postings it reads and scores with the matcher only
/// the names whose bound reaches their entry's floor (at most <c>maxCandidates</c>, the best bounds first).
/// Query words are read from the rarest; once the words left could not bring a name not yet found to the
/// floor they are not read; a name found earlier is then looked up word by word instead. That is what keeps
/// "Mohamed Ben Ali" against a long list cheap.
/// </para>
/// <para>
/// What it gives up against <see cref="SearchExhaustive"/>: a name whose every word pair with the query is
/// weaker than <see cref="DiscoveryThreshold"/> or outside the blocking keys' reach is not proposed. The
/// differential test and <c>maabar bench names --verify</c> measure that.
/// </para>
/// <para>
/// Add, update and remove while serving: searches share a read lock, changes take the write lock. A
/// removed entry's postings are skipped at once and compacted away later. Thread-safe.
/// </para>
/// </remarks>
// Split along its seams: this file the public surface, the state and the locking; NameIndex.Search.cs the
// search and its bounds; NameIndex.Vocabulary.cs sound keys and blocks; NameIndex.Postings.cs posting lists
// and date summaries; NameIndex.Accumulators.cs the per-search accumulator table; NameIndex.Updates.cs adding,
// removing and compacting.
public sealed partial class NameIndex : IDisposable
{
    /// <summary>The most names a search scores by default.</summary>
    public const int DefaultMaxCandidates = 2000;

    /// <summary>
    /// The most entries a search without a date of birth answers by default, best first (the rest are
    /// counted in <see cref="IndexSearchResult.TotalHits"/>): an analyst's name search, or a document that
    /// gives none, finds every namesake on a long list.
    /// </summary>
    public const int DefaultTop = 50;

    // Posting buckets by the name's total weight, in quarters: bucket b holds weights in [b/4, (b+1)/4).
    private const int Buckets = 24;
    private const int MaxSkeleton = 8;
    private const int Dead = -1;
    private const int MaxCachedPlans = 200_000;

    /// <summary>
    /// Word pairs from this similarity find candidates: the matcher's own word threshold, so that every pair
    /// the matcher counts and the blocks meet counts in the bound too (at 0.6, pairs from 0.55 were scored
    /// but not bounded, and names whose family name paired that weakly fell under the floor: on the OFAC
    /// sample of <c>NameIndexRankingTests</c>, 410 of 432 of the exhaustive scan's best found, 422 at 0.55).
    /// A pair the blocks do not meet is still not bounded; <c>maabar bench names --verify</c> measures that.
    /// </summary>
    internal const double DiscoveryThreshold = WordSimilarity.DefaultThreshold;

    /// <summary>
    /// The names' similarity a search that answers only the best collects from first (see <see cref="Search"/>):
    /// a common name's exact namesakes fill the answer from this floor, and reading down to the alert floor
    /// for them would read every posting of its frequent words.
    /// </summary>
    private const double SeedFloor = 0.9;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> entryById = new(StringComparer.Ordinal);
    private readonly List<EntrySlot?> entries = [];
    private readonly Dictionary<string, int> wordByText = new(StringComparer.Ordinal);
    private readonly List<PreparedWord> words = [];
    private WordSketch[] sketches = new WordSketch[1024];

    // Per vocabulary word, side by side: its posting list, how many postings it holds (live or not yet
    // compacted), and a copy of the list's date summary (PostingList.Dates) that the vocabulary match reads
    // beside the sketches without opening the list.
    private PostingList[] wordPostings = new PostingList[1024];
    private int[] wordPostingCount = new int[1024];
    private WordDates[] wordDates = new WordDates[1024];

    // Per sound key: the dates of birth of all its words' names (only ever added to).
    private WordDates[] keyDates = new WordDates[1024];

    // Distinct sound keys: their number, letters, sketch and words; sound blocks (skeleton keys) hold key numbers.
    private readonly Dictionary<string, int> keyIdByText = new(StringComparer.Ordinal);

    // The keys' letters one after another (key k at keyStart[k] .. keyStart[k + 1]): the distance reads them
    // from one array rather than from a string apiece.
    private char[] keyLetters = new char[4096];
    private int[] keyStart = new int[1025];
    private readonly List<KeySketch> keySketches = [];
    private readonly List<List<int>> keyWords = [];
    private readonly Dictionary<string, SoundBlock> keysByBlock = new(StringComparer.Ordinal);

    // Per key: the blocks it is filed under and its position in each, where a copy of its dates is kept.
    private readonly List<(SoundBlock Block, int Position)[]> keyBlocks = [];
    private readonly Dictionary<string, List<int>> wordsByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Scratch> scratches = [];
    // With a concurrency level given, a dictionary keeps that many locks. By default the locks double with the
    // table up to 1,024, and Count, which these caches read before each plan they build, takes every one:
    // measured at 35 us a call with 20,000 words, 0.3 us with two locks.
    private readonly ConcurrentDictionary<string, WordPlan> plans = new(Environment.ProcessorCount, 31, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> asked = new(Environment.ProcessorCount, 31, StringComparer.Ordinal);

    private int[] nameEntry = new int[1024];
    // Each name's least weight (inner words at the gap share): what its bounds and posting buckets rest on.
    private float[] nameWeight = new float[1024];
    private PreparedName?[] nameValue = new PreparedName?[1024];
    private int nameCount;

    // The distinct vocabulary words of name n: nameWordIds[nameWordStart[n] .. nameWordStart[n + 1]).
    private int[] nameWordStart = new int[1025];
    private int[] nameWordIds = new int[4096];
    private int nameWordCount;
    private long livePostings;
    private long deadPostings;

    /// <summary>An empty index whose names are weighed by <paramref name="frequencies"/>.</summary>
    /// <param name="frequencies">How much each name word weighs; <see cref="NameFrequencies.Default"/> when null.</param>
    public NameIndex(NameFrequencies? frequencies = null) => Frequencies = frequencies ?? NameFrequencies.Default;

    /// <summary>
    /// The model every entry and every query of this index is weighed by, fixed for the index's life (its
    /// bounds rest on the weights): a list that has taught a new model is indexed again.
    /// </summary>
    public NameFrequencies Frequencies { get; }

    /// <summary>Entries in the index.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return entryById.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Distinct name words in the index.</summary>
    public int VocabularySize
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return words.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Builds an index from a stream of identities, preparing them on all cores in batches. A repeated
    /// id replaces the earlier identity.
    /// </summary>
    /// <param name="identities">The identities, read once.</param>
    /// <param name="progress">Told the number of identities indexed so far, after each batch.</param>
    /// <param name="frequencies">How much each name word weighs (<see cref="Frequencies"/>); <see cref="NameFrequencies.Default"/> when null.</param>
    public static NameIndex Build(IEnumerable<IndexedIdentity> identities, IProgress<int>? progress = null, NameFrequencies? frequencies = null)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var index = new NameIndex(frequencies);
        const int batchSize = 8192;
        var batch = new List<IndexedIdentity>(batchSize);
        int done = 0;
        foreach (IndexedIdentity identity in identities)
        {
            batch.Add(identity);
            if (batch.Count == batchSize)
            {
                done += index.AddBatch(batch, deferSorting: true);
                progress?.Report(done);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            done += index.AddBatch(batch, deferSorting: true);
        }

        index.SortPostings();
        progress?.Report(done);
        return index;
    }

    /// <summary>Adds an identity, or replaces the one with the same id.</summary>
    /// <param name="identity">The identity.</param>
    public void AddOrUpdate(IndexedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Prepared prepared = Prepare(identity);
        gate.EnterWriteLock();
        try
        {
            Insert(prepared, deferSorting: false);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Adds or replaces many identities, preparing them on all cores.</summary>
    /// <param name="identities">The identities.</param>
    public void AddOrUpdateMany(IReadOnlyList<IndexedIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        AddBatch(identities, deferSorting: false);
    }

    /// <summary>Removes an identity; false when it was not there.</summary>
    /// <param name="id">The entry's id.</param>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        gate.EnterWriteLock();
        try
        {
            bool removed = RemoveLocked(id);
            if (deadPostings > 4096 && deadPostings > livePostings / 4)
            {
                Compact();
            }

            return removed;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>True when an identity with this id is indexed.</summary>
    /// <param name="id">The entry's id.</param>
    public bool Contains(string id)
    {
        gate.EnterReadLock();
        try
        {
            return entryById.ContainsKey(id);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// The entries that alert for <paramref name="query"/> (band possible or strong at the matcher's
    /// default thresholds, or from <paramref name="minScore"/>), best first, each with its explanation.
    /// </summary>
    /// <param name="query">The traveller: primary name and attributes.</param>
    /// <param name="otherNames">The traveller's other names (the Arabic-script name beside the Latin one).</param>
    /// <param name="minScore">The lowest score reported; default the possible threshold.</param>
    /// <param name="maxCandidates">The most names scored; those with the highest bound are kept.</param>
    /// <param name="top">
    /// When the traveller has no date of birth, the most entries answered, best first: candidates are scored
    /// best bound first and the search stops once no name left could enter them (the others that alert
    /// among those scored are counted in <see cref="IndexSearchResult.TotalHits"/>). A search with a date of
    /// birth answers every entry that alerts.
    /// </param>
    public IndexSearchResult Search(PersonDescription query, IReadOnlyList<string>? otherNames = null, double minScore = NameMatcher.PossibleThreshold, int maxCandidates = DefaultMaxCandidates, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        (PreparedPerson person, PreparedName[] names) = PrepareQuery(query, otherNames);
        Scratch scratch = Rent();
        gate.EnterReadLock();
        try
        {
            scratch.PostingsRead = 0;
            scratch.EntryFloors.Clear();
            var filter = new QueryFilter(person, minScore);
            var best = new Dictionary<int, (double Score, int Name, int QueryName)>();
            int scored = 0, unscored = 0;
            bool truncated = false, exact = true;
            if (person.Birth is null && top < int.MaxValue)
            {
                // Only the best are answered, scored best bound first until no name left could enter them. First
                // only the names that could reach the seed floor are collected: the rarest query words alone find
                // those, the frequent ones are looked up in the few names found. When the best of them ask at least
                // that much of any name, no name left out could enter them; else every name is collected.
                bool settled = false;
                scratch.Scored.Clear();
                if (filter.Floor < SeedFloor)
                {
                    CollectAll(names, filter with { Floor = SeedFloor }, scratch);
                    (scored, unscored, truncated) = ScoreBestFirst(person, names, minScore, maxCandidates, top, scratch, best);
                    settled = truncated || (scratch.Leaders.Count >= top && NameMatcher.NameFloorFor(person, scratch.Leaders.Min.Score) - 1e-6 >= SeedFloor);
                    exact = false;
                }

                if (!settled)
                {
                    CollectAll(names, filter, scratch);
                    (int again, unscored, truncated) = ScoreBestFirst(person, names, minScore, maxCandidates - scored, top, scratch, best);
                    scored += again;
                    exact = true;
                }

                exact &= unscored == 0 && !truncated;
            }
            else
            {
                CollectAll(names, filter, scratch);
                truncated = scratch.Candidates.Count > maxCandidates;
                IEnumerable<KeyValuePair<int, float>> chosen = truncated
                    ? scratch.Candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(maxCandidates)
                    : scratch.Candidates;
                foreach (KeyValuePair<int, float> candidate in chosen)
                {
                    scored++;
                    // The attributes are read only for names whose similarity reaches what the entry's leave.
                    ScoreName(candidate.Key, person, names, minScore, scratch.EntryFloors.TryGetValue(nameEntry[candidate.Key], out double entryFloor) ? entryFloor : double.NegativeInfinity, best);
                }
            }

            int total = best.Count;
            if (person.Birth is null && total > top)
            {
                // Only the best are explained; ties at the cut are settled by entry id, as the hits are ordered.
                best = best.OrderByDescending(b => b.Value.Score).ThenBy(b => entries[b.Key]!.Id, StringComparer.Ordinal).Take(top).ToDictionary();
            }

            return new IndexSearchResult(Explain(best, person, names), scored, truncated, scratch.PostingsRead) { TotalHits = total, TotalHitsExact = exact };
        }
        finally
        {
            gate.ExitReadLock();
            scratches.Add(scratch);
        }
    }

    /// <summary>
    /// What <see cref="Search"/> answers, by scoring every indexed name: the reference the index is
    /// measured against, and the brute-force baseline of the benchmarks.
    /// </summary>
    /// <param name="query">The traveller.</param>
    /// <param name="otherNames">The traveller's other names.</param>
    /// <param name="minScore">The lowest score reported.</param>
    public IndexSearchResult SearchExhaustive(PersonDescription query, IReadOnlyList<string>? otherNames = null, double minScore = NameMatcher.PossibleThreshold)
    {
        ArgumentNullException.ThrowIfNull(query);
        (PreparedPerson person, PreparedName[] names) = PrepareQuery(query, otherNames);
        gate.EnterReadLock();
        try
        {
            var best = new Dictionary<int, (double Score, int Name, int QueryName)>();
            int scored = 0;
            for (int n = 0; n < nameCount; n++)
            {
                if (nameEntry[n] != Dead)
                {
                    scored++;
                    ScoreName(n, person, names, minScore, double.NegativeInfinity, best);
                }
            }

            return new IndexSearchResult(Explain(best, person, names), scored, false, scored);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    private (PreparedPerson Person, PreparedName[] Names) PrepareQuery(PersonDescription query, IReadOnlyList<string>? otherNames)
    {
        PreparedPerson person = NameMatcher.Prepare(query, Frequencies);
        var names = new List<PreparedName> { person.Name };
        foreach (string other in otherNames ?? [])
        {
            if (!string.IsNullOrWhiteSpace(other))
            {
                names.Add(NameMatcher.PrepareName(other, Frequencies));
            }
        }

        return (person, [.. names]);
    }

    /// <summary>Adds to the candidates every name whose bound for one of the query's names reaches the filter's floor.</summary>
    private void CollectAll(PreparedName[] names, in QueryFilter filter, Scratch scratch)
    {
        scratch.Candidates.Clear();
        foreach (PreparedName name in names)
        {
            Collect(name, filter, scratch);
        }
    }

    private void ScoreName(int name, PreparedPerson person, PreparedName[] queryNames, double minScore, double nameFloor, Dictionary<int, (double Score, int Name, int QueryName)> best)
    {
        EntrySlot entry = entries[nameEntry[name]]!;
        PreparedPerson listed = entry.Person.WithName(nameValue[name]!);
        for (int q = 0; q < queryNames.Length; q++)
        {
            double score = NameMatcher.ScoreAtLeast(person.WithName(queryNames[q]), listed, nameFloor);
            if (score >= minScore && (!best.TryGetValue(nameEntry[name], out var current) || score > current.Score || (score == current.Score && name < current.Name)))
            {
                best[nameEntry[name]] = (score, name, q);
            }
        }
    }

    private List<IndexHit> Explain(Dictionary<int, (double Score, int Name, int QueryName)> best, PreparedPerson person, PreparedName[] queryNames)
    {
        var hits = new List<IndexHit>(best.Count);
        foreach ((int entryNumber, (_, int name, int queryName)) in best)
        {
            EntrySlot entry = entries[entryNumber]!;
            NameMatch match = NameMatcher.ComparePrepared(person.WithName(queryNames[queryName]), entry.Person.WithName(nameValue[name]!));
            hits.Add(new IndexHit(entry.Id, name - entry.FirstName, match));
        }

        hits.Sort((a, b) => b.Match.Score != a.Match.Score ? b.Match.Score.CompareTo(a.Match.Score) : string.CompareOrdinal(a.EntryId, b.EntryId));
        return hits;
    }
}
