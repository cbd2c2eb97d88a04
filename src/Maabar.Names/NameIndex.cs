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
public sealed record IndexSearchResult(IReadOnlyList<IndexHit> Hits, int CandidateNames, bool Truncated, long PostingsRead);

/// <summary>
/// An in-memory candidate index over every name and alias of a watchlist, for <see cref="NameMatcher"/>.
/// </summary>
/// <remarks>
/// <para>
/// Two levels. The <em>vocabulary</em> holds each distinct name word once (a million entries share a few
/// hundred thousand strings), reachable by blocking keys: its consonant skeleton, the skeleton with one
/// consonant dropped or replaced, its lexicon group, its initial. A query word finds the vocabulary words
/// that share a key and keeps those the matcher's own word similarity puts at or above
/// <see cref="DiscoveryThreshold"/>. Each vocabulary word has a posting list of the names that contain it,
/// split into buckets by the name's total word weight.
/// </para>
/// <para>
/// A name can alert only if the matcher's names' similarity reaches <see cref="NameMatcher.AlertNameFloor"/>.
/// That similarity is at most the gain of the aligned pairs over the name weights plus the unmatched
/// weight; the search adds those up per name from the postings it reads and scores with the matcher only
/// the names whose bound reaches the floor (at most <c>maxCandidates</c>, the best bounds first). Query
/// words are read from the rarest; once the words left could not bring a name not yet found to the floor
/// they are not read, and buckets of names too heavy to get there are skipped; a name found earlier is
/// then looked up word by word instead. That is what keeps "Mohamed Ben Ali" against a long list cheap.
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
    private readonly List<VocabularyWord> words = [];
    private readonly Dictionary<string, List<int>> wordsByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Scratch> scratches = [];
    private readonly ConcurrentDictionary<string, WordPlan> plans = new(StringComparer.Ordinal);

    private int[] nameEntry = new int[1024];
    private float[] nameWeight = new float[1024];
    private PreparedName?[] nameValue = new PreparedName?[1024];
    private int nameCount;

    // The distinct vocabulary words of name n: nameWordIds[nameWordStart[n] .. nameWordStart[n + 1]).
    private int[] nameWordStart = new int[1025];
    private int[] nameWordIds = new int[4096];
    private int nameWordCount;
    private long livePostings;
    private long deadPostings;

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
    public static NameIndex Build(IEnumerable<IndexedIdentity> identities, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var index = new NameIndex();
        const int batchSize = 8192;
        var batch = new List<IndexedIdentity>(batchSize);
        int done = 0;
        foreach (IndexedIdentity identity in identities)
        {
            batch.Add(identity);
            if (batch.Count == batchSize)
            {
                done += index.AddBatch(batch);
                progress?.Report(done);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            done += index.AddBatch(batch);
            progress?.Report(done);
        }

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
            Insert(prepared);
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
        AddBatch(identities);
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
    public IndexSearchResult Search(PersonDescription query, IReadOnlyList<string>? otherNames = null, double minScore = NameMatcher.PossibleThreshold, int maxCandidates = DefaultMaxCandidates)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        (PreparedPerson person, PreparedName[] names) = PrepareQuery(query, otherNames);
        Scratch scratch = Rent();
        gate.EnterReadLock();
        try
        {
            scratch.Candidates.Clear();
            scratch.PostingsRead = 0;
            foreach (PreparedName name in names)
            {
                Collect(name, scratch);
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
                ScoreName(candidate.Key, person, names, minScore, best);
            }

            return new IndexSearchResult(Explain(best, person, names), scored, truncated, scratch.PostingsRead);
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
                    ScoreName(n, person, names, minScore, best);
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

    private static (PreparedPerson Person, PreparedName[] Names) PrepareQuery(PersonDescription query, IReadOnlyList<string>? otherNames)
    {
        PreparedPerson person = NameMatcher.Prepare(query);
        var names = new List<PreparedName> { person.Name };
        foreach (string other in otherNames ?? [])
        {
            if (!string.IsNullOrWhiteSpace(other))
            {
                names.Add(NameMatcher.PrepareName(other));
            }
        }

        return (person, [.. names]);
    }

    private void ScoreName(int name, PreparedPerson person, PreparedName[] queryNames, double minScore, Dictionary<int, (double Score, int Name, int QueryName)> best)
    {
        EntrySlot entry = entries[nameEntry[name]]!;
        PreparedPerson listed = entry.Person.WithName(nameValue[name]!);
        for (int q = 0; q < queryNames.Length; q++)
        {
            (double score, _) = NameMatcher.ScorePrepared(person.WithName(queryNames[q]), listed);
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

    /// <summary>
    /// Adds to the candidates every indexed name whose bound for <paramref name="query"/> reaches the floor.
    /// </summary>
    /// <remarks>
    /// Per name the search adds up, over the query words that find it, an upper bound of the gain of the
    /// aligned pair (similarity times pair weight), the query word's weight and the listed word's weight.
    /// The names' similarity is at most that gain over the larger name weight plus the smaller of the two
    /// unmatched weights, which the matched weights bound from below. Query words are taken from the
    /// rarest: once the words left cannot bring a name that was not found yet to the floor, they are not
    /// scanned, and what they could add is credited to every name found so far. Within a scanned word,
    /// buckets of names too heavy to reach the floor from that word on are skipped, and their credit too.
    /// </remarks>
    private void Collect(PreparedName query, Scratch scratch)
    {
        double queryWeight = query.TotalWeight;
        if (queryWeight <= 0)
        {
            return;
        }

        const double floor = NameMatcher.AlertNameFloor - 1e-6;
        int count = query.Words.Length;
        var plan = new WordPlan[count];
        for (int i = 0; i < count; i++)
        {
            plan[i] = MatchVocabulary(query.Words[i], scratch);
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

        Array.Sort(plan, (a, b) => a.Postings.CompareTo(b.Postings));
        Accumulator[] acc = scratch.Accumulators(nameCount);
        List<int> touched = scratch.Touched;
        touched.Clear();

        // lastBucket[p]: every name up to this bucket was read for word p; words from 'stop' on were not read.
        Span<int> lastBucket = count <= 64 ? stackalloc int[count] : new int[count];
        double remaining = total, listedAfter = 0, skipped = 0;
        foreach (WordPlan word in plan)
        {
            listedAfter += word.MaxListedWeight;
        }

        int stop = count;
        for (int p = 0; p < count; p++)
        {
            if (remaining / leastQueryWeight < floor)
            {
                stop = p;
                break;
            }

            remaining -= plan[p].BestGain;
            listedAfter -= plan[p].MaxListedWeight;
            float queryWordWeight = (float)plan[p].Weight;
            lastBucket[p] = Buckets - 1;
            foreach ((int word, (float gain, float listedWeight)) in plan[p].Matches)
            {
                // A name first found here gains at most this, and matches at most this much of its weight;
                // the words read before did not find it, so they are unmatched on the query's side.
                double newGain = gain + remaining;
                double newListed = listedWeight + listedAfter;
                double heaviest = (newGain / floor) + listedCuts;
                if (newGain / (leastQueryWeight + skipped) < floor)
                {
                    heaviest = Math.Min(heaviest, newListed + skipped);
                }

                int last = Math.Min(Buckets - 1, (int)Math.Floor(heaviest * 4));
                lastBucket[p] = Math.Min(lastBucket[p], last);
                List<int>?[] buckets = words[word].Postings;
                for (int b = 0; b <= last; b++)
                {
                    if (buckets[b] is not { } postings)
                    {
                        continue;
                    }

                    scratch.PostingsRead += postings.Count;
                    foreach (int name in postings)
                    {
                        if (nameEntry[name] == Dead)
                        {
                            continue;
                        }

                        ref Accumulator a = ref acc[name];
                        if (a.Gain == 0)
                        {
                            touched.Add(name);
                        }

                        a.Gain += gain;
                        a.Query += queryWordWeight;
                        a.Listed += listedWeight;
                        a.QueryCut += queryWordWeight - Math.Min(queryWordWeight, listedWeight);
                        a.ListedCut += listedWeight - Math.Min(queryWordWeight, listedWeight);
                    }
                }
            }

            listedCuts -= plan[p].MaxListedCut;
            skipped += plan[p].Weight;
        }

        foreach (int name in touched)
        {
            ref Accumulator a = ref acc[name];
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

                    foreach (int word in nameWords)
                    {
                        if (plan[p].Matches.TryGetValue(word, out (float Gain, float ListedWeight) hit))
                        {
                            gain += hit.Gain;
                            matchedQuery += plan[p].Weight;
                            matchedListed += hit.ListedWeight;
                            queryCut += plan[p].Weight - Math.Min(plan[p].Weight, hit.ListedWeight);
                            listedCut += hit.ListedWeight - Math.Min(plan[p].Weight, hit.ListedWeight);
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
            if (upper >= floor && (!scratch.Candidates.TryGetValue(name, out float seen) || upper > seen))
            {
                scratch.Candidates[name] = upper;
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

    /// <summary>The vocabulary words aligned with one query word, their gains, and how many postings they hold.</summary>
    private WordPlan MatchVocabulary(PreparedWord queryWord, Scratch scratch)
    {
        // Travellers' words repeat (given names above all): what a word matches is kept until the
        // vocabulary changes. Posting counts may go stale; they only order the words.
        string cacheKey = queryWord.Prefix ? queryWord.Text + "\u2026" : queryWord.Text;
        if (plans.TryGetValue(cacheKey, out WordPlan? cached) && cached.Version == words.Count)
        {
            return cached;
        }

        if (plans.Count >= MaxCachedPlans)
        {
            plans.Clear();
        }

        WordPlan plan = BuildPlan(queryWord, scratch);
        plans[cacheKey] = plan;
        return plan;
    }

    private WordPlan BuildPlan(PreparedWord queryWord, Scratch scratch)
    {
        HashSet<int> seen = scratch.SeenWords;
        seen.Clear();
        List<string> keys = scratch.Keys;
        keys.Clear();
        QueryKeys(queryWord, keys);
        var matches = new Dictionary<int, (float Gain, float ListedWeight)>();
        double best = 0, maxListed = 0, maxQueryCut = 0, maxListedCut = 0;
        long postings = 0;
        foreach (string key in keys)
        {
            if (!wordsByKey.TryGetValue(key, out List<int>? candidates))
            {
                continue;
            }

            foreach (int word in candidates)
            {
                if (!seen.Add(word))
                {
                    continue;
                }

                PreparedWord listed = words[word].Word;
                double similarity = NameMatcher.WordScore(queryWord, listed);
                if (similarity < DiscoveryThreshold)
                {
                    continue;
                }

                // Rounded up so that float sums stay bounds of the matcher's double arithmetic.
                double gain = similarity * NameMatcher.PairWeight(queryWord, listed);
                matches[word] = ((float)gain + 1e-5f, (float)listed.Weight + 1e-5f);
                best = Math.Max(best, gain + 1e-5);
                maxListed = Math.Max(maxListed, listed.Weight + 1e-5);
                double pairWeight = Math.Min(queryWord.Weight, listed.Weight);
                maxQueryCut = Math.Max(maxQueryCut, queryWord.Weight - pairWeight + 1e-5);
                maxListedCut = Math.Max(maxListedCut, listed.Weight - pairWeight + 1e-5);
                postings += words[word].Count;
            }
        }

        return new WordPlan(words.Count, matches, best, queryWord.Weight + 1e-5, maxListed, maxQueryCut, maxListedCut, postings);
    }

    /// <summary>What one query word matches: vocabulary word → (gain, listed weight), read in scans and looked up by probes.</summary>
    private sealed record WordPlan(int Version, Dictionary<int, (float Gain, float ListedWeight)> Matches, double BestGain, double Weight, double MaxListedWeight, double MaxQueryCut, double MaxListedCut, long Postings);

    private struct Accumulator
    {
        public float Gain;
        public float Query;
        public float Listed;
        public float QueryCut;
        public float ListedCut;
    }

    private int AddBatch(IReadOnlyList<IndexedIdentity> batch)
    {
        var prepared = new Prepared[batch.Count];
        Parallel.For(0, batch.Count, i => prepared[i] = Prepare(batch[i]));
        gate.EnterWriteLock();
        try
        {
            foreach (Prepared p in prepared)
            {
                Insert(p);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        return batch.Count;
    }

    private static Prepared Prepare(IndexedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity.Id);
        ArgumentNullException.ThrowIfNull(identity.Person);
        PreparedPerson person = NameMatcher.Prepare(identity.Person);
        var names = new PreparedName[1 + (identity.Aliases?.Count ?? 0)];
        names[0] = person.Name;
        for (int i = 1; i < names.Length; i++)
        {
            names[i] = NameMatcher.PrepareName(identity.Aliases![i - 1] ?? string.Empty);
        }

        return new Prepared(identity.Id, person, names);
    }

    private void Insert(Prepared prepared)
    {
        RemoveLocked(prepared.Id);
        int entryNumber = entries.Count;
        int first = nameCount;
        EnsureNameCapacity(nameCount + prepared.Names.Length);
        PreparedName[] interned = [.. prepared.Names.Select(Intern)];
        PreparedPerson person = prepared.Person.Interned(interned[0], prepared.Person.Father is { } f ? Intern(f) : null, prepared.Person.Mother is { } m ? Intern(m) : null);
        foreach (PreparedName name in interned)
        {
            int id = nameCount++;
            nameEntry[id] = entryNumber;
            nameValue[id] = name;
            nameWeight[id] = (float)name.TotalWeight;
            nameWordStart[id] = nameWordCount;
            int bucket = Math.Min(Buckets - 1, (int)(name.TotalWeight * 4));
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
                List<int>?[] buckets = words[word].Postings;
                (buckets[bucket] ??= new List<int>(2)).Add(id);
                words[word].Count++;
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

    /// <summary>Drops removed names from every posting list.</summary>
    private void Compact()
    {
        foreach (VocabularyWord word in words)
        {
            for (int b = 0; b < Buckets; b++)
            {
                word.Count -= word.Postings[b]?.RemoveAll(n => nameEntry[n] == Dead) ?? 0;
            }
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
                words.Add(new VocabularyWord(word));
                wordByText[word.Text] = id;
                var keys = new List<string>();
                IndexKeys(word, keys);
                foreach (string key in keys)
                {
                    if (!wordsByKey.TryGetValue(key, out List<int>? list))
                    {
                        wordsByKey[key] = list = new List<int>(1);
                    }

                    list.Add(id);
                }
            }

            interned[i] = words[id].Word;
        }

        return new PreparedName(interned);
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
        IndexKeys(listed, indexKeys);
        QueryKeys(query, queryKeys);
        return queryKeys.Intersect(indexKeys, StringComparer.Ordinal).Any();
    }

    /// <summary>The keys a listed word is filed under.</summary>
    private static void IndexKeys(PreparedWord word, List<string> keys)
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

        // The consonant skeleton; with three consonants or more also each one-consonant deletion, with two
        // each one-consonant wildcard. A query word meets a listed word whose skeleton is the same, has one
        // consonant more or less, or one consonant different.
        string skeleton = Skeleton(word.Key);
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

    private sealed record EntrySlot(string Id, PreparedPerson Person, int FirstName, int NameCount);

    private sealed class VocabularyWord(PreparedWord word)
    {
        public PreparedWord Word { get; } = word;

        public List<int>?[] Postings { get; } = new List<int>?[Buckets];

        /// <summary>Postings held, live or not yet compacted.</summary>
        public int Count { get; set; }
    }

    private sealed class Scratch
    {
        private Accumulator[] accumulators = [];

        public HashSet<int> SeenWords { get; } = [];

        public List<string> Keys { get; } = [];

        public List<int> Touched { get; } = [];

        public Dictionary<int, float> Candidates { get; } = [];

        public long PostingsRead { get; set; }

        public Accumulator[] Accumulators(int size)
        {
            if (accumulators.Length < size)
            {
                accumulators = new Accumulator[Math.Max(size, accumulators.Length * 2)];
            }

            return accumulators;
        }
    }
}
