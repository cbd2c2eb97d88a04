using Maabar.Names.Synthetic;

namespace Maabar.Names.Tests;

// Arabic names are written as \u escapes (STYLE.md); each line's comment gives the name.
public sealed class NameIndexTests
{
    private static (NameIndex Index, List<SyntheticPeople.Person> People, SyntheticPeople Generator) Build(int entries, int seed)
    {
        var generator = new SyntheticPeople(seed);
        var people = new List<SyntheticPeople.Person>();
        var identities = new List<IndexedIdentity>();
        for (int i = 0; i < entries; i++)
        {
            SyntheticPeople.Person person = generator.NextPerson();
            people.Add(person);
            identities.Add(generator.Entry("E" + i, person));
        }

        return (NameIndex.Build(identities), people, generator);
    }

    /// <summary>
    /// The index must find what scoring every name finds. On a random list with variants of listed people,
    /// namesakes, strangers and common-name queries, it may miss only names whose every word pair is weak
    /// (below the discovery threshold); measured here, the bar is 98% of the exhaustive scan's alerts, and
    /// every hit it does report is scored exactly as the exhaustive scan scores it.
    /// </summary>
    [Fact]
    public void Search_AgreesWithExhaustiveScan_OnARandomList()
    {
        (NameIndex index, List<SyntheticPeople.Person> people, SyntheticPeople generator) = Build(1200, 7);
        int expected = 0, found = 0;
        for (int q = 0; q < 500; q++)
        {
            PersonDescription traveller = generator.Traveller(people).Traveller;
            IndexSearchResult exhaustive = index.SearchExhaustive(traveller);
            IndexSearchResult indexed = index.Search(traveller);
            var reference = exhaustive.Hits.ToDictionary(h => h.EntryId);
            expected += reference.Count;
            foreach (IndexHit hit in indexed.Hits)
            {
                Assert.True(reference.TryGetValue(hit.EntryId, out IndexHit? same), $"{traveller.Name}: {hit.EntryId} is not an exhaustive hit");
                Assert.Equal(same.Match.Score, hit.Match.Score);
                found++;
            }

            Assert.True(indexed.CandidateNames < exhaustive.CandidateNames / 4, $"{traveller.Name}: {indexed.CandidateNames} candidates");
        }

        Assert.True(expected > 30, $"only {expected} exhaustive hits: the stream does not exercise the index");
        Assert.True(found >= 0.98 * expected, $"index found {found} of {expected} exhaustive hits");
    }

    /// <summary>
    /// A traveller whose name leaves out links of the listed chain (the grandfather, or the whole nasab) counts
    /// those links at the matcher's gap share, so the index bounds every name by its least weight. It must
    /// still report only what the exhaustive scan reports, with the same scores, in both scripts, on the
    /// name alone (the most candidates) and with the date of birth; and with the date of birth, the listed
    /// person must be among them.
    /// </summary>
    [Fact]
    public void Search_AgreesWithExhaustiveScan_WhenTravellersLeaveOutChainLinks()
    {
        (NameIndex index, List<SyntheticPeople.Person> people, _) = Build(800, 11);
        int expected = 0, found = 0, listedFound = 0, asked = 0;
        for (int i = 0; i < 150; i++)
        {
            SyntheticPeople.Person person = people[i];
            foreach ((string full, string particle) in new[] { (SyntheticPeople.French(person), " Ben "), (SyntheticPeople.Arabic(person), " \u0628\u0646 ") })
            {
                // Given ben father [ben grandfather] family; given names may be compounds of two words (Abd Allah).
                string[] links = full.Split(particle);
                string family = full[(full.LastIndexOf(' ') + 1)..];
                string passport = links[0] + " " + family;
                string withoutGrandfather = links.Length == 3 ? links[0] + particle + links[1] + " " + family : passport;
                foreach (string name in new[] { passport, withoutGrandfather })
                {
                    foreach (PersonDescription traveller in new[] { new PersonDescription(name), new PersonDescription(name, PartialBirthDate.Parse(person.BirthDate), person.SexValue) })
                    {
                        var reference = index.SearchExhaustive(traveller).Hits.ToDictionary(h => h.EntryId);
                        IndexSearchResult indexed = index.Search(traveller);
                        expected += reference.Count;
                        foreach (IndexHit hit in indexed.Hits)
                        {
                            Assert.True(reference.TryGetValue(hit.EntryId, out IndexHit? same), $"{traveller.Name}: {hit.EntryId} is not an exhaustive hit");
                            Assert.Equal(same.Match.Score, hit.Match.Score);
                            found++;
                        }

                        if (traveller.BirthDate is not null)
                        {
                            asked++;
                            listedFound += indexed.Hits.Any(h => h.EntryId == "E" + i) ? 1 : 0;
                        }
                    }
                }
            }
        }

        Assert.True(found >= 0.98 * expected, $"index found {found} of {expected} exhaustive hits");
        Assert.True(listedFound >= 0.97 * asked, $"the listed person was found {listedFound} times of {asked}");
    }

