namespace Maabar.Domain;

/// <summary>A candidate match found by screening, before it is stored as a <see cref="Hit"/>.</summary>
/// <param name="Entry">The entry matched.</param>
/// <param name="Score">Score in [0, 1].</param>
/// <param name="Band">Band at the default thresholds.</param>
/// <param name="Reasons">Machine-readable reason codes, in order of weight.</param>
public sealed record ScreeningMatch(WatchlistEntry Entry, double Score, HitBand Band, IReadOnlyList<string> Reasons);

/// <summary>
/// The foundation's screening rule: the same normalised full name (in the same script) and a date of
/// birth that does not conflict. Deliberately strict; Maabar.Names replaces it with scored matching.
/// Pure and thread-safe.
/// </summary>
public static class ExactScreening
{
    /// <summary>Matches a traveller against entries the caller has already filtered to those the agency may see.</summary>
    /// <param name="traveller">The traveller, with name keys computed.</param>
    /// <param name="entries">Candidate entries.</param>
    /// <param name="latinNameTruncated">True when the Latin name may be cut short (from a full MRZ name field): it then matches as a prefix.</param>
    public static IReadOnlyList<ScreeningMatch> Screen(Traveller traveller, IEnumerable<WatchlistEntry> entries, bool latinNameTruncated = false)
    {
        ArgumentNullException.ThrowIfNull(traveller);
        ArgumentNullException.ThrowIfNull(entries);
        var matches = new List<ScreeningMatch>();
        foreach (WatchlistEntry entry in entries)
        {
            var reasons = new List<string>(2);
            if (traveller.NameKeyArabic.Length > 0 && traveller.NameKeyArabic == entry.NameKeyArabic)
            {
                reasons.Add("name.arabic.exact");
            }

            if (traveller.NameKeyLatin.Length > 0 && traveller.NameKeyLatin == entry.NameKeyLatin)
            {
                reasons.Add("name.latin.exact");
            }
            else if (latinNameTruncated && traveller.NameKeyLatin.Length > 0 && entry.NameKeyLatin.StartsWith(traveller.NameKeyLatin, StringComparison.Ordinal))
            {
                reasons.Add("name.latin.prefix");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            if (traveller.BirthDate is { } tb && entry.BirthDate is { } eb)
            {
                if (!tb.IsCompatibleWith(eb))
                {
                    // A namesake with a conflicting date of birth is not the listed person.
                    continue;
                }

                reasons.Add("birth_date.compatible");
            }
            else
            {
                reasons.Add("birth_date.unknown");
            }

            matches.Add(new ScreeningMatch(entry, 1.0, HitBand.Strong, reasons));
        }

        return matches;
    }
}
