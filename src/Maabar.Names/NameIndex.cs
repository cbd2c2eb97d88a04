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
    /// holds only the best of them (a search without a date of birth answers the best ranked).
    /// </summary>
    public int TotalHits { get; init; } = Hits.Count;
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
public sealed class NameIndex : IDisposable
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
    /// Word pairs from this similarity find candidates. Weaker pairs (down to the matcher's word threshold)
    /// still count when a candidate is scored; a name whose every pair with the query is weaker than this
    /// is not proposed. The differential test and <c>maabar bench names --verify</c> measure what that costs.
    /// </summary>
    internal const double DiscoveryThreshold = 0.6;

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
    /// When the traveller has no date of birth, the most entries answered, best first; the others that
    /// alert are counted in <see cref="IndexSearchResult.TotalHits"/>. A search with a date of birth answers
    /// every entry that alerts.
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
            scratch.Candidates.Clear();
            scratch.PostingsRead = 0;
            scratch.EntryFloors.Clear();
            var filter = new QueryFilter(person, minScore);
            foreach (PreparedName name in names)
            {
                Collect(name, filter, scratch);
            }

            bool truncated = scratch.Candidates.Count > maxCandidates;
            IEnumerable<KeyValuePair<int, float>> chosen = truncated
                ? scratch.Candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(maxCandidates)
                : scratch.Candidates;
            int scored = 0;
            var best = new Dictionary<int, (double Score, int Name, int QueryName)>();
            foreach (KeyValuePair<int, float> candidate in chosen)
            {
                scored++;
                // The attributes are read only for names whose similarity reaches what the entry's leave.
                ScoreName(candidate.Key, person, names, minScore, scratch.EntryFloors.TryGetValue(nameEntry[candidate.Key], out double entryFloor) ? entryFloor : double.NegativeInfinity, best);
            }

            int total = best.Count;
            if (person.Birth is null && total > top)
            {
                // Only the best are explained; ties at the cut are settled by entry id, as the hits are ordered.
                best = best.OrderByDescending(b => b.Value.Score).ThenBy(b => entries[b.Key]!.Id, StringComparer.Ordinal).Take(top).ToDictionary();
            }

            return new IndexSearchResult(Explain(best, person, names), scored, truncated, scratch.PostingsRead) { TotalHits = total };
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

    // Query words are read from the rarest.
    private static readonly Comparer<WordPlan> ByPostings = Comparer<WordPlan>.Create((a, b) => a.Postings.CompareTo(b.Postings));

    /// <summary>
    /// Adds to the candidates every indexed name whose bound for <paramref name="query"/> reaches the floor.
    /// </summary>
    /// <remarks>
    /// Per name the search adds up, over the query words that find it, an upper bound of the gain of the
    /// aligned pair (similarity times pair weight), the query word's weight and the listed word's weight.
    /// The names' similarity is at most that gain over the larger name weight plus the smaller of the two
    /// unmatched weights, which the matched weights bound from below. Name weights here are least weights
    /// (<see cref="PreparedName.LeastWeight"/>): an inner word may be a chain link the other name leaves out,
    /// which the matcher counts at its gap share. Query words are taken from the
    /// rarest: once the words left cannot bring a name that was not found yet to the floor, they are not
    /// scanned, and what they could add is credited to every name found so far. Within a scanned word,
    /// buckets of names too heavy to reach the floor from that word on are skipped, and their credit too.
    /// </remarks>
    private void Collect(PreparedName query, QueryFilter filter, Scratch scratch)
    {
        // Weights are the least each name can count with: inner words a chain may leave out count at the gap share.
        double queryWeight = query.LeastWeight;
        if (queryWeight <= 0)
        {
            return;
        }

        double floor = filter.Floor - 1e-6;
        int count = query.Words.Length;
        var plan = new WordPlan[count];
        var leastWeight = new double[count];
        for (int i = 0; i < count; i++)
        {
            plan[i] = MatchVocabulary(query.Words[i], filter, scratch);
            leastWeight[i] = query.LeastWeightAt(i);
        }

        // Aligned slips of frequent names count at the lighter weight: the query weighs at least this much.
        double total = 0, queryCuts = 0, listedCuts = 0;
        foreach (WordPlan word in plan)
        {
            total += word.BestGain;
            queryCuts += word.MaxQueryCut;
            listedCuts += word.MaxListedCut;
        }

        double leastQueryWeight = Math.Max(queryWeight - queryCuts, 1e-9);
        if (total / leastQueryWeight < floor)
        {
            return;
        }

        Array.Sort(plan, leastWeight, ByPostings);
        scratch.NewMarks();
        AccumulatorTable acc = scratch.Accumulators;
        acc.Clear();

        // Postings of removed names are skipped until a compaction drops them; after one there are none.
        int[]? liveCheck = deadPostings > 0 ? nameEntry : null;

        // lastBucket[p]: every name up to this bucket was read for word p; words from 'stop' on were not read.
        Span<int> lastBucket = count <= 64 ? stackalloc int[count] : new int[count];
        double remaining = total, listedAfter = 0, skipped = 0;
        foreach (WordPlan word in plan)
        {
            listedAfter += word.MaxListedWeight;
        }

        int stop = count;
        double queryCutsLeft = queryCuts;
        for (int p = 0; p < count; p++)
        {
            // A name no word read so far found aligns none of them: only the words left can cut its query
            // weight (a slip of a frequent name counting at the lighter weight).
            double leastQueryWeightLeft = Math.Max(queryWeight - queryCutsLeft, 1e-9);
            if (remaining / leastQueryWeightLeft < floor)
            {
                stop = p;
                break;
            }

            remaining -= plan[p].BestGain;
            listedAfter -= plan[p].MaxListedWeight;
            float queryWordWeight = (float)plan[p].Weight;
            lastBucket[p] = Buckets - 1;
            (PostingList List, float Gain, float ListedWeight)[] found = plan[p].Found;
            for (int m = 0; m < found.Length; m++)
            {
                (PostingList postingList, float gain, float listedWeight) = found[m];
                // A name first found here gains at most this, and matches at most this much of its weight;
                // the words read before did not find it, so they are unmatched on the query's side.
                double newGain = gain + remaining;
                double newListed = listedWeight + listedAfter;
                double heaviest = (newGain / floor) + listedCuts;
                if (newGain / (leastQueryWeightLeft + skipped) < floor)
                {
                    heaviest = Math.Min(heaviest, newListed + skipped);
                }

                int last = Math.Min(Buckets - 1, (int)Math.Floor(heaviest * 4));
                lastBucket[p] = Math.Min(lastBucket[p], last);

                // A word none of whose names was born when the traveller could have been, or none light enough, is not read at all.
                if (postingList.LightestBucket <= last && filter.MayHold(postingList.Dates))
                {
                    scratch.PostingsRead += postingList.Read(last, filter, liveCheck, acc, gain, queryWordWeight, listedWeight);
                }
            }

            listedCuts -= plan[p].MaxListedCut;
            queryCutsLeft -= plan[p].MaxQueryCut;
            skipped += leastWeight[p];
        }

        for (int t = 0; t < acc.Count; t++)
        {
            int name = acc.NameAt(t);
            ref Accumulator a = ref acc.ValueAt(t);
            float listedWeight = nameWeight[name];
            int bucket = Math.Min(Buckets - 1, (int)(listedWeight * 4));
            double gain = a.Gain, matchedQuery = a.Query, matchedListed = a.Listed, queryCut = a.QueryCut, listedCut = a.ListedCut;
            a = default;

            // First with credit for what a word not read for this name could have brought, then, for the
            // few names that still qualify, with what those words do bring: the name's words are looked up.
            double creditGain = 0, creditQuery = 0, creditListed = 0, creditQueryCut = 0, creditListedCut = 0;
            for (int p = 0; p < count; p++)
            {
                if (p >= stop || bucket > lastBucket[p])
                {
                    creditGain += plan[p].BestGain;
                    creditQuery += plan[p].Weight;
                    creditListed += plan[p].MaxListedWeight;
                    creditQueryCut += plan[p].MaxQueryCut;
                    creditListedCut += plan[p].MaxListedCut;
                }
            }

            if (creditGain > 0 && Upper(gain + creditGain, matchedQuery + creditQuery, matchedListed + creditListed, queryCut + creditQueryCut, listedCut + creditListedCut) >= floor)
            {
                ReadOnlySpan<int> nameWords = NameWords(name);
                for (int p = 0; p < count; p++)
                {
                    if (p < stop && bucket <= lastBucket[p])
                    {
                        continue;
                    }

                    // Which of the plan's matches a vocabulary word is, marked once per search and plan.
                    ReadOnlySpan<long> marks = scratch.Marks(p, plan[p], words.Count, out long stamp);
                    foreach (int word in nameWords)
                    {
                        long mark = marks[word];
                        if ((mark & ~0xFFFFFFFFL) == stamp)
                        {
                            (_, float hitGain, float hitListed) = plan[p].Found[(int)(mark & 0xFFFFFFFFL)];
                            gain += hitGain;
                            matchedQuery += plan[p].Weight;
                            matchedListed += hitListed;
                            queryCut += plan[p].Weight - Math.Min(plan[p].Weight, hitListed);
                            listedCut += hitListed - Math.Min(plan[p].Weight, hitListed);
                        }
                    }
                }
            }
            else
            {
                gain += creditGain;
                matchedQuery += creditQuery;
                matchedListed += creditListed;
                queryCut += creditQueryCut;
                listedCut += creditListedCut;
            }

            float upper = (float)Upper(gain, matchedQuery, matchedListed, queryCut, listedCut);
            if (upper >= floor && upper >= EntryFloor(nameEntry[name]) - 1e-6 && (!scratch.Candidates.TryGetValue(name, out float seen) || upper > seen))
            {
                scratch.Candidates[name] = upper;
            }

            // What this entry's date of birth, sex, nationality, parents and document leave the name to reach.
            double EntryFloor(int entry)
            {
                if (!scratch.EntryFloors.TryGetValue(entry, out double entryFloor))
                {
                    entryFloor = NameMatcher.NameFloorFor(filter.Person, entries[entry]!.Person, filter.MinScore);
                    scratch.EntryFloors[entry] = entryFloor;
                }

                return entryFloor;
            }

            // The matcher's denominator: the larger name weight (aligned words at their pair weight) plus the
            // smaller unmatched weight. Matched weights and cuts are over-counted, so this stays below it.
            double Upper(double g, double q, double l, double qc, double lc)
            {
                double rest = Math.Min(Math.Max(0, queryWeight - q), Math.Max(0, listedWeight - l));
                return g / (Math.Max(Math.Max(queryWeight - qc, listedWeight - lc), 1e-9) + rest);
            }
        }
    }

    /// <summary>Adds one query word's gain and weights to the accumulator of every name of <paramref name="postings"/> the filter leaves.</summary>
    private static void Accumulate(ReadOnlySpan<Posting> postings, int lastBucket, in QueryFilter filter, int[]? liveCheck, AccumulatorTable acc, float gain, float queryWordWeight, float listedWeight)
    {
        float pair = Math.Min(queryWordWeight, listedWeight);
        foreach (Posting posting in postings)
        {
            // A date of birth or sex that conflicts holds the score under the threshold: such names are
            // passed over from the posting alone, before anything else is read for them.
            if (posting.Bucket > lastBucket || filter.RulesOut(posting))
            {
                continue;
            }

            int name = posting.Name;
            if (liveCheck is not null && liveCheck[name] == Dead)
            {
                continue;
            }

            ref Accumulator a = ref acc.For(name);
            a.Gain += gain;
            a.Query += queryWordWeight;
            a.Listed += listedWeight;
            a.QueryCut += queryWordWeight - pair;
            a.ListedCut += listedWeight - pair;
        }
    }

    /// <summary>The vocabulary words aligned with one query word, their gains, and how many postings they hold.</summary>
    private WordPlan MatchVocabulary(PreparedWord queryWord, in QueryFilter filter, Scratch scratch)
    {
        // Travellers' words repeat (given names above all): what a word matches is kept until the
        // vocabulary changes. Posting counts may go stale; they only order the words.
        string cacheKey = queryWord.Prefix ? queryWord.Text + "\u2026" : queryWord.Text;
        if (plans.TryGetValue(cacheKey, out WordPlan? cached) && cached.Version == words.Count)
        {
            return cached;
        }

        // Kept from the third time a word is asked for: words met once or twice (most family names) would only
        // fill the cache and lengthen the collector's pauses. Until then only words with a name born
        // compatibly with this traveller are matched: the plan is this search's alone, and much smaller.
        if (asked.Count >= MaxCachedPlans)
        {
            asked.Clear();
        }

        if (asked.AddOrUpdate(cacheKey, 1, (_, times) => times + 1) < 3)
        {
            return BuildPlan(queryWord, filter, forThisSearch: true, scratch);
        }

        WordPlan plan = BuildPlan(queryWord, filter, forThisSearch: false, scratch);
        if (plans.Count >= MaxCachedPlans)
        {
            plans.Clear();
        }

        plans[cacheKey] = plan;
        return plan;
    }

    /// <summary>
    /// What a query word matches in the vocabulary. For one search only (<paramref name="forThisSearch"/>),
    /// keys and words none of whose names was born compatibly with the traveller are left out: their names
    /// could not alert, and leaving them out changes no bound for the names that could.
    /// </summary>
    private WordPlan BuildPlan(PreparedWord queryWord, in QueryFilter filter, bool forThisSearch, Scratch scratch)
    {
        int[] seen = scratch.SeenStamps(words.Count, keySketches.Count, out int[] keySeen, out int stamp);

        // Words the matcher compares by sound alone (not initials, not cut-off ends, not two lexicon names)
        // score as their sound keys do: sound blocks hold keys, and each key is scored once, from its sketch
        // first (most keys a block finds are too far apart), then by the distance.
        bool bySound = !queryWord.Prefix && queryWord.Text.Length > 1;
        ReadOnlySpan<char> queryKey = queryWord.Key;
        int queryKeyWeight = WordSimilarity.KeyWeight(queryKey), queryKeyFloor = WordSimilarity.KeyFloor(queryKey);
        var plan = new PlanBuilder(queryWord, scratch.PlanWords, scratch.PlanValues);
        List<string> blocks = scratch.Keys;
        blocks.Clear();
        QueryKeys(queryWord, blocks);
        foreach (string block in blocks)
        {
            if (wordsByKey.TryGetValue(block, out List<int>? candidates))
            {
                foreach (int word in candidates)
                {
                    if (Meet(seen, word, stamp, forThisSearch, filter, wordDates[word]))
                    {
                        plan.Consider(word, sketches[word], NameMatcher.WordScore(queryWord, words[word]));
                    }
                }
            }

            if (!keysByBlock.TryGetValue(block, out SoundBlock? soundBlock))
            {
                continue;
            }

            // For one search, most of a block's keys have no name born when the traveller could have been:
            // they are passed over from the block's own copy of the dates, read in order, before anything else.
            ReadOnlySpan<int> keyCandidates = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(soundBlock.Keys);
            ReadOnlySpan<WordDates> candidateDates = forThisSearch ? soundBlock.Dates(keyDates) : default;
            for (int i = 0; i < keyCandidates.Length; i++)
            {
                int key = keyCandidates[i];
                if ((forThisSearch && !filter.MayHold(candidateDates[i])) || keySeen[key] == stamp)
                {
                    continue;
                }

                keySeen[key] = stamp;

                KeySketch sketch = keySketches[key];
                double keyScore = !bySound || WordSimilarity.CannotReach(queryKeyWeight, queryKeyFloor, sketch.Weight, sketch.Floor, DiscoveryThreshold)
                    ? 0
                    : WordSimilarity.ScoreKeysAtLeast(queryKey, queryKeyWeight, keyLetters.AsSpan(keyStart[key], keyStart[key + 1] - keyStart[key]), sketch.Weight, DiscoveryThreshold);
                if (bySound && keyScore < DiscoveryThreshold && !sketch.HasLetterWords)
                {
                    // No word of this key can match: by sound it is too far, and a lexicon name of the query
                    // word's group is found by the group's own block.
                    continue;
                }

                foreach (int word in keyWords[key])
                {
                    if (!Meet(seen, word, stamp, forThisSearch, filter, wordDates[word]))
                    {
                        continue;
                    }

                    WordSketch wordSketch = sketches[word];
                    double similarity = bySound && wordSketch.BySound && (queryWord.Group < 0 || wordSketch.Group < 0)
                        ? keyScore
                        : NameMatcher.WordScore(queryWord, words[word]);
                    plan.Consider(word, wordSketch, similarity);
                }
            }
        }

        return plan.Build(this);
    }

    /// <summary>
    /// True the first time a word is met in one vocabulary match (it is marked met), unless the match is for
    /// one search and none of its names was born compatibly with the traveller.
    /// </summary>
    private static bool Meet(int[] seen, int id, int stamp, bool forThisSearch, in QueryFilter filter, in WordDates dates)
    {
        if (seen[id] == stamp)
        {
            return false;
        }

        seen[id] = stamp;
        return !forThisSearch || filter.MayHold(dates);
    }

    /// <summary>
    /// The sound keys filed under one block, and a copy of their dates that searches read in order: made at
    /// a search's first use of the block (the blocks one search reads lie side by side), then kept up to date
    /// key by key as names are added, and made again when a key joins the block.
    /// </summary>
    private sealed class SoundBlock
    {
        private WordDates[]? dates;

        public List<int> Keys { get; } = new(1);

        /// <summary>A new key joins the block (under the write lock): the copy is made again at the next use.</summary>
        public int Add(int key)
        {
            Keys.Add(key);
            dates = null;
            return Keys.Count - 1;
        }

        /// <summary>A key's dates have changed (under the write lock).</summary>
        public void Update(int position, WordDates keyDates)
        {
            if (dates is not null)
            {
                dates[position] = keyDates;
            }
        }

        /// <summary>
        /// The keys' dates, position for position. Searches share the read lock, so two may make the copy at
        /// once: both make the same one.
        /// </summary>
        public ReadOnlySpan<WordDates> Dates(WordDates[] keyDates)
        {
            WordDates[]? copy = Volatile.Read(ref dates);
            if (copy is null)
            {
                copy = new WordDates[Keys.Count];
                for (int i = 0; i < copy.Length; i++)
                {
                    copy[i] = keyDates[Keys[i]];
                }

                Volatile.Write(ref dates, copy);
            }

            return copy;
        }
    }

    /// <summary>
    /// Gathers the vocabulary words a query word matches, with the bounds the search reads, in lists the
    /// search's scratch lends (cleared here): a frequent word matches thousands, and lists grown anew for
    /// every plan spent a tenth of the search copying.
    /// </summary>
    private sealed class PlanBuilder
    {
        private readonly PreparedWord queryWord;
        private readonly List<int> matched;
        private readonly List<(float Gain, float ListedWeight)> values;
        private double best;
        private double maxListed;
        private double maxQueryCut;
        private double maxListedCut;

        public PlanBuilder(PreparedWord queryWord, List<int> matched, List<(float Gain, float ListedWeight)> values)
        {
            this.queryWord = queryWord;
            this.matched = matched;
            this.values = values;
            matched.Clear();
            values.Clear();
        }

        public void Consider(int word, WordSketch sketch, double similarity)
        {
            if (similarity < DiscoveryThreshold)
            {
                return;
            }

            // Rounded up so that float sums stay bounds of the matcher's double arithmetic.
            double listedWeight = sketch.Weight;
            double pairWeight = Math.Min(queryWord.Weight, listedWeight);
            double gain = similarity * pairWeight;
            matched.Add(word);
            values.Add(((float)gain + 1e-5f, (float)listedWeight + 1e-5f));
            best = Math.Max(best, gain + 1e-5);
            maxListed = Math.Max(maxListed, listedWeight + 1e-5);
            maxQueryCut = Math.Max(maxQueryCut, queryWord.Weight - pairWeight + 1e-5);
            maxListedCut = Math.Max(maxListedCut, listedWeight - pairWeight + 1e-5);
        }

        public WordPlan Build(NameIndex index)
        {
            var found = new (PostingList List, float Gain, float ListedWeight)[matched.Count];
            long postings = 0;
            for (int i = 0; i < found.Length; i++)
            {
                int word = matched[i];
                found[i] = (index.wordPostings[word], values[i].Gain, values[i].ListedWeight);
                postings += index.wordPostingCount[word];
            }

            return new WordPlan(index.words.Count, [.. matched], found, best, queryWord.Weight + 1e-5, maxListed, maxQueryCut, maxListedCut, postings);
        }
    }

    /// <summary>What one query word matches: the vocabulary words (<see cref="Words"/>) and, at the same positions, their postings, gains and weights.</summary>
    private sealed record WordPlan(int Version, int[] Words, (PostingList List, float Gain, float ListedWeight)[] Found, double BestGain, double Weight, double MaxListedWeight, double MaxQueryCut, double MaxListedCut, long Postings);

    /// <summary>
    /// The accumulators of one search, by name: an open-addressing table the size of what the search reads
    /// (a few thousand names, kept in the processor's caches) rather than an array over every indexed name,
    /// where each posting would be a miss to memory. Names come back in the order they were first added.
    /// </summary>
    private sealed class AccumulatorTable
    {
        private Slot[] slots = new Slot[1024];
        private int[] order = new int[512];
        private int count;
        private int shift = 32 - 10;

        public int Count => count;

        public int NameAt(int i) => slots[order[i]].Name - 1;

        public ref Accumulator ValueAt(int i) => ref slots[order[i]].Value;

        /// <summary>The accumulator of <paramref name="name"/>, added (zero) on first use.</summary>
        public ref Accumulator For(int name)
        {
            int key = name + 1;
            int mask = slots.Length - 1;
            int i = Home(key);
            while (true)
            {
                ref Slot slot = ref slots[i];
                if (slot.Name == key)
                {
                    return ref slot.Value;
                }

                if (slot.Name == 0)
                {
                    if ((count + 1) * 2 > slots.Length)
                    {
                        Grow();
                        return ref For(name);
                    }

                    slot.Name = key;
                    if (count == order.Length)
                    {
                        Array.Resize(ref order, count * 2);
                    }

                    order[count++] = i;
                    return ref slot.Value;
                }

                i = (i + 1) & mask;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < count; i++)
            {
                slots[order[i]] = default;
            }

            count = 0;
        }

        private void Grow()
        {
            Slot[] old = slots;
            int[] oldOrder = order[..count];
            slots = new Slot[old.Length * 2];
            shift--;
            int mask = slots.Length - 1;
            count = 0;
            foreach (int position in oldOrder)
            {
                Slot moved = old[position];
                int i = Home(moved.Name);
                while (slots[i].Name != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = moved;
                order[count++] = i;
            }
        }

        // Fibonacci hashing: the top bits of the product, as many as the table's size needs.
        private int Home(int key) => (int)(((uint)key * 2654435769u) >> shift);

        private struct Slot
        {
            public int Name;
            public Accumulator Value;
        }
    }

    private struct Accumulator
    {
        public float Gain;
        public float Query;
        public float Listed;
        public float QueryCut;
        public float ListedCut;
    }

    private int AddBatch(IReadOnlyList<IndexedIdentity> batch, bool deferSorting)
    {
        var prepared = new Prepared[batch.Count];
        Parallel.For(0, batch.Count, i => prepared[i] = Prepare(batch[i]));
        gate.EnterWriteLock();
        try
        {
            foreach (Prepared p in prepared)
            {
                Insert(p, deferSorting);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        return batch.Count;
    }

    private Prepared Prepare(IndexedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity.Id);
        ArgumentNullException.ThrowIfNull(identity.Person);
        PreparedPerson person = NameMatcher.Prepare(identity.Person, Frequencies);
        var names = new PreparedName[1 + (identity.Aliases?.Count ?? 0)];
        names[0] = person.Name;
        for (int i = 1; i < names.Length; i++)
        {
            names[i] = NameMatcher.PrepareName(identity.Aliases![i - 1] ?? string.Empty, Frequencies);
        }

        return new Prepared(identity.Id, person, names);
    }

    private void Insert(Prepared prepared, bool deferSorting)
    {
        RemoveLocked(prepared.Id);
        int entryNumber = entries.Count;
        int first = nameCount;
        EnsureNameCapacity(nameCount + prepared.Names.Length);
        PreparedName[] interned = [.. prepared.Names.Select(Intern)];
        PreparedPerson person = prepared.Person.Interned(interned[0], prepared.Person.Father is { } f ? Intern(f) : null, prepared.Person.Mother is { } m ? Intern(m) : null);
        uint traits = Posting.Traits(person.Birth, NameMatcher.SexCode(person.Source.Sex));
        foreach (PreparedName name in interned)
        {
            int id = nameCount++;
            nameEntry[id] = entryNumber;
            nameValue[id] = name;
            nameWeight[id] = (float)name.LeastWeight;
            nameWordStart[id] = nameWordCount;
            int bucket = Math.Min(Buckets - 1, (int)(name.LeastWeight * 4));
            int previous = -1;
            foreach (int word in name.Words.Select(w => wordByText[w.Text]).Order())
            {
                if (word == previous)
                {
                    continue;
                }

                previous = word;
                if (nameWordCount == nameWordIds.Length)
                {
                    Array.Resize(ref nameWordIds, nameWordIds.Length * 2);
                }

                nameWordIds[nameWordCount++] = word;
                wordPostings[word].Add(new Posting(id, traits | (uint)bucket), deferSorting);
                wordPostingCount[word]++;
                wordDates[word] = wordPostings[word].Dates;
                int key = sketches[word].KeyId;
                WordDates dates = keyDates[key].With(traits);
                if (dates != keyDates[key])
                {
                    keyDates[key] = dates;
                    foreach ((SoundBlock block, int position) in keyBlocks[key])
                    {
                        block.Update(position, dates);
                    }
                }
                livePostings++;
            }

            nameWordStart[id + 1] = nameWordCount;
        }

        entries.Add(new EntrySlot(prepared.Id, person, first, interned.Length));
        entryById[prepared.Id] = entryNumber;
    }

    private bool RemoveLocked(string id)
    {
        if (!entryById.Remove(id, out int entryNumber))
        {
            return false;
        }

        EntrySlot entry = entries[entryNumber]!;
        for (int n = entry.FirstName; n < entry.FirstName + entry.NameCount; n++)
        {
            int distinct = nameValue[n]!.Words.Select(w => w.Text).Distinct(StringComparer.Ordinal).Count();
            livePostings -= distinct;
            deadPostings += distinct;
            nameEntry[n] = Dead;
            nameValue[n] = null;
        }

        entries[entryNumber] = null;
        return true;
    }

    /// <summary>Sorts every posting list's tail in, on all cores: the end of a bulk build.</summary>
    private void SortPostings()
    {
        gate.EnterWriteLock();
        try
        {
            Parallel.For(0, words.Count, word => wordPostings[word].Sort());
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Drops removed names from every posting list.</summary>
    private void Compact()
    {
        for (int word = 0; word < words.Count; word++)
        {
            wordPostingCount[word] -= wordPostings[word].RemoveWhere(p => nameEntry[p.Name] == Dead);
            wordDates[word] = wordPostings[word].Dates;
        }

        deadPostings = 0;
    }

    private PreparedName Intern(PreparedName name)
    {
        var interned = new PreparedWord[name.Words.Length];
        for (int i = 0; i < interned.Length; i++)
        {
            PreparedWord word = name.Words[i];
            if (!wordByText.TryGetValue(word.Text, out int id))
            {
                id = words.Count;
                words.Add(word);
                if (id == sketches.Length)
                {
                    Array.Resize(ref sketches, id * 2);
                    Array.Resize(ref wordPostings, id * 2);
                    Array.Resize(ref wordPostingCount, id * 2);
                    Array.Resize(ref wordDates, id * 2);
                }

                wordPostings[id] = new PostingList();

                var keys = new List<string>();
                if (!keyIdByText.TryGetValue(word.Key, out int keyId))
                {
                    keyId = keySketches.Count;
                    if (keyId == keyDates.Length)
                    {
                        Array.Resize(ref keyDates, keyId * 2);
                    }

                    if (keyId + 2 > keyStart.Length)
                    {
                        Array.Resize(ref keyStart, keyStart.Length * 2);
                    }

                    int end = keyStart[keyId] + word.Key.Length;
                    if (end > keyLetters.Length)
                    {
                        Array.Resize(ref keyLetters, Math.Max(end, keyLetters.Length * 2));
                    }

                    word.Key.CopyTo(keyLetters.AsSpan(keyStart[keyId]));
                    keyStart[keyId + 1] = end;
                    keySketches.Add(new KeySketch(WordSimilarity.KeyWeight(word.Key), WordSimilarity.KeyFloor(word.Key), HasLetterWords: false));
                    keyWords.Add(new List<int>(1));
                    keyIdByText[word.Key] = keyId;
                    SoundBlocks(word.Key, keys);
                    var filed = new (SoundBlock Block, int Position)[keys.Count];
                    for (int k = 0; k < keys.Count; k++)
                    {
                        if (!keysByBlock.TryGetValue(keys[k], out SoundBlock? soundBlock))
                        {
                            keysByBlock[keys[k]] = soundBlock = new SoundBlock();
                        }

                        filed[k] = (soundBlock, soundBlock.Add(keyId));
                    }

                    keyBlocks.Add(filed);
                }

                keyWords[keyId].Add(id);
                sketches[id] = new WordSketch(word, keyId);
                if (!sketches[id].BySound)
                {
                    keySketches[keyId] = keySketches[keyId] with { HasLetterWords = true };
                }

                wordByText[word.Text] = id;
                keys.Clear();
                WordKeys(word, keys);
                foreach (string key in keys)
                {
                    if (!wordsByKey.TryGetValue(key, out List<int>? list))
                    {
                        wordsByKey[key] = list = new List<int>(1);
                    }

                    list.Add(id);
                }
            }

            interned[i] = words[id];
        }

        return name.WithWords(interned);
    }

    private ReadOnlySpan<int> NameWords(int name) => nameWordIds.AsSpan(nameWordStart[name], nameWordStart[name + 1] - nameWordStart[name]);

    private void EnsureNameCapacity(int needed)
    {
        if (needed <= nameEntry.Length)
        {
            return;
        }

        int size = Math.Max(needed, nameEntry.Length * 2);
        Array.Resize(ref nameEntry, size);
        Array.Resize(ref nameWeight, size);
        Array.Resize(ref nameValue, size);
        Array.Resize(ref nameWordStart, size + 1);
    }

    private Scratch Rent() => scratches.TryTake(out Scratch? scratch) ? scratch : new Scratch();

    /// <summary>True when a query word would find a listed word through a shared key (for measuring the blocking's recall).</summary>
    internal static bool WordsMeet(PreparedWord query, PreparedWord listed)
    {
        var indexKeys = new List<string>();
        var queryKeys = new List<string>();
        WordKeys(listed, indexKeys);
        SoundBlocks(listed.Key, indexKeys);
        QueryKeys(query, queryKeys);
        return queryKeys.Intersect(indexKeys, StringComparer.Ordinal).Any();
    }

    /// <summary>The keys a listed word is filed under by its letters: initial, first letter, first three letters, lexicon group.</summary>
    private static void WordKeys(PreparedWord word, List<string> keys)
    {
        if (word.Text.Length == 1)
        {
            // An initial: found by any word of the same first letter.
            keys.Add("^" + word.Text);
            return;
        }

        keys.Add("^^" + word.Text[0]);
        if (word.Text.Length >= 3)
        {
            // For the cut-off last word of a truncated name.
            keys.Add("p" + word.Text[..3]);
        }

        if (word.Group >= 0)
        {
            keys.Add("#" + word.Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The blocks a sound key is filed under: its consonant skeleton; with three consonants or more also each
    /// one-consonant deletion, with two each one-consonant wildcard. A query word meets a listed word whose
    /// skeleton is the same, has one consonant more or less, or one consonant different.
    /// </summary>
    private static void SoundBlocks(string key, List<string> keys)
    {
        string skeleton = Skeleton(key);
        keys.Add("=" + skeleton);
        if (skeleton.Length >= 3)
        {
            foreach (string deletion in Deletions(skeleton))
            {
                keys.Add("-" + deletion);
            }
        }
        else if (skeleton.Length == 2)
        {
            keys.Add("?*" + skeleton[1]);
            keys.Add("?" + skeleton[0] + "*");
        }
    }

    /// <summary>The keys a query word looks up.</summary>
    private static void QueryKeys(PreparedWord word, List<string> keys)
    {
        if (word.Text.Length == 1)
        {
            keys.Add("^" + word.Text);
            keys.Add("^^" + word.Text);
            return;
        }

        keys.Add("^" + word.Text[0]);
        if (word.Prefix)
        {
            keys.Add(word.Text.Length >= 3 ? "p" + word.Text[..3] : "^^" + word.Text[0]);
        }

        if (word.Group >= 0)
        {
            keys.Add("#" + word.Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        string skeleton = Skeleton(word.Key);
        keys.Add("=" + skeleton);
        if (skeleton.Length >= 2)
        {
            // Listed words with one consonant more.
            keys.Add("-" + skeleton);
        }

        if (skeleton.Length >= 3)
        {
            foreach (string deletion in Deletions(skeleton))
            {
                keys.Add("-" + deletion); // one consonant different
                keys.Add("=" + deletion); // one consonant less
            }
        }
        else if (skeleton.Length == 2)
        {
            keys.Add("?*" + skeleton[1]);
            keys.Add("?" + skeleton[0] + "*");
            keys.Add("=" + skeleton[0]); // one consonant less
            keys.Add("=" + skeleton[1]);
        }
        else if (skeleton.Length == 1)
        {
            // Listed words with one consonant more, before or after this one.
            keys.Add("?*" + skeleton);
            keys.Add("?" + skeleton + "*");
        }
    }

    private static IEnumerable<string> Deletions(string skeleton)
    {
        for (int i = 0; i < skeleton.Length; i++)
        {
            if (i == 0 || skeleton[i] != skeleton[i - 1])
            {
                yield return skeleton.Remove(i, 1);
            }
        }
    }

    /// <summary>The consonants of a phonetic key in coarse classes (b/f/v, t/d, k/g/j/kh, s/z/sh), repeats collapsed.</summary>
    internal static string Skeleton(string key)
    {
        Span<char> buffer = stackalloc char[MaxSkeleton];
        int n = 0;
        foreach (char c in key)
        {
            char coarse = c switch
            {
                'F' or 'V' => 'F',
                'B' or 'T' or 'D' or 'K' or 'G' or 'J' or 'X' or 'S' or 'Z' or 'C' or 'L' or 'M' or 'N' or 'R' => c,
                _ => '\0',
            };
            if (coarse != '\0' && (n == 0 || buffer[n - 1] != coarse))
            {
                buffer[n++] = coarse;
                if (n == MaxSkeleton)
                {
                    break;
                }
            }
        }

        return buffer[..n].ToString();
    }

    private sealed record Prepared(string Id, PreparedPerson Person, PreparedName[] Names);

    /// <summary>
    /// A name holding a word, with what the search may rule it out by before reading anything else: its
    /// entry's date of birth (year, month, day; 0 where unknown) and sex (0 unknown, 1 M, 2 F), and the name's
    /// weight bucket. Packed: year in the high 16 bits, then month (4), day (5), sex (2), bucket (5).
    /// </summary>
    private readonly record struct Posting(int Name, uint Packed)
    {
        public int Bucket => (int)(Packed & 31);

        public int Sex => (int)((Packed >> 5) & 3);

        public int BirthDay => (int)((Packed >> 7) & 31);

        public int BirthMonth => (int)((Packed >> 12) & 15);

        public int BirthYear => (int)(Packed >> 16);

        /// <summary>Year, month and day as one number that sorts as the dates do: year &lt;&lt; 9 | month &lt;&lt; 5 | day.</summary>
        public uint DateKey => Packed >> 7;

        /// <summary>The <see cref="DateKey"/>, then the bucket: the order of a posting list.</summary>
        public uint SortKey => (DateKey << 5) | (Packed & 31);

        /// <summary>The <see cref="DateKey"/> of a date; month and day 0 where unknown.</summary>
        public static uint KeyOf(int year, int month, int day) => ((uint)year << 9) | ((uint)month << 5) | (uint)day;

        /// <summary>The packed date and sex of an entry, bucket 0; a year out of range counts as unknown (rules nothing out).</summary>
        public static uint Traits((int Year, int? Month, int? Day)? birth, int sex)
        {
            uint packed = (uint)sex << 5;
            if (birth is { } b && b.Year is > 0 and <= ushort.MaxValue)
            {
                packed |= ((uint)b.Year << 16) | ((uint)(b.Month ?? 0) << 12) | ((uint)(b.Day ?? 0) << 7);
            }

            return packed;
        }
    }

    /// <summary>
    /// The names holding one word: a prefix sorted by date of birth (year, month, day; unknown first), then
    /// weight bucket, so that a search reads only the stretches of dates the traveller's birth leaves (a few
    /// binary searches per word) and, in a stretch of one date, stops at the first name too heavy; and the
    /// postings added since, read whole. The tail is sorted in when it grows past an eighth of the list, or at
    /// the end of a bulk build.
    /// </summary>
    private sealed class PostingList
    {
        // Lists up to this long are read whole: cheaper than finding their stretches.
        private const int Short = 24;

        private Posting[] items = new Posting[2];
        private int count;
        private int sorted;

        /// <summary>The dates of birth of the names listed, summed up (see <see cref="WordDates"/>).</summary>
        public WordDates Dates { get; private set; }

        /// <summary>The lightest bucket of the names listed (<see cref="Buckets"/> when none): a search that reads only lighter ones passes the list over.</summary>
        public int LightestBucket { get; private set; } = Buckets;

        public void Add(Posting posting, bool deferSorting)
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
            }

            items[count++] = posting;
            Summarize(posting);
            if (!deferSorting && count - sorted > Math.Max(Short, sorted / 8))
            {
                Sort();
            }
        }

        public void Sort()
        {
            if (sorted == count)
            {
                return;
            }

            // By date and bucket, then name last, so that reads add up in one order whatever the history.
            items.AsSpan(0, count).Sort(static (a, b) => a.SortKey != b.SortKey ? a.SortKey.CompareTo(b.SortKey) : a.Name.CompareTo(b.Name));
            sorted = count;
        }

        public int RemoveWhere(Predicate<Posting> dead)
        {
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                if (!dead(items[i]))
                {
                    items[kept++] = items[i];
                }
            }

            int removed = count - kept;
            Array.Clear(items, kept, removed);
            count = kept;
            sorted = 0;
            Sort();
            Dates = default;
            LightestBucket = Buckets;
            foreach (Posting posting in items.AsSpan(0, count))
            {
                Summarize(posting);
            }

            return removed;
        }

        /// <summary>Adds one posting to the list's summaries (<see cref="Dates"/>, <see cref="LightestBucket"/>).</summary>
        private void Summarize(Posting posting)
        {
            Dates = Dates.With(posting.Packed);
            LightestBucket = Math.Min(LightestBucket, posting.Bucket);
        }

        /// <summary>Accumulates the postings of buckets up to <paramref name="last"/> that the filter leaves; returns how many were read.</summary>
        public int Read(int last, in QueryFilter filter, int[]? liveCheck, AccumulatorTable acc, float gain, float queryWordWeight, float listedWeight)
        {
            ReadOnlySpan<Posting> prefix = items.AsSpan(0, sorted);
            ReadOnlySpan<(uint From, uint To)> ranges = filter.DateRanges;
            int read = 0;
            if (ranges.Length == 0 || sorted <= Short)
            {
                Accumulate(prefix, last, filter, liveCheck, acc, gain, queryWordWeight, listedWeight);
                read = sorted;
            }
            else
            {
                // Only the stretches of dates the birth rule may leave (sorted, disjoint: each read once). A
                // stretch of one date is sorted by bucket: it ends at the first name too heavy.
                int from = 0;
                foreach ((uint low, uint high) in ranges)
                {
                    int start = from + FirstFrom(prefix[from..], low << 5);
                    uint end = high == low + 1 ? (low << 5) | (uint)(last + 1) : high << 5;
                    from = start + FirstFrom(prefix[start..], end);
                    Accumulate(prefix[start..from], last, filter, liveCheck, acc, gain, queryWordWeight, listedWeight);
                    read += from - start;
                }
            }

            ReadOnlySpan<Posting> tail = items.AsSpan(sorted, count - sorted);
            Accumulate(tail, last, filter, liveCheck, acc, gain, queryWordWeight, listedWeight);
            return read + tail.Length;
        }

        /// <summary>
        /// The first position of <paramref name="run"/> (sorted) whose <see cref="Posting.SortKey"/> is at least
        /// <paramref name="key"/>. Galloping from the start: a search's stretches lie close together, so most
        /// searches end within the cache lines the one before read, where a binary search over the whole rest
        /// of the list would start far away.
        /// </summary>
        private static int FirstFrom(ReadOnlySpan<Posting> run, uint key)
        {
            if (run.IsEmpty || run[0].SortKey >= key)
            {
                return 0;
            }

            // run[low] is below the key; the answer is in (low, high].
            int low = 0, high = 1;
            while (high < run.Length && run[high].SortKey < key)
            {
                low = high;
                high = Math.Min(run.Length, high * 2);
            }

            low++;
            while (low < high)
            {
                int mid = (low + high) >>> 1;
                if (run[mid].SortKey < key)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }

    /// <summary>
    /// The dates of birth of a word's names, summed up so that a search can pass over the word without reading
    /// its list: the birth years seen (year modulo 63, and bit 63 for a name whose year is unknown) and the
    /// dates with a month seen (year, month and day or 0, hashed into 128 bits). Bits are only ever added (and recounted when the list is compacted):
    /// a bit that is set may be a collision, a bit that is clear is certain.
    /// </summary>
    private readonly record struct WordDates(ulong Years, ulong DatesLow, ulong DatesHigh)
    {
        private const ulong UnknownYear = 1UL << 63;

        public WordDates With(uint traits)
        {
            var posting = new Posting(0, traits);
            if (posting.BirthYear == 0)
            {
                return this with { Years = Years | UnknownYear };
            }

            WordDates added = this with { Years = Years | YearBit(posting.BirthYear) };
            return posting.BirthMonth != 0 ? added.WithDate(DateBit(posting.BirthYear, posting.BirthMonth, posting.BirthDay)) : added;
        }

        public static ulong YearBit(int year) => 1UL << (year % 63);

        public static int DateBit(int year, int month, int day) => (int)((uint)((year * 372) + (month * 31) + day) * 2654435761u >> 25);

        public WordDates WithDate(int bit) => bit < 64 ? this with { DatesLow = DatesLow | (1UL << bit) } : this with { DatesHigh = DatesHigh | (1UL << (bit - 64)) };

        public bool HasUnknownYearOr(ulong years) => (Years & (years | UnknownYear)) != 0;

        public bool HasDate(int bit) => bit < 64 ? (DatesLow & (1UL << bit)) != 0 : (DatesHigh & (1UL << (bit - 64))) != 0;
    }

    /// <summary>What a query rules out before names are compared, and the names' similarity it needs at least.</summary>
    private readonly struct QueryFilter
    {
        private readonly bool active;
        private readonly int year;
        private readonly int month;
        private readonly int day;
        private readonly int sex;

        public QueryFilter(PreparedPerson person, double minScore)
        {
            Person = person;
            MinScore = minScore;
            Floor = NameMatcher.NameFloorFor(person, minScore);
            active = NameMatcher.RulesOutByBirthOrSex(person, minScore);
            year = person.Birth?.Year ?? 0;
            month = person.Birth?.Month ?? 0;
            day = person.Birth?.Day ?? 0;
            sex = NameMatcher.SexCode(person.Source.Sex);

            // A year the postings cannot hold (see Posting.Traits) is read whole, as an unknown one.
            dateRanges = active && year is > 1 and < ushort.MaxValue && month is >= 0 and <= 12 && day is >= 0 and <= 31 ? RangesFor(year, month, day) : [];
        }

        public PreparedPerson Person { get; }

        public double MinScore { get; }

        /// <summary>The least names' similarity at which any listed person could alert.</summary>
        public double Floor { get; }

        /// <summary>
        /// The stretches of <see cref="Posting.DateKey"/> (from, to exclusive; sorted and disjoint) that hold
        /// every posting the birth rule leaves; empty when the filter does not rule out by date (everything is read).
        /// The matcher's rule: the same year with month and day compatible (unknown, or equal) or swapped,
        /// the same month and day (or month alone, neither with a day) a year either side, or an unknown year.
        /// </summary>
        public ReadOnlySpan<(uint From, uint To)> DateRanges => dateRanges;

        private readonly (uint From, uint To)[] dateRanges;

        private static (uint From, uint To)[] RangesFor(int year, int month, int day)
        {
            static (uint, uint) Exact(int y, int m, int d) => (Posting.KeyOf(y, m, d), Posting.KeyOf(y, m, d) + 1);
            // An unknown year has no month or day either (Posting.Traits): all such names have key 0.
            var ranges = new List<(uint From, uint To)> { (0, 1) };
            if (month == 0)
            {
                ranges.Add((Posting.KeyOf(year, 0, 0), Posting.KeyOf(year + 1, 0, 0)));
            }
            else if (day == 0)
            {
                ranges.Add(Exact(year - 1, month, 0));
                ranges.Add((Posting.KeyOf(year, 0, 0), Posting.KeyOf(year, 1, 0)));
                ranges.Add((Posting.KeyOf(year, month, 0), Posting.KeyOf(year, month + 1, 0)));
                ranges.Add(Exact(year + 1, month, 0));
            }
            else
            {
                ranges.Add(Exact(year - 1, month, day));
                ranges.Add((Posting.KeyOf(year, 0, 0), Posting.KeyOf(year, 1, 0)));
                ranges.Add(Exact(year, month, 0));
                ranges.Add(Exact(year, month, day));
                if (day <= 12 && day != month)
                {
                    ranges.Add(Exact(year, day, month));
                }

                ranges.Add(Exact(year + 1, month, day));
            }

            ranges.Sort();
            return [.. ranges];
        }

        /// <summary>
        /// False when no name of a word with these dates can be born compatibly with the traveller: not the
        /// same year (a date in the same year may be compatible, or swapped), not the same day a year either
        /// side, and no name of unknown year. What the matcher's birth rule leaves, seen from the summary.
        /// </summary>
        public bool MayHold(WordDates dates)
        {
            if (!active || year == 0)
            {
                return true;
            }

            if (dates.HasUnknownYearOr(WordDates.YearBit(year)))
            {
                return true;
            }

            // The same month and day (or month, when neither has a day) a year either side.
            return month != 0 && (dates.HasDate(WordDates.DateBit(year - 1, month, day)) || dates.HasDate(WordDates.DateBit(year + 1, month, day)));
        }

        /// <summary>
        /// True when the posting's date of birth conflicts with the query's or its sex is the other: the
        /// matcher's own conflict rules, which cap the score below the minimum.
        /// </summary>
        public bool RulesOut(Posting posting)
        {
            if (!active)
            {
                return false;
            }

            if (sex != 0 && posting.Sex != 0 && posting.Sex != sex)
            {
                return true;
            }

            if (year == 0 || posting.BirthYear == 0)
            {
                return false;
            }

            return NameMatcher.BirthConflicts(year, month, day, posting.BirthYear, posting.BirthMonth, posting.BirthDay);
        }
    }

    private sealed record EntrySlot(string Id, PreparedPerson Person, int FirstName, int NameCount);

    /// <summary>
    /// A sound key's weight (the scale of its similarity), floor (a bound of its distances), and whether an
    /// initial or a cut-off word has it (the matcher compares those by letters).
    /// </summary>
    private readonly record struct KeySketch(int Weight, int Floor, bool HasLetterWords);

    /// <summary>What the vocabulary match reads of a word before the word itself, kept side by side for all words.</summary>
    private readonly struct WordSketch(PreparedWord word, int keyId)
    {
        /// <summary>The word's sound key, numbered in the vocabulary.</summary>
        public int KeyId { get; } = keyId;

        /// <summary>The word's weight in a name.</summary>
        public double Weight { get; } = word.Weight;

        public int Group { get; } = word.Group;

        /// <summary>False for an initial or the cut-off end of a name, which the matcher decides by their letters.</summary>
        public bool BySound { get; } = !word.Prefix && word.Text.Length > 1;
    }

    private sealed class Scratch
    {
        private readonly List<long[]> marks = [];
        private readonly List<WordPlan?> marked = [];
        private int markStamp;

        /// <summary>
        /// For plan position <paramref name="p"/> of the current search: per vocabulary word, the stamp in the
        /// high half and the word's position in the plan's matches in the low half. Marked on first use in a search.
        /// </summary>
        public ReadOnlySpan<long> Marks(int p, WordPlan plan, int vocabulary, out long stamp)
        {
            while (marks.Count <= p)
            {
                marks.Add([]);
                marked.Add(null);
            }

            if (marks[p].Length < vocabulary)
            {
                marks[p] = new long[Math.Max(vocabulary, marks[p].Length * 2)];
                marked[p] = null;
            }

            stamp = (long)markStamp << 32;
            if (!ReferenceEquals(marked[p], plan))
            {
                long[] array = marks[p];
                for (int i = 0; i < plan.Words.Length; i++)
                {
                    array[plan.Words[i]] = stamp | (uint)i;
                }

                marked[p] = plan;
            }

            return marks[p];
        }

        /// <summary>Starts a search's marks: what earlier searches marked no longer counts.</summary>
        public void NewMarks()
        {
            if (++markStamp == int.MaxValue)
            {
                markStamp = 1;
                foreach (long[] array in marks)
                {
                    Array.Clear(array);
                }
            }

            for (int i = 0; i < marked.Count; i++)
            {
                marked[i] = null;
            }
        }

        private int[] seenStamps = [];
        private int[] keyStamps = [];
        private int stamp;

        /// <summary>Marks of the words and keys met in one vocabulary match: met when the mark is the stamp returned.</summary>
        public int[] SeenStamps(int wordCount, int keyCount, out int[] keys, out int current)
        {
            if (seenStamps.Length < wordCount || keyStamps.Length < keyCount || stamp == int.MaxValue)
            {
                seenStamps = new int[Math.Max(wordCount, seenStamps.Length * 2)];
                keyStamps = new int[Math.Max(keyCount, keyStamps.Length * 2)];
                stamp = 0;
            }

            keys = keyStamps;
            current = ++stamp;
            return seenStamps;
        }

        public List<string> Keys { get; } = [];

        /// <summary>The vocabulary words the plan being built matches so far (see <see cref="PlanBuilder"/>).</summary>
        public List<int> PlanWords { get; } = [];

        /// <summary>Their gains and weights, at the same positions.</summary>
        public List<(float Gain, float ListedWeight)> PlanValues { get; } = [];

        public Dictionary<int, float> Candidates { get; } = [];

        /// <summary>Per entry met in this search: the least names' similarity that could still alert.</summary>
        public Dictionary<int, double> EntryFloors { get; } = [];

        public long PostingsRead { get; set; }

        /// <summary>Per name the search's postings found: what they add up to.</summary>
        public AccumulatorTable Accumulators { get; } = new();
    }
}
