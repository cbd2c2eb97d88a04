using BenchmarkDotNet.Attributes;
using Maabar.Names;
using Maabar.Names.Synthetic;

namespace Maabar.Benchmarks;

/// <summary>
/// Screening one traveller against a synthetic list of 10,000 entries (about 40,000 names and aliases, both
/// scripts): the index, the exhaustive scan with the same matcher, and a brute-force baseline that runs
/// FuzzySharp's token-set ratio over every name (what a team without an index would write). The ratio of
/// the first to the last is the index's gain.
/// </summary>
[MemoryDiagnoser]
public class NameIndexBenchmarks
{
    private NameIndex index = null!;
    private PersonDescription[] travellers = [];
    private string[] names = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var people = new SyntheticPeople(2026);
        var listed = new List<SyntheticPeople.Person>();
        var identities = new List<IndexedIdentity>();
        for (int i = 0; i < 10_000; i++)
        {
            SyntheticPeople.Person person = people.NextPerson();
            listed.Add(person);
            identities.Add(people.Entry("E" + i, person));
        }

        index = NameIndex.Build(identities);
        names = [.. identities.SelectMany(e => e.Aliases.Prepend(e.Person.Name))];
        travellers = [.. Enumerable.Range(0, 256).Select(_ => people.Traveller(listed).Traveller)];
    }

    private PersonDescription Next() => travellers[next++ & 255];

    [Benchmark(Baseline = true)]
    public int IndexSearch() => index.Search(Next()).Hits.Count;

    [Benchmark]
    public int ExhaustiveScan() => index.SearchExhaustive(Next()).Hits.Count;

    [Benchmark]
    public int FuzzySharpOverEveryName()
    {
        string query = Next().Name;
        int alerts = 0;
        foreach (string name in names)
        {
            alerts += FuzzySharp.Fuzz.TokenSetRatio(query, name) >= 85 ? 1 : 0;
        }

        return alerts;
    }
}
