namespace Maabar.Names;

// Searching: the query words' plans, the postings read under the bounds, the candidates.
public sealed partial class NameIndex
{
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

    private Scratch Rent() => scratches.TryTake(out Scratch? scratch) ? scratch : new Scratch();

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

        /// <summary>The least names' similarity at which any listed person could alert (or, raised, be answered).</summary>
        public double Floor { get; init; }

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

        /// <summary>The candidates best bound first, for a search that answers only the best (see <see cref="ScoreBestFirst"/>).</summary>
        public PriorityQueue<int, (float Bound, int Name)> Ranking { get; } = new(BestBoundFirst);

        /// <summary>The names such a search has scored, over its passes.</summary>
        public HashSet<int> Scored { get; } = [];

        /// <summary>The best entries scored so far by such a search.</summary>
        public SortedSet<(double Score, int Entry)> Leaders { get; } = [];

        /// <summary>Per entry met in this search: the least names' similarity that could still alert.</summary>
        public Dictionary<int, double> EntryFloors { get; } = [];

        public long PostingsRead { get; set; }

        /// <summary>Per name the search's postings found: what they add up to.</summary>
        public AccumulatorTable Accumulators { get; } = new();
    }
}