    /// <summary>
    /// The search passes over names by birth year and sex from the postings, keeps the postings of a word
    /// sorted by year (a tail of recent additions read whole) and leaves each entry the names' similarity
    /// its attributes require. Built one entry at a time (tails sorted in as they grow) or in bulk, with
    /// dates unknown, partial or full, sex unknown, parents and documents, it must still answer what the
    /// exhaustive scan answers (up to the weak pairs below the discovery threshold), and both builds must
    /// answer alike. Weighed by the shipped corpus counts, or by those and the list's own counts (which weigh
    /// the list's frequent given and family names down, so the index's bounds are looser than its scores).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Search_WithBirthYearsSexAndDocuments_BuiltOneByOneOrInBulk_AgreesWithExhaustiveScan(bool learnFromList)
    {
        var generator = new SyntheticPeople(31);
        var random = new Random(31);
        var people = new List<SyntheticPeople.Person>();
        var identities = new List<IndexedIdentity>();
        for (int i = 0; i < 1000; i++)
        {
            SyntheticPeople.Person person = generator.NextPerson();
            people.Add(person);
            IndexedIdentity entry = generator.Entry("E" + i, person);
            identities.Add(entry with
            {
                Person = entry.Person with
                {
                    BirthDate = random.Next(6) == 0 ? null : entry.Person.BirthDate,
                    Sex = random.Next(6) == 0 ? PersonSex.Unknown : entry.Person.Sex,
                    DocumentNumber = random.Next(4) == 0 ? "P" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture) : null,
                },
            });
        }

        NameFrequencies model = learnFromList ? NameFrequencies.Default.LearnFrom(identities.SelectMany(e => e.Aliases.Prepend(e.Person.Name))) : NameFrequencies.Default;
        Assert.Equal(learnFromList, model.LearnedWords > NameFrequencies.Default.LearnedWords);
        using var oneByOne = new NameIndex(model);
        foreach (IndexedIdentity identity in identities)
        {
            oneByOne.AddOrUpdate(identity);
        }

        using NameIndex bulk = NameIndex.Build(identities, frequencies: model);
        int expected = 0, found = 0;
        for (int q = 0; q < 400; q++)
        {
            (PersonDescription traveller, SyntheticPeople.Person? from) = generator.Traveller(people);
            int listedNumber = from is null ? -1 : people.IndexOf(from);
            traveller = (q % 4) switch
            {
                0 => traveller with { BirthDate = null },
                1 => traveller with { Sex = PersonSex.Unknown },
                2 when listedNumber >= 0 && identities[listedNumber].Person.DocumentNumber is { } document => traveller with { DocumentNumber = document },
                _ => traveller,
            };
            var reference = oneByOne.SearchExhaustive(traveller).Hits.ToDictionary(h => h.EntryId);
            IndexSearchResult indexed = oneByOne.Search(traveller);
            Assert.Equal(indexed.Hits.Select(h => (h.EntryId, h.Match.Score)), bulk.Search(traveller).Hits.Select(h => (h.EntryId, h.Match.Score)));
            foreach (IndexHit hit in indexed.Hits)
            {
                Assert.True(reference.TryGetValue(hit.EntryId, out IndexHit? same), $"{traveller}: {hit.EntryId} is not an exhaustive hit");
                Assert.Equal(same.Match.Score, hit.Match.Score);
            }

            expected += reference.Count;
            found += indexed.Hits.Count;
        }

