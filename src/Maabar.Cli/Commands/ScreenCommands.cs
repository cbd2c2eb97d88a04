using Maabar.Core.Tables;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Maabar.Names;
using Maabar.Names.Synthetic;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar screen</c> and <c>maabar bench names</c>: screening a traveller stream against a watchlist with the name index.</summary>
internal static class ScreenCommands
{
    public static Command CreateScreen(TextWriter output, TextWriter error)
    {
        var watchlist = new Option<FileInfo>("--watchlist") { Description = "Watchlist CSV: id,name,aliases,dob,gender,nationality,father_name,mother_name,document_number (aliases separated by |).", Required = true };
        var travellers = new Option<FileInfo>("--travellers") { Description = "Travellers CSV: the watchlist's columns without aliases.", Required = true };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the hits here instead of standard output." };
        var frequencies = FrequenciesOption();
        var screen = new Command("screen", "Screen travellers against a watchlist: one JSON object per hit per line (travellerId, entryId, score, band, explanation), then a summary on standard error.");
        screen.Options.Add(watchlist);
        screen.Options.Add(travellers);
        screen.Options.Add(outFile);
        screen.Options.Add(frequencies);
        screen.SetAction(async (result, cancellationToken) =>
        {
            FileInfo list = result.GetValue(watchlist)!, people = result.GetValue(travellers)!;
            FileInfo? target = result.GetValue(outFile);
            try
            {
                var summary = new ScreeningSummary();
                long start = Stopwatch.GetTimestamp();
                NameFrequencies model = NameFrequencies.Default;
                if (result.GetValue(frequencies) == ListFrequencies)
                {
                    // A first read of the list teaches the model its own frequent words; the second indexes it.
                    using var reader = new StreamReader(list.FullName);
                    model = Learn(WatchlistCsv.Read(reader));
                }

                summary.Frequencies = model;
                NameIndex index;
                using (var reader = new StreamReader(list.FullName))
                {
                    index = NameIndex.Build(WatchlistCsv.Read(reader), new ProgressBar(error, "indexing", null), model);
                }

                summary.BuildSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                summary.Entries = index.Count;
                await error.WriteLineAsync();

                // Rows are counted first so the progress bar can show how far it is.
                int total = CountRecords(people.FullName);
                TextWriter hits = target is null ? output : new StreamWriter(target.FullName);
                try
                {
                    using var reader = new StreamReader(people.FullName);
                    var progress = new ProgressBar(error, "screening", total);
                    summary.StartScreening();
                    foreach ((string id, PersonDescription traveller) in ReadTravellers(reader))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        long t = Stopwatch.GetTimestamp();
                        IndexSearchResult found = index.Search(traveller);
                        summary.Record(Stopwatch.GetElapsedTime(t).TotalMilliseconds, found);
                        foreach (IndexHit hit in found.Hits)
                        {
                            await hits.WriteLineAsync(JsonSerializer.Serialize(new ScreenHit(id, hit.EntryId, Math.Round(hit.Match.Score, 4), hit.Match.Band, hit.Match.Explanation), CliJson.Options));
                        }

                        progress.Report(summary.Travellers);
                    }

                    summary.EndScreening();
                }
                finally
                {
                    if (target is not null)
                    {
                        await hits.DisposeAsync();
                    }
                }

                await error.WriteLineAsync();
                await error.WriteAsync(summary.Format());
                return MaabarCli.Success;
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync();
                await error.WriteLineAsync("maabar: " + ex.Message);
                return MaabarCli.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("maabar: " + ex.Message);
                return MaabarCli.BadInput;
            }
        });
        return screen;
    }

    public static Command CreateBench(TextWriter output, TextWriter error)
    {
        var entries = new Option<int>("--entries") { Description = "Synthetic watchlist size.", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Synthetic travellers to screen.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 2026 };
        var verify = new Option<int>("--verify") { Description = "Also run this many of the queries as an exhaustive scan and report the index's recall against it.", DefaultValueFactory = _ => 0 };
        var frequencies = FrequenciesOption();
        var warmup = new Option<int>("--warmup") { Description = "Screen at least this many travellers of another seed first, not counted, and go on until the JIT has compiled nothing for a second (at most a hundred times --queries travellers, or a minute): the code is then what a server that has been running runs. 0: no warm-up. The first one's time is printed.", DefaultValueFactory = _ => 50 };
        var undated = new Option<bool>("--without-birth-dates") { Description = "Screen the travellers without their dates of birth (a name search, a document without one): the index cannot pass over names by date, and namesakes alert." };
        var names = new Command("names", "Generate a synthetic watchlist (Tunisian/Libyan-style names in both scripts, about 3 aliases each) and traveller stream (variants of listed people, namesakes, strangers, common-name stress queries), index and screen it, print the summary.");
        names.Options.Add(entries);
        names.Options.Add(queries);
        names.Options.Add(seed);
        names.Options.Add(verify);
        names.Options.Add(frequencies);
        names.Options.Add(warmup);
        names.Options.Add(undated);
        names.SetAction(async (result, cancellationToken) =>
        {
            int n = result.GetValue(entries), q = result.GetValue(queries), check = result.GetValue(verify), warm = result.GetValue(warmup);
            if (n < 1 || q < 1 || check < 0 || warm < 0)
            {
                await error.WriteLineAsync("maabar: --entries and --queries must be at least 1, --verify and --warmup at least 0");
                return MaabarCli.BadInput;
            }

            var people = new SyntheticPeople(result.GetValue(seed));
            var sample = new List<SyntheticPeople.Person>();
            IEnumerable<IndexedIdentity> Stream()
            {
                for (int i = 0; i < n; i++)
                {
                    SyntheticPeople.Person person = people.NextPerson();
                    if (sample.Count < 20_000)
                    {
                        sample.Add(person);
                    }

                    yield return people.Entry("E" + i.ToString(CultureInfo.InvariantCulture), person);
                }
            }

            var summary = new ScreeningSummary();
            long start = Stopwatch.GetTimestamp();

            // The list is generated twice from the seed: once to learn its frequent words, once to index it.
            NameFrequencies model = NameFrequencies.Default;
            if (result.GetValue(frequencies) == ListFrequencies)
            {
                var again = new SyntheticPeople(result.GetValue(seed));
                model = Learn(Enumerable.Range(0, n).Select(i => again.Entry("E" + i.ToString(CultureInfo.InvariantCulture), again.NextPerson())));
            }

            summary.Frequencies = model;
            NameIndex index = NameIndex.Build(Stream(), new ProgressBar(error, "indexing", n), model);
            summary.BuildSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            summary.Entries = index.Count;
            await error.WriteLineAsync();
            GC.Collect();
            summary.ResidentAfterBuild = Process.GetCurrentProcess().WorkingSet64;

            bool withoutDates = result.GetValue(undated);
            var travellers = new List<PersonDescription>(q);
            for (int i = 0; i < q; i++)
            {
                PersonDescription traveller = people.Traveller(sample).Traveller;
                travellers.Add(withoutDates ? traveller with { BirthDate = null } : traveller);
            }

            // Travellers of another seed, drawn from the same listed people: the code is then what a running server runs.
            var other = new SyntheticPeople(result.GetValue(seed) + 1);
            (summary.Warmup, summary.FirstWarmupMilliseconds, summary.WarmupSeconds) = WarmUp(index, () => other.Traveller(sample).Traveller, warm, Math.Max(warm, 100L * q));
            summary.StartScreening();
            var progress = new ProgressBar(error, "screening", q);
            int agreed = 0, exhaustiveHits = 0;
            for (int i = 0; i < q; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long t = Stopwatch.GetTimestamp();
                IndexSearchResult found = index.Search(travellers[i]);
                summary.Record(Stopwatch.GetElapsedTime(t).TotalMilliseconds, found);
                if (i < check)
                {
                    // Against what the search answers: every entry that alerts, or without a date of birth the best
                    // ranked (the exhaustive scan's hits are ordered as the index's, ties by entry id).
                    IEnumerable<IndexHit> expected = index.SearchExhaustive(travellers[i]).Hits;
                    HashSet<string> reference = [.. (travellers[i].BirthDate is null ? expected.Take(NameIndex.DefaultTop) : expected).Select(h => h.EntryId)];
                    exhaustiveHits += reference.Count;
                    agreed += found.Hits.Count(h => reference.Contains(h.EntryId));
                }

                progress.Report(i + 1);
            }

            summary.EndScreening();
            await error.WriteLineAsync();
            await output.WriteAsync(summary.Format());
            if (withoutDates)
            {
                await output.WriteLineAsync("travellers screened without their dates of birth");
            }

            if (check > 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"recall against exhaustive scan: {agreed}/{exhaustiveHits} hits over {Math.Min(check, q)} travellers{(withoutDates ? $" (its best {NameIndex.DefaultTop} each)" : string.Empty)}"));
            }

            GC.KeepAlive(index);
            return MaabarCli.Success;
        });
        return names;
    }

    private const string ListFrequencies = "list";

    /// <summary>
    /// Screens at least <paramref name="least"/> travellers (none when 0), then goes on until the JIT has been
    /// idle for <see cref="JitIdle"/>: the tiered JIT compiles a method three times (quickly, then instrumented,
    /// then optimised), each after enough calls and a pause, so a count of travellers alone may stop while the
    /// search still runs unoptimised code. In a process that compiles other code meanwhile, such as a test run,
    /// it stops at <paramref name="most"/> travellers or <see cref="MaxWarmup"/>.
    /// </summary>
    /// <returns>How many travellers were screened, how long the first took (ms), and the whole (s).</returns>
    private static (int Travellers, double FirstMilliseconds, double Seconds) WarmUp(NameIndex index, Func<PersonDescription> next, int least, long most)
    {
        long start = Stopwatch.GetTimestamp(), lastCompiled = start;
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        int screened = 0;
        double first = 0;
        bool Settled() => Stopwatch.GetElapsedTime(lastCompiled) >= JitIdle || Stopwatch.GetElapsedTime(start) >= MaxWarmup || screened >= most;
        while (screened < least || (least > 0 && !Settled()))
        {
            long t = Stopwatch.GetTimestamp();
            index.Search(next());
            if (screened++ == 0)
            {
                first = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompiled = Stopwatch.GetTimestamp();
            }
        }

        return (screened, first, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>How long the JIT must have compiled nothing before the warm-up ends.</summary>
    private static readonly TimeSpan JitIdle = TimeSpan.FromSeconds(1);

    /// <summary>The longest warm-up, should the JIT never settle.</summary>
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(60);

    private static Option<string> FrequenciesOption()
    {
        var option = new Option<string>("--frequencies")
        {
            Description = "How name words are weighed: 'list' (default) learns the watchlist's own frequent words on top of the shipped corpus counts, as the server does; 'corpus' uses the shipped counts alone, as 'names score' does.",
            DefaultValueFactory = _ => ListFrequencies,
        };
        option.AcceptOnlyFromAmong(ListFrequencies, "corpus");
        return option;
    }

    private static NameFrequencies Learn(IEnumerable<IndexedIdentity> identities)
    {
        var learner = new NameFrequencyLearner();
        foreach (IndexedIdentity identity in identities)
        {
            learner.Add(identity);
        }

        return learner.LearnOnto(NameFrequencies.Default);
    }

    /// <summary>Traveller rows; a malformed row is a <see cref="FormatException"/> naming its line.</summary>
    internal static IEnumerable<(string Id, PersonDescription Traveller)> ReadTravellers(TextReader reader)
    {
        foreach ((int line, Func<string, string?> get) in TableRows.Read(CsvReader.Read(reader), ["id", "name"]))
        {
            string id = get("id") ?? throw new FormatException($"line {line}: id is empty");
            if (PersonColumns.Check(get, string.Empty) is string problem)
            {
                throw new FormatException($"line {line}: {problem}");
            }

            yield return (id, PersonColumns.Describe(get, string.Empty));
        }
    }

    private static int CountRecords(string path)
    {
        using var reader = new StreamReader(path);
        return Math.Max(0, CsvReader.Read(reader).Count() - 1);
    }

    private sealed record ScreenHit(string TravellerId, string EntryId, double Score, MatchBand Band, MatchExplanation Explanation);

    /// <summary>What a screening run reports: sizes, build time, latency percentiles, candidates, peak memory.</summary>
    private sealed class ScreeningSummary
    {
        private readonly List<double> latencies = [];
        private long candidates;
        private int maxCandidates;
        private int truncated;
        private long compiledAtStart;
        private TimeSpan compilingAtStart;

        public int Entries { get; set; }

        public int Travellers => latencies.Count;

        public int Hits { get; private set; }

        /// <summary>Entries that alerted, counted even where a search without a date of birth answered only the best.</summary>
        public long CountedHits { get; private set; }

        public double BuildSeconds { get; set; }

        public long? ResidentAfterBuild { get; set; }

        public NameFrequencies? Frequencies { get; set; }

        public int Warmup { get; set; }

        public double FirstWarmupMilliseconds { get; set; }

        public double WarmupSeconds { get; set; }

        /// <summary>Methods the JIT compiled (or recompiled, optimised) while the counted travellers were screened; null until <see cref="EndScreening"/>.</summary>
        public long? CompiledWhileScreening { get; private set; }

        /// <summary>Time the JIT spent compiling meanwhile, on any thread.</summary>
        public TimeSpan CompilingWhileScreening { get; private set; }

        /// <summary>The counted travellers begin: what the JIT has done so far is noted.</summary>
        public void StartScreening()
        {
            compiledAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();
            compilingAtStart = System.Runtime.JitInfo.GetCompilationTime();
        }

        /// <summary>The counted travellers are done: what the JIT did meanwhile is kept for the summary.</summary>
        public void EndScreening()
        {
            CompiledWhileScreening = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledAtStart;
            CompilingWhileScreening = System.Runtime.JitInfo.GetCompilationTime() - compilingAtStart;
        }

        public void Record(double milliseconds, IndexSearchResult result)
        {
            latencies.Add(milliseconds);
            Hits += result.Hits.Count;
            CountedHits += result.TotalHits;
            candidates += result.CandidateNames;
            maxCandidates = Math.Max(maxCandidates, result.CandidateNames);
            truncated += result.Truncated ? 1 : 0;
        }

        public string Format()
        {
            double[] sorted = [.. latencies.Order()];
            double P(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            var process = Process.GetCurrentProcess();
            var text = new System.Text.StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"entries: {Entries}");
            text.AppendLine(CultureInfo.InvariantCulture, $"travellers: {Travellers}");
            text.AppendLine(CultureInfo.InvariantCulture, $"hits: {Hits} answered, {CountedHits} counted");
            text.AppendLine(CultureInfo.InvariantCulture, $"index build: {BuildSeconds:F2} s");
            if (Frequencies is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"name frequencies: {Frequencies.Version} ({Frequencies.Origin}, {Frequencies.LearnedWords} words weigh less than 1)");
            }

            if (Warmup > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"warm-up: {Warmup} travellers of another seed in {WarmupSeconds:F1} s, until the JIT was idle for {JitIdle.TotalSeconds:F0} s, not counted (the first took {FirstWarmupMilliseconds:F1} ms)");
            }

            if (CompiledWhileScreening is long compiled)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"compiled while screening: {compiled} methods, {CompilingWhileScreening.TotalMilliseconds:F0} ms of JIT time");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"per traveller: p50 {P(0.50):F3} ms, p95 {P(0.95):F3} ms, p99 {P(0.99):F3} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):F3} ms");
            text.AppendLine(CultureInfo.InvariantCulture, $"candidate names scored per traveller: mean {(Travellers == 0 ? 0 : (double)candidates / Travellers):F1}, max {maxCandidates}, capped {truncated}");
            if (ResidentAfterBuild is long resident)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"resident after build: {resident / (1024.0 * 1024):F0} MB");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"peak memory: {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
            return text.ToString();
        }
    }
}
