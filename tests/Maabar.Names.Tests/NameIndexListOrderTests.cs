using Maabar.Tests;

namespace Maabar.Names.Tests;

/// <summary>
/// Issue 20, point 3: a name written in another order than the list's must be found by the index, not only
/// scored by the matcher once found. The list is the real OFAC SDN individuals file (`SURNAME, Given`); the
/// queries are the same names as a document writes them (given names first), in the list's order without
/// its comma (MRZ order), and with the surname moved to the middle, all without a date of birth.
/// </summary>
public sealed class NameIndexListOrderTests
{
    private static readonly Lazy<(NameIndex Index, List<(string Id, string Name)> People)> List = new(Load);

    private static (NameIndex Index, List<(string Id, string Name)> People) Load()
    {
        var people = File.ReadLines(RepositoryPaths.SharedData("names/ofac-sdn-individuals-2024-05-03.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 4 && f[1].Length > 0)
            .Select(f => (Id: f[0], Name: f[1], Aliases: f[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), BirthDate: f[3].Split('|')[0]))
            .ToList();
        NameIndex index = NameIndex.Build(people.Select(p => new IndexedIdentity(p.Id, new PersonDescription(p.Name, PartialBirthDate.ParseOrNull(p.BirthDate)), p.Aliases)));
        return (index, [.. people.Select(p => (p.Id, p.Name))]);
    }

    // The share of names the matcher alerts on, measured on this list: given first 0.9x, list order 0.9x,
    // surname in the middle 0.45 (a surname between given names reads as a nasab chain turned round).
    public static TheoryData<string, double> Orders => new()
    {
        { "given first", 0.9 },
        { "list order without comma", 0.9 },
        { "surname in the middle", 0.4 },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Search_ListedNameInAnotherOrder_IndexFindsWhatTheMatcherAlertsOn(string order, double alertedShare)
    {
        (NameIndex index, List<(string Id, string Name)> people) = List.Value;
        int tried = 0, alerted = 0, found = 0;
        var missed = new List<string>();
        foreach ((string id, string name) in people)
        {
            int comma = name.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0)
            {
                continue;
            }

            string surname = name[..comma].Trim();
            string[] given = name[(comma + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (surname.Length == 0 || given.Length == 0)
            {
                continue;
            }

            string query = order switch
            {
                "given first" => string.Join(' ', given) + " " + surname,
                "list order without comma" => surname + " " + string.Join(' ', given),
                _ => given.Length < 2 ? given[0] + " " + surname : given[0] + " " + surname + " " + string.Join(' ', given[1..]),
            };
            tried++;
            var traveller = new PersonDescription(query);
            // What the matcher says of the listed name itself, the entry's date of birth unknown to the traveller.
            if (NameMatcher.Compare(traveller, new PersonDescription(name), index.Frequencies).Score < NameMatcher.PossibleThreshold)
            {
                continue;
            }

            alerted++;
            if (index.Search(traveller).Hits.Any(h => h.EntryId == id))
            {
                found++;
            }
            else if (missed.Count < 10)
            {
                missed.Add(id);
            }
        }

        // The index finds the names the matcher alerts on, among the best answers of a search without a date of
        // birth (issue 20: at least 99.5 % of the exhaustive scan). Measured: every one given first and in list
        // order; surname in the middle 3,083 of 3,084, the miss "Haroun AL-DIN Mansour ..." where al-Din beside
        // Haroun joins into one compound word, which no blocking key of the listed words meets.
        Assert.True(found >= alerted * 0.999, $"{order}: the index found {found} of {alerted}; missed entries {string.Join(", ", missed)}");
        // ... and that is most of the list.
        Assert.True(tried > 5000, $"{tried} names tried");
        Assert.True(alerted >= tried * alertedShare, $"{order}: the matcher alerts on {alerted} of {tried}");
    }
}