        // It misses 3 of 68 here (2 of 67 with the corpus model alone), and as many with the discovery
        // threshold lowered to the matcher's 0.55: these misses come from elsewhere in the bounds.
        Assert.True(expected > 40, $"only {expected} exhaustive hits");
        Assert.True(found >= 0.95 * expected, $"index found {found} of {expected}");
    }

    /// <summary>
    /// The index passes over names, and whole words, by date of birth before comparing names: only where the
    /// matcher's birth rule would hold the score down. The same day (or month, without a day) a year apart is
    /// a slip, not a conflict, and must still be found; another day a year apart, or another year, must not.
    /// </summary>
    [Theory]
    [InlineData("1970-05-03", "1971-05-03", true)]
    [InlineData("1970-05-03", "1969-05-03", true)]
    [InlineData("1970-05-03", "1970-03-05", true)]
    [InlineData("1970-05-03", "1970", true)]
    [InlineData("1970-05-03", null, true)]
    [InlineData("1970-05", "1971-05", true)]
    [InlineData("1971-05", "1970-05", true)]
    [InlineData("1970-05", "1970-05-03", true)]
    [InlineData("1970", "1970-11-30", true)]
    [InlineData(null, "1988-01-01", true)]
    [InlineData("1970-05-03", "1971-05-04", false)]
    [InlineData("1970-05", "1971-06", false)]
    [InlineData("1970", "1971", false)]
    [InlineData("1970-05-03", "1972-05-03", false)]
    public void Search_PassesOverBirthDatesOnlyWhereTheMatcherWouldHoldTheScoreDown(string? listed, string? traveller, bool alerts)
    {
        const string Arabic = "\u062D\u0645\u0632\u0629 \u0628\u0646 \u0635\u0627\u0644\u062D \u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A";

        // Namesakes of the very same names (so in X's weight buckets), born around the traveller's date: full
        // dates, months and years alone, so that the postings are sorted by date and read by stretches.
        var identities = new List<IndexedIdentity>();
        for (int i = 0; i < 60; i++)
        {
            int year = 1968 + (i % 5), month = 1 + (i * 7 % 12), day = 1 + (i * 11 % 28);
            string date = (i % 6) switch
            {
                0 => year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => FormattableString.Invariant($"{year}-{month:D2}"),
                _ => FormattableString.Invariant($"{year}-{month:D2}-{day:D2}"),
            };
            identities.Add(new IndexedIdentity("N" + i, new PersonDescription("Hamza Ben Salah Zintani", PartialBirthDate.Parse(date), PersonSex.Male), [Arabic]));
        }

        identities.Insert(30, new IndexedIdentity("X", new PersonDescription("Hamza Ben Salah Zintani", PartialBirthDate.ParseOrNull(listed), PersonSex.Male), [Arabic]));
        using NameIndex index = NameIndex.Build(identities);
        foreach (string name in new[] { "Hamza Ben Salah Zintani", Arabic })
        {
            var query = new PersonDescription(name, PartialBirthDate.ParseOrNull(traveller), PersonSex.Male);
            // Every answer, not the best ranked of a search without a date of birth: this is about what is passed over.
            string[] found = [.. index.Search(query, top: int.MaxValue).Hits.Select(h => h.EntryId).Order(StringComparer.Ordinal)];
            Assert.Equal(alerts, found.Contains("X"));

            // And every namesake the matcher's rule leaves is found, none other.
            Assert.Equal(index.SearchExhaustive(query).Hits.Select(h => h.EntryId).Order(StringComparer.Ordinal), found);
        }
    }

    /// <summary>
    /// The postings of one date are sorted by the names' weight, and a search stops reading a date's stretch at
    /// the first name too heavy to reach the floor. Namesakes all born on the traveller's day, with none to
    /// six more words (so of every weight, some alerting and some too heavy), must be found exactly as the
    /// exhaustive scan finds them: the heaviest bucket that may still alert is read.
    /// </summary>
    [Theory]
    [InlineData("1970-05-03", "1970-05-03")]
    [InlineData("1970", "1970")]
    [InlineData(null, "1970-05-03")]
    [InlineData("1971-05-03", "1970-05-03")]
    public void Search_ReadsADatesNamesUpToTheHeaviestThatMayAlert(string? listed, string traveller)
    {
        string[] more = ["Kikli", "Ouertani", "Trabelsi", "Jebali", "Mohamed", "Ali", "Ben", "Souissi", "Abdelkader", "Ezzine"];
        var random = new Random(5);
        var identities = new List<IndexedIdentity>();
        for (int i = 0; i < 120; i++)
        {
            var words = new List<string> { "Hamza", "Zintani" };
            for (int extra = i % 7; extra > 0; extra--)
            {
                words.Insert(1 + random.Next(words.Count - 1), more[random.Next(more.Length)]);
            }

            identities.Add(new IndexedIdentity("N" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), new PersonDescription(string.Join(' ', words), PartialBirthDate.ParseOrNull(listed), PersonSex.Male), []));
        }

        using NameIndex index = NameIndex.Build(identities);
        int alerts = 0;
        foreach (string name in new[] { "Hamza Zintani", "Hamza Ben Ali Zintani", "Hamza Kikli Zintani" })
        {
            var query = new PersonDescription(name, PartialBirthDate.ParseOrNull(traveller), PersonSex.Male);
            (string, double)[] exhaustive = [.. index.SearchExhaustive(query).Hits.Select(h => (h.EntryId, h.Match.Score))];
            Assert.InRange(exhaustive.Length, 1, 110);
            Assert.Equal(exhaustive, index.Search(query).Hits.Select(h => (h.EntryId, h.Match.Score)));
            alerts += exhaustive.Length;
        }

        Assert.True(alerts >= 15, $"only {alerts} alerts: too few weights are exercised");
    }

    [Fact]
    public void Search_FindsAListedPersonAcrossScripts_AndHoldsBackANamesakeWithAnotherBirthDate()
    {
        using var index = new NameIndex();
        // \u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A: al-Shadhli bin Umar al-Wartani
        index.AddOrUpdate(new IndexedIdentity("W1", new PersonDescription("\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A", PartialBirthDate.Parse("1975-04-02"), PersonSex.Male), ["Chedli Ben Omar Ouertani"]));
        index.AddOrUpdate(new IndexedIdentity("W2", new PersonDescription("Mohamed Trabelsi", PartialBirthDate.Parse("1980")), []));

        IndexSearchResult same = index.Search(new PersonDescription("Chedli Ben Omar Ouertani", PartialBirthDate.Parse("1975-04-02"), PersonSex.Male));
        IndexSearchResult arabicOnly = index.Search(new PersonDescription("Shadhli bin Umar Wartani", PartialBirthDate.Parse("1975-04-02")));
        IndexSearchResult namesake = index.Search(new PersonDescription("Chedli Ben Omar Ouertani", PartialBirthDate.Parse("1991-01-09"), PersonSex.Male));

        Assert.Equal("W1", Assert.Single(same.Hits).EntryId);
        Assert.Equal(MatchBand.Strong, same.Hits[0].Match.Band);
        Assert.Equal("W1", Assert.Single(arabicOnly.Hits).EntryId);
        Assert.Empty(namesake.Hits);
    }

    [Fact]
    public void Search_UsesTheTravellersOtherNames()
    {
        using var index = new NameIndex();
        // \u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A: Abd al-Qadir al-Jaziri
        index.AddOrUpdate(new IndexedIdentity("A", new PersonDescription("\u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A"), []));

        IndexSearchResult latinOnly = index.Search(new PersonDescription("Karim Zouari"));
        IndexSearchResult withArabic = index.Search(new PersonDescription("Karim Zouari"), ["\u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631 \u0627\u0644\u062C\u0632\u064A\u0631\u064A"]);

        Assert.Empty(latinOnly.Hits);
        Assert.Equal("A", Assert.Single(withArabic.Hits).EntryId);
    }

    [Fact]
    public void AddOrUpdate_ReplacesAnEntry_AndRemove_TakesItOut()
    {
        using var index = new NameIndex();
        index.AddOrUpdate(new IndexedIdentity("X", new PersonDescription("Hamza Ben Faraj Zintani", PartialBirthDate.Parse("1970")), []));
        Assert.Single(index.Search(new PersonDescription("Hamza Zintani", PartialBirthDate.Parse("1970"))).Hits);

        // The date of birth is corrected: the old traveller no longer matches, the corrected one does.
        index.AddOrUpdate(new IndexedIdentity("X", new PersonDescription("Hamza Ben Faraj Zintani", PartialBirthDate.Parse("1988")), []));
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Search(new PersonDescription("Hamza Zintani", PartialBirthDate.Parse("1970"))).Hits);
        Assert.Single(index.Search(new PersonDescription("Hamza Zintani", PartialBirthDate.Parse("1988"))).Hits);

        Assert.True(index.Remove("X"));
        Assert.False(index.Remove("X"));
        Assert.False(index.Contains("X"));
        Assert.Empty(index.Search(new PersonDescription("Hamza Zintani", PartialBirthDate.Parse("1988"))).Hits);
        Assert.Empty(index.SearchExhaustive(new PersonDescription("Hamza Zintani", PartialBirthDate.Parse("1988"))).Hits);
    }

    /// <summary>
    /// A search passes over sound keys none of whose names was born near the traveller, from a copy of the
    /// keys' dates kept with each block. An entry added later with a new date for the same names must be
    /// found by the very next search: the copies those earlier searches made are stale.
    /// </summary>
    [Fact]
    public void Search_SeesADateOfBirthAddedAfterEarlierSearches()
    {
        using NameIndex index = NameIndex.Build([new IndexedIdentity("X", new PersonDescription("Hamza Ben Salah Zintani", PartialBirthDate.Parse("1970-05-03"), PersonSex.Male), [])]);
        var traveller = new PersonDescription("Hamza Ben Salah Zintani", PartialBirthDate.Parse("1988-01-01"), PersonSex.Male);
        Assert.Empty(index.Search(traveller).Hits);

        index.AddOrUpdate(new IndexedIdentity("Y", new PersonDescription("Hamza Ben Salah Zintani", PartialBirthDate.Parse("1988-01-01"), PersonSex.Male), []));

        Assert.Equal("Y", Assert.Single(index.Search(traveller).Hits).EntryId);
    }

    [Fact]
    public void Search_AfterManyRemovals_StillAgreesWithExhaustiveScan()
    {
        (NameIndex index, List<SyntheticPeople.Person> people, SyntheticPeople generator) = Build(900, 21);
        // Remove two thirds (compaction runs on the way), re-add some people under new ids.
        for (int i = 0; i < 900; i++)
        {
            if (i % 3 != 0)
            {
                Assert.True(index.Remove("E" + i));
            }
        }

        for (int i = 0; i < 120; i++)
        {
            index.AddOrUpdate(generator.Entry("N" + i, people[i]));
        }

        Assert.Equal(300 + 120, index.Count);
        List<SyntheticPeople.Person> listed = [.. people.Where((_, i) => i % 3 == 0 || i < 120)];
        int expected = 0, found = 0;
        for (int q = 0; q < 500; q++)
        {
            PersonDescription traveller = generator.Traveller(listed).Traveller;
            HashSet<string> reference = [.. index.SearchExhaustive(traveller).Hits.Select(h => h.EntryId)];
            IndexSearchResult indexed = index.Search(traveller);
            Assert.All(indexed.Hits, h => Assert.Contains(h.EntryId, reference));
            Assert.DoesNotContain(indexed.Hits, h => h.EntryId.StartsWith('E') && int.Parse(h.EntryId[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0);
            expected += reference.Count;
            found += indexed.Hits.Count;
        }

        Assert.True(expected > 40, $"only {expected} exhaustive hits");
        Assert.True(found >= 0.95 * expected, $"index found {found} of {expected}");
    }

    [Theory]
    [InlineData("Mohamed Ben Ali")]
    [InlineData("\u0645\u062D\u0645\u062F \u0628\u0646 \u0639\u0644\u064A")] // Muhammad bin Ali
    [InlineData("Mohamed")]
    [InlineData("Ali")]
    [InlineData("Ben")]
    public void Search_CommonNameQuery_ScoresABoundedCandidateSet(string name)
    {
        (NameIndex index, _, _) = Build(3000, 3);

        IndexSearchResult result = index.Search(new PersonDescription(name), maxCandidates: 200);

        // 3,000 entries hold 12,000 names, thousands with Mohamed or Ali.
        Assert.True(result.CandidateNames <= 200);
        Assert.True(result.PostingsRead < 6000, $"{result.PostingsRead} postings read");
    }

    [Fact]
    public async Task Search_WhileEntriesChange_NeverFails()
    {
        (NameIndex index, List<SyntheticPeople.Person> people, SyntheticPeople generator) = Build(500, 5);
        PersonDescription[] travellers = [.. Enumerable.Range(0, 200).Select(_ => generator.Traveller(people).Traveller)];
        var writerPeople = new SyntheticPeople(99);

        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < 400; i++)
            {
                index.AddOrUpdate(writerPeople.Entry("W" + (i % 50), writerPeople.NextPerson()));
                index.Remove("E" + i);
            }
        });
        int searches = 0;
        Parallel.ForEach(travellers, t =>
        {
            Assert.NotNull(index.Search(t));
            Interlocked.Increment(ref searches);
        });
        await writer;

        Assert.Equal(travellers.Length, searches);
        Assert.Equal(100 + 50, index.Count);
    }

    [Fact]
    public void Build_RepeatedId_KeepsTheLastIdentity()
    {
        using NameIndex index = NameIndex.Build(
        [
            new IndexedIdentity("D", new PersonDescription("Salem Ben Miloud Souihli"), []),
            new IndexedIdentity("D", new PersonDescription("Nabil Ben Faraj Kikli"), []),
        ]);

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Search(new PersonDescription("Salem Ben Miloud Souihli")).Hits);
        Assert.Single(index.Search(new PersonDescription("Nabil Ben Faraj Kikli")).Hits);
    }

    public static TheoryData<string, double> Renderings => new()
    {
        // How a listed person (Arabic-script primary name, French and English aliases) shows up at the post,
        // and the share that must be found with the same date of birth. Measured: 100, 100, 99.75, 99.0 %
        // (passport 91.5 % before a left-out father's name counted at half).
        { "english", 0.99 },
        { "arabic", 0.99 },
        { "passport", 0.97 },
        { "typo", 0.95 },
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public void Search_FindsListedPeopleAsTheyPresent_AndNeverANamesakeWithAnotherBirthDate(string rendering, double expected)
    {
        var generator = new SyntheticPeople(77);
        List<SyntheticPeople.Person> people = [.. Enumerable.Range(0, 1000).Select(_ => generator.NextPerson())];
        using NameIndex index = NameIndex.Build(people.Select((p, i) => generator.Entry("S" + i, p)));
        int found = 0, namesakes = 0;
        for (int i = 0; i < 400; i++)
        {
            SyntheticPeople.Person p = people[i];
            string name = rendering switch
            {
                "english" => SyntheticPeople.English(p),
                "arabic" => SyntheticPeople.Arabic(p),
                "passport" => SyntheticPeople.Passport(p),
                _ => generator.Typo(SyntheticPeople.French(p)),
            };
            string other = DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(800).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            found += index.Search(new PersonDescription(name, PartialBirthDate.Parse(p.BirthDate), p.SexValue)).Hits.Any(h => h.EntryId == "S" + i) ? 1 : 0;
            namesakes += index.Search(new PersonDescription(name, PartialBirthDate.Parse(other), p.SexValue)).Hits.Any(h => h.EntryId == "S" + i) ? 1 : 0;
        }

        Assert.True(found >= expected * 400, $"{rendering}: found {found} of 400");
        Assert.Equal(0, namesakes);
    }

    [Theory]
    [InlineData(NameIndex.DiscoveryThreshold, 0.97)]
    [InlineData(0.75, 0.99)]
    public void Blocking_FindsCrossScriptWordPairsTheMatcherAccepts(double similarity, double recall)
    {
        // Held-out Arabic/Latin word pairs (mostly names from outside the Arab world): of those the word
        // similarity puts at or above a level, the share that also share a blocking key, so that the index
        // can find them. Measured: 0.974 from the discovery threshold, 0.993 from 0.75.
        int pairs = 0, met = 0;
        foreach (string line in File.ReadLines(Maabar.Tests.RepositoryPaths.SharedData("names/ar2en-eval.tsv")))
        {
            string[] f = line.Split('\t');
            if (f.Length < 2)
            {
                continue;
            }

            PreparedWord[] a = NameMatcher.PrepareName(f[0], NameFrequencies.Default).Words, b = NameMatcher.PrepareName(f[1], NameFrequencies.Default).Words;
            if (a.Length != 1 || b.Length != 1 || NameMatcher.WordScore(a[0], b[0]) < similarity)
            {
                continue;
            }

            pairs++;
            met += NameIndex.WordsMeet(b[0], a[0]) ? 1 : 0;
        }

        Assert.True(pairs > 1000, $"{pairs} pairs");
        Assert.True((double)met / pairs >= recall, $"blocking recall {met}/{pairs}");
    }

    private static NameIndex Namesakes(int count) => NameIndex.Build(Enumerable.Range(0, count).Select(i =>
        new IndexedIdentity("N" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), new PersonDescription("JLASSI, Karim", PartialBirthDate.Of(1950 + (i % 50), 3, 1 + (i / 50)), PersonSex.Male), [])));

    [Fact]
    public void Search_WithoutBirthDate_AnswersTheBestRankedAndCountsTheRest()
    {
        using NameIndex index = Namesakes(80);

        IndexSearchResult ranked = index.Search(new PersonDescription("Karim Jlassi"));
        IndexSearchResult all = index.Search(new PersonDescription("Karim Jlassi"), top: int.MaxValue);

        Assert.Equal(NameIndex.DefaultTop, ranked.Hits.Count);
        Assert.Equal(80, ranked.TotalHits);
        Assert.Equal(80, all.Hits.Count);
        Assert.Equal(80, all.TotalHits);
        // The answer is the head of the full ranking, explanations and all.
        Assert.Equal(all.Hits.Take(NameIndex.DefaultTop).Select(h => (h.EntryId, h.Match.Score)), ranked.Hits.Select(h => (h.EntryId, h.Match.Score)));
        Assert.Equal(10, index.Search(new PersonDescription("Karim Jlassi"), top: 10).Hits.Count);
    }

    [Fact]
    public void Search_WithBirthDate_AnswersEveryEntryThatAlerts()
    {
        using NameIndex index = Namesakes(160);

        // Born in 1960, month and day unknown: the three namesakes born that year, and no other.
        IndexSearchResult found = index.Search(new PersonDescription("Karim Jlassi", PartialBirthDate.Parse("1960")), top: 1);
        IndexSearchResult exhaustive = index.SearchExhaustive(new PersonDescription("Karim Jlassi", PartialBirthDate.Parse("1960")));

        Assert.Equal(3, found.Hits.Count);
        Assert.Equal(exhaustive.Hits.Select(h => h.EntryId), found.Hits.Select(h => h.EntryId));
        Assert.Equal(found.Hits.Count, found.TotalHits);
    }

    [Fact]
    public void Search_TopBelowOne_IsRefused()
    {
        using NameIndex index = Namesakes(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new PersonDescription("Karim Jlassi"), top: 0));
    }
}
