using System.Globalization;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Domain.Watchlists;
using Maabar.Names;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Watchlists;

/// <summary>What an import did.</summary>
/// <param name="Added">New entries.</param>
/// <param name="Updated">Entries whose content changed (a new version each).</param>
/// <param name="Unchanged">Entries already as the list has them.</param>
/// <param name="Withdrawn">Entries no longer on the list, withdrawn.</param>
/// <param name="Rejected">Records left out, with their reasons.</param>
/// <param name="EntitiesSkipped">Entities (organisations) on the list: travellers are not screened against them.</param>
public sealed record ImportSummary(int Added, int Updated, int Unchanged, int Withdrawn, IReadOnlyList<string> Rejected, int EntitiesSkipped);

/// <summary>
/// Imports the UN Security Council Consolidated List into the node's watchlist: one entry per individual,
/// owned by the importing agency, category UN sanctions, keyed by the UN reference number. A re-import
/// updates changed entries (a new version), leaves unchanged ones alone and withdraws the individuals
/// no longer listed; importing the same file twice changes nothing. Aliases of low quality are kept out
/// of screening (they are nicknames such as "Abu Ali" that would stop thousands). Nationalities come as
/// country names on the list and are not mapped to codes yet. One transaction, with an audit row per
/// changed entry and one for the import.
/// </summary>
public sealed class ImportUnList(MaabarDbContext db, TimeProvider clock)
{
    /// <summary>Imports <paramref name="list"/> for <paramref name="actor"/>'s agency.</summary>
    /// <param name="actor">Who imports (the CLI imports as the node).</param>
    /// <param name="list">The list as read by <see cref="UnListReader"/>.</param>
    /// <param name="progress">Told the number of individuals handled so far.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<ImportSummary> HandleAsync(Actor actor, UnConsolidatedList list, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(list);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Dictionary<string, WatchlistEntry> existing = await db.WatchlistEntries
            .Where(e => e.OwnerAgency == actor.Agency && e.Category == WatchlistCategory.UnSanctions)
            .ToDictionaryAsync(e => e.Reference, StringComparer.Ordinal, cancellationToken);
        var rejected = list.Rejected.Select(r => string.Create(CultureInfo.InvariantCulture, $"line {r.Line}: {r.Reason}")).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, unchanged = 0, withdrawn = 0, done = 0;
        foreach (UnIndividual person in list.Individuals)
        {
            if (!seen.Add(person.Reference))
            {
                rejected.Add($"{person.Reference}: listed twice in the file; the first was kept");
                continue;
            }

            if (person.Reference.Length > 64)
            {
                rejected.Add($"{person.Reference[..20]}...: reference longer than 64 characters");
                continue;
            }

            if (!existing.TryGetValue(person.Reference, out WatchlistEntry? entry))
            {
                entry = new WatchlistEntry { OwnerAgency = actor.Agency, Reference = person.Reference, Category = WatchlistCategory.UnSanctions, CreatedUtc = nowUtc };
                Apply(entry, person);
                db.WatchlistEntries.Add(entry);
                db.Audit(actor, nowUtc, AuditActions.WatchlistEntryCreated, "watchlist-entry", entry.Id.ToString(), "watchlist.import.un");
                added++;
            }
            else
            {
                string before = Fingerprint(entry);
                bool wasWithdrawn = entry.WithdrawnUtc is not null;
                Apply(entry, person);
                entry.WithdrawnUtc = null;
                if (before != Fingerprint(entry) || wasWithdrawn)
                {
                    entry.Version++;
                    db.Audit(actor, nowUtc, AuditActions.WatchlistEntryUpdated, "watchlist-entry", entry.Id.ToString(), "watchlist.import.un",
                        string.Create(CultureInfo.InvariantCulture, $"version={entry.Version}"));
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }

            progress?.Report(++done);
        }

        foreach (WatchlistEntry gone in existing.Values.Where(e => e.WithdrawnUtc is null && !seen.Contains(e.Reference)))
        {
            gone.WithdrawnUtc = nowUtc;
            gone.Version++;
            db.Audit(actor, nowUtc, AuditActions.WatchlistEntryWithdrawn, "watchlist-entry", gone.Id.ToString(), "watchlist.import.un",
                string.Create(CultureInfo.InvariantCulture, $"version={gone.Version}"));
            withdrawn++;
        }

        var summary = new ImportSummary(added, updated, unchanged, withdrawn, rejected, list.Entities.Count);
        db.Audit(actor, nowUtc, AuditActions.WatchlistImported, "watchlist", "un-consolidated", "watchlist.import.un",
            string.Create(CultureInfo.InvariantCulture, $"added={added};updated={updated};unchanged={unchanged};withdrawn={withdrawn};rejected={rejected.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    private static void Apply(WatchlistEntry entry, UnIndividual person)
    {
        bool arabic = person.NameOriginalScript is { } original && NameNormalizer.DetectScript(original) == NameScript.Arabic;
        entry.SetNames(arabic ? person.NameOriginalScript : null, person.Name);
        entry.Aliases = [.. person.Aliases.Where(a => !string.Equals(a.Quality, "Low", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name)
            .Concat(!arabic && person.NameOriginalScript is { } other ? [other] : [])];
        entry.BirthDate = person.BirthDates.Count > 0 && PartialDate.TryParse(person.BirthDates[0], out PartialDate first) is null ? first : null;
        entry.OtherBirthDates = [.. person.BirthDates.Skip(1)];
        entry.Sex = person.Gender switch
        {
            "Male" => Sex.Male,
            "Female" => Sex.Female,
            _ => Sex.Unknown,
        };
        entry.Documents = [.. person.Documents.Select(d => new ListedDocument { Type = Truncate(d.Type, 20), Number = Truncate(d.Number, 30) })];
        entry.LegalBasis = $"UN Security Council sanctions: {person.ListType}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>The material content of an entry, to tell whether an import changed it.</summary>
    private static string Fingerprint(WatchlistEntry e) => string.Join('\u001F',
        e.FullNameArabic, e.FullNameLatin, string.Join('|', e.Aliases), e.BirthDate?.ToString(), string.Join('|', e.OtherBirthDates),
        e.Sex, string.Join('|', e.Documents.Select(d => d.Type + ":" + d.Number)), e.LegalBasis);
}
