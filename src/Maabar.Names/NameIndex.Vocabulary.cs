namespace Maabar.Names;

// The vocabulary: sound keys, the blocks they are filed under, and which words meet.
public sealed partial class NameIndex
{
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
}
