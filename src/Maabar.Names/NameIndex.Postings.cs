namespace Maabar.Names;

// Posting lists: a name per posting with its entry's date of birth, sex and weight bucket, and date summaries.
public sealed partial class NameIndex
{
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
}
