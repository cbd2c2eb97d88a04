namespace Maabar.Names;

// Adding, replacing and removing entries; interning names and words; compaction.
public sealed partial class NameIndex
{
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

    private sealed record Prepared(string Id, PreparedPerson Person, PreparedName[] Names);

    private sealed record EntrySlot(string Id, PreparedPerson Person, int FirstName, int NameCount);
}
