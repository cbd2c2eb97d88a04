using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Names;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Travellers;

/// <summary>What a desk officer searches travellers by: any of a name (either script), a date of birth, a document number.</summary>
public sealed record TravellerSearch(string? Name = null, string? BirthDate = null, string? DocumentNumber = null);

/// <summary>A traveller found: identity, documents, how many passages and when the last was; the name's score when a name was searched.</summary>
public sealed record TravellerFound(Guid Id, string? FullNameArabic, string? FullNameLatin, string? BirthDate, string? Nationality, IReadOnlyList<string> Documents, int Passages, DateTime? LastPassageUtc, double? NameScore);

/// <summary>The answer to a search: the travellers found, best first, or what was wrong with the search.</summary>
public abstract record TravellerSearchOutcome
{
    private TravellerSearchOutcome()
    {
    }

    /// <summary>The travellers found (at most <see cref="SearchTravellers.MaxResults"/>); <c>Truncated</c> when more matched.</summary>
    public sealed record Found(IReadOnlyList<TravellerFound> Travellers, bool Truncated) : TravellerSearchOutcome;

    /// <summary>The search was refused; nothing was read.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : TravellerSearchOutcome;
}

/// <summary>
/// Finds travellers of the actor's agency. A document number (spaces ignored) and a date of birth (to the precision
/// recorded) must match exactly; among the travellers they select, a name must match as screening would alert (the same
/// matcher, score from <see cref="NameMatcher.PossibleThreshold"/>, any script, any order). A name alone selects the
/// travellers whose stored name holds one of the search's words (three letters or more), most recent first, up to
/// <see cref="MaxNameCandidates"/>, shown best match first: a spelling that shares no word is found with the date of birth.
/// Each search is audited (what was searched by, never the values), and each traveller shown.
/// </summary>
public sealed class SearchTravellers(MaabarDbContext db, TimeProvider clock)
{
    /// <summary>The most travellers one answer shows.</summary>
    public const int MaxResults = 50;

    /// <summary>The most travellers a name-only search weighs.</summary>
    public const int MaxNameCandidates = 5000;

    public async Task<TravellerSearchOutcome> HandleAsync(Actor actor, TravellerSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(search);
        var errors = new List<ValidationError>();
        string? name = string.IsNullOrWhiteSpace(search.Name) ? null : search.Name.Trim();
        string? document = DocumentKey(search.DocumentNumber);
        PartialDate? birth = null;
        if (!string.IsNullOrWhiteSpace(search.BirthDate))
        {
            if (PartialDate.TryParse(search.BirthDate.Trim(), out PartialDate parsed) is { } code)
            {
                errors.Add(new ValidationError(code, "birthDate"));
            }
            else
            {
                birth = parsed;
            }
        }

        string[] words = name is null ? [] : [.. NameNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        if (name is not null && words.Length == 0)
        {
            errors.Add(new ValidationError(ErrorCodes.SearchNameTooShort, "name"));
        }

        if (name is null && document is null && birth is null && errors.Count == 0)
        {
            errors.Add(new ValidationError(ErrorCodes.SearchEmpty, "search"));
        }

        if (errors.Count > 0)
        {
            return new TravellerSearchOutcome.Invalid(errors);
        }

        IQueryable<Traveller> travellers = db.Travellers.AsNoTracking().Where(t => t.Agency == actor.Agency);
        if (document is not null)
        {
            travellers = travellers.Where(t => t.Documents.Any(d => d.Number == document));
        }

        if (birth is { } b)
        {
            travellers = travellers.Where(t => t.BirthDate == b);
        }

        bool nameOnly = document is null && birth is null;
        if (nameOnly)
        {
            // A name alone: the travellers whose stored name keys hold one of the search's longer words.
            string[] keys = [.. words.Where(w => w.Length >= 3).Select(w => w.Replace(" ", string.Empty, StringComparison.Ordinal)).Distinct().Take(4)];
            if (keys.Length == 0)
            {
                return new TravellerSearchOutcome.Invalid([new ValidationError(ErrorCodes.SearchNameTooShort, "name")]);
            }

            travellers = travellers.Where(t => keys.Any(k => t.NameKeyLatin.Contains(k) || t.NameKeyArabic.Contains(k)));
        }

        List<Traveller> candidates = await travellers
            .OrderByDescending(t => t.CreatedUtc)
            .Take(MaxNameCandidates + 1)
            .Include(t => t.Documents)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var scored = new List<(Traveller Traveller, double? Score)>(candidates.Count);
        PreparedPerson? query = name is null ? null : NameMatcher.Prepare(new PersonDescription(name));
        foreach (Traveller t in candidates.Take(MaxNameCandidates))
        {
            double? score = query is null ? null : NameScore(query, t);
            // With a document or a date of birth selecting the travellers, the name must match as screening would have it
            // alert; a name alone selected travellers sharing a word, shown best first however long their names are.
            if (score is null || nameOnly || score >= NameMatcher.PossibleThreshold)
            {
                scored.Add((t, score));
            }
        }

        List<(Traveller Traveller, double? Score)> shown = [.. scored.OrderByDescending(s => s.Score ?? 0).ThenByDescending(s => s.Traveller.CreatedUtc).Take(MaxResults)];
        Guid[] ids = [.. shown.Select(s => s.Traveller.Id)];
        var passages = (await db.Passages.AsNoTracking()
            .Where(p => p.Agency == actor.Agency && ids.Contains(p.TravellerId))
            .GroupBy(p => p.TravellerId)
            .Select(g => new { Id = g.Key, Count = g.Count(), Last = g.Max(p => p.RecordedUtc) })
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id);

        DateTime now = clock.GetUtcNow().UtcDateTime;
        string by = string.Join('+', new[] { name is null ? null : "name", birth is null ? null : "birthDate", document is null ? null : "document" }.OfType<string>());
        db.Audit(actor, now, AuditActions.TravellerSearched, "traveller", "-", "ui.travellers", $"by={by} found={shown.Count}");
        foreach (Guid id in ids)
        {
            db.Audit(actor, now, AuditActions.TravellerRead, "traveller", id.ToString(), "ui.travellers.search");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TravellerSearchOutcome.Found(
            [.. shown.Select(s => new TravellerFound(
                s.Traveller.Id, s.Traveller.FullNameArabic, s.Traveller.FullNameLatin, s.Traveller.BirthDate?.ToString(), s.Traveller.Nationality,
                [.. s.Traveller.Documents.Select(d => $"{d.Number} ({d.IssuingState})")],
                passages.TryGetValue(s.Traveller.Id, out var p) ? p.Count : 0, p?.Last, s.Score))],
            scored.Count > MaxResults || candidates.Count > MaxNameCandidates);
    }

    /// <summary>A document number as identity rules store it (upper case, no spaces; MRZ fillers dropped); null when nothing is left.</summary>
    internal static string? DocumentKey(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        string key = new([.. number.Where(c => !char.IsWhiteSpace(c) && c != '<').Select(char.ToUpperInvariant)]);
        return key.Length == 0 ? null : key;
    }

    private static double NameScore(PreparedPerson query, Traveller traveller)
    {
        double best = 0;
        foreach (string? stored in new[] { traveller.FullNameLatin, traveller.FullNameArabic })
        {
            if (!string.IsNullOrWhiteSpace(stored))
            {
                best = Math.Max(best, NameMatcher.ScorePrepared(query, NameMatcher.Prepare(new PersonDescription(stored))).Score);
            }
        }

        return best;
    }
}
