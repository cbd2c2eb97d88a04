namespace Maabar.Names;

// Ranking: a search that answers only the best entries scores its candidates best bound first and stops
// once the floor the best so far set cannot be reached by any name left.
public sealed partial class NameIndex
{
    // Highest bound first; among equal bounds the lowest name, so that a search scores in one order whatever the table's.
    private static readonly Comparer<(float Bound, int Name)> BestBoundFirst = Comparer<(float Bound, int Name)>.Create(
        static (a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Name.CompareTo(b.Name));

    /// <summary>
    /// Scores the candidates of <paramref name="scratch"/> best bound first into <paramref name="best"/>, and
    /// stops once no name left could enter the best <paramref name="top"/> entries. Names scored by an earlier
    /// pass of the same search (<see cref="Scratch.Scored"/>) are not scored again: their scores are in <paramref name="best"/>.
    /// </summary>
    /// <remarks>
    /// A candidate's bound is at least its names' similarity. Once <paramref name="top"/> entries alert, the
    /// least of their scores is the <em>floor</em> an entry must reach to be answered; it only rises. A name
    /// whose bound is under the names' similarity that floor asks of its entry (<see cref="NameMatcher.NameFloorFor(PreparedPerson, PreparedPerson, double)"/>,
    /// what its attributes add or take) cannot be answered and is not scored; once the bound is under what the
    /// floor asks of any entry, no name left can be, and the search stops. Ties at the floor are scored (the
    /// answer breaks them by entry id), so the answer is the head of the full ranking, as the exhaustive scan's.
    /// </remarks>
    /// <returns>Names scored, names left unscored, and whether <paramref name="maxCandidates"/> stopped the search first.</returns>
    private (int Scored, int Unscored, bool Truncated) ScoreBestFirst(PreparedPerson person, PreparedName[] names, double minScore, int maxCandidates, int top, Scratch scratch, Dictionary<int, (double Score, int Name, int QueryName)> best)
    {
        // Names an earlier pass of this search scored are in `best` already.
        HashSet<int> done = scratch.Scored;
        PriorityQueue<int, (float Bound, int Name)> queue = scratch.Ranking;
        queue.Clear();
        foreach (KeyValuePair<int, float> candidate in scratch.Candidates)
        {
            if (!done.Contains(candidate.Key))
            {
                queue.Enqueue(candidate.Key, (candidate.Value, candidate.Key));
            }
        }

        // The best `top` entries so far, by score; the least is the floor once there are `top`.
        SortedSet<(double Score, int Entry)> leaders = scratch.Leaders;
        leaders.Clear();
        foreach ((int entry, (double score, _, _)) in best)
        {
            leaders.Add((score, entry));
            if (leaders.Count > top)
            {
                leaders.Remove(leaders.Min);
            }
        }

        double floor = leaders.Count >= top ? leaders.Min.Score : double.NegativeInfinity;
        double anyFloor = leaders.Count >= top ? NameMatcher.NameFloorFor(person, floor) - 1e-6 : double.NegativeInfinity;
        int scored = 0, unscored = 0;
        while (queue.TryDequeue(out int name, out (float Bound, int Name) key))
        {
            int entry = nameEntry[name];
            if (leaders.Count >= top)
            {
                if (key.Bound < anyFloor)
                {
                    unscored += 1 + queue.Count;
                    break;
                }

                if (key.Bound < NameMatcher.NameFloorFor(person, entries[entry]!.Person, floor) - 1e-6)
                {
                    unscored++;
                    continue;
                }
            }

            if (scored == maxCandidates)
            {
                return (scored, unscored + 1 + queue.Count, true);
            }

            scored++;
            done.Add(name);
            double before = best.TryGetValue(entry, out var was) ? was.Score : double.NegativeInfinity;
            // The attributes are read only for names whose similarity reaches what the entry's leave.
            ScoreName(name, person, names, minScore, scratch.EntryFloors.TryGetValue(entry, out double entryFloor) ? entryFloor : double.NegativeInfinity, best);
            if (best.TryGetValue(entry, out var now) && now.Score > before)
            {
                leaders.Remove((before, entry));
                leaders.Add((now.Score, entry));
                if (leaders.Count > top)
                {
                    leaders.Remove(leaders.Min);
                }

                if (leaders.Count >= top)
                {
                    floor = leaders.Min.Score;
                    anyFloor = NameMatcher.NameFloorFor(person, floor) - 1e-6;
                }
            }
        }

        return (scored, unscored, false);
    }
}
