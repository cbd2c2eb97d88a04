using System.Globalization;
using System.Text.Json;
using Maabar.Documents;
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
/// Imports lists into the node's watchlist. The UN Security Council Consolidated List: one entry per individual,
/// owned by the importing agency, category UN sanctions, keyed by the UN reference number. A re-import
/// updates changed entries (a new version), leaves unchanged ones alone and withdraws the individuals
/// no longer listed; importing the same file twice changes nothing. Aliases of low quality are kept out
/// of screening (they are nicknames such as "Abu Ali" that would stop thousands). Nationalities come as
/// country names on the list and are mapped to ISO codes (<see cref="CountryNames"/>). One transaction, with an audit row per
/// changed entry and one for the import. CSV files (the columns of <c>maabar screen</c>) import with one
/// category, keyed by their id, and withdraw nothing.
/// </summary>
public sealed class ImportWatchlist(MaabarDbContext db, TimeProvider clock, Federation.Outbox outbox)
{
    /// <summary>Imports <paramref name="list"/> for <paramref name="actor"/>'s agency.</summary>
    /// <param name="actor">Who imports (the CLI imports as the node).</param>
    /// <param name="list">The list as read by <see cref="UnListReader"/>.</param>
    /// <param name="progress">Told the number of individuals handled so far.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<ImportSummary> HandleAsync(Actor actor, UnConsolidatedList list, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        IEnumerable<(string, Action<WatchlistEntry>)> records = list.Individuals.Select(p => (p.Reference, (Action<WatchlistEntry>)(e => Apply(e, p))));
        var rejected = list.Rejected.Select(r => string.Create(CultureInfo.InvariantCulture, $"line {r.Line}: {r.Reason}")).ToList();
        return ImportAsync(actor, WatchlistCategory.UnSanctions, "watchlist.import.un", records, withdrawMissing: true, rejected, list.Entities.Count, progress, cancellationToken);
    }

    /// <summary>
    /// Imports a list file as uploaded (API or page): <paramref name="format"/> <c>un-xml</c> or <c>csv</c>
    /// (with <paramref name="category"/>). The whole file is read before anything is written: a malformed file
    /// changes nothing and comes back as <see cref="ErrorCodes.ImportMalformed"/> with the reader's message
    /// (its line; no personal data beyond the value it could not read).
    /// </summary>
    public async Task<(ImportSummary? Summary, string? Error, string? Field, string? Detail)> HandleFileAsync(Actor actor, string? format, string? category, TextReader file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.Equals(format, "un-xml", StringComparison.OrdinalIgnoreCase))
        {
            return (null, format is null ? ErrorCodes.Required : ErrorCodes.QueryInvalid, "format", null);
        }

        WatchlistCategory? parsed = csv ? WatchlistEntryRules.ParseCategory(category) : WatchlistCategory.UnSanctions;
        if (parsed is null)
        {
            return (null, category is null ? ErrorCodes.Required : ErrorCodes.CategoryInvalid, "category", null);
        }

        try
        {
            return csv
                ? (await HandleAsync(actor, parsed.Value, [.. Tables.WatchlistCsv.Read(file)], null, cancellationToken), null, null, null)
                : (await HandleAsync(actor, UnListReader.Read(file), null, cancellationToken), null, null, null);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException)
        {
            string detail = $"{ex.GetType().Name}: {ex.Message}";
            return (null, ErrorCodes.ImportMalformed, "file", detail.Length <= 200 ? detail : detail[..200]);
        }
    }

    /// <summary>
    /// Imports identities (the CSV columns of <c>maabar screen</c>) with one category: adds new references,
    /// updates changed ones; nothing is withdrawn (a CSV file need not hold the whole list).
    /// </summary>
    /// <param name="actor">Who imports.</param>
    /// <param name="category">The category every entry gets.</param>
    /// <param name="identities">Identities keyed by id (the entry's reference).</param>
    /// <param name="progress">Told the number of identities handled so far.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<ImportSummary> HandleAsync(Actor actor, WatchlistCategory category, IEnumerable<IndexedIdentity> identities, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        IEnumerable<(string, Action<WatchlistEntry>)> records = identities.Select(i => (i.Id, (Action<WatchlistEntry>)(e => Apply(e, i))));
        return ImportAsync(actor, category, "watchlist.import.csv", records, withdrawMissing: false, [], 0, progress, cancellationToken);
    }

    private async Task<ImportSummary> ImportAsync(Actor actor, WatchlistCategory category, string purpose, IEnumerable<(string Reference, Action<WatchlistEntry> Apply)> records, bool withdrawMissing, List<string> rejected, int entitiesSkipped, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Dictionary<string, WatchlistEntry> existing = await db.WatchlistEntries
            .Where(e => e.OwnerAgency == actor.Agency && e.Category == category)
            .ToDictionaryAsync(e => e.Reference, StringComparer.Ordinal, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, unchanged = 0, withdrawn = 0, done = 0;
        foreach ((string reference, Action<WatchlistEntry> apply) in records)
        {
            if (!seen.Add(reference))
            {
                rejected.Add($"{reference}: listed twice in the file; the first was kept");
                continue;
            }

            if (reference.Length > 64)
            {
                rejected.Add($"{reference[..20]}...: reference longer than 64 characters");
                continue;
            }

            if (!existing.TryGetValue(reference, out WatchlistEntry? entry))
            {
                entry = new WatchlistEntry { OwnerAgency = actor.Agency, Reference = reference, Category = category, CreatedUtc = nowUtc };
                apply(entry);
                db.WatchlistEntries.Add(entry);
                AddRevision(actor, entry, "imported", null, nowUtc);
                db.Audit(actor, nowUtc, AuditActions.WatchlistEntryCreated, "watchlist-entry", entry.Id.ToString(), purpose);
                added++;
            }
            else
            {
                EntryView beforeView = EntryViews.From(entry);
                string before = Fingerprint(entry);
                string identityBefore = entry.IdentityFingerprint();
                bool wasWithdrawn = entry.WithdrawnUtc is not null;
                apply(entry);
                entry.WithdrawnUtc = null;
                if (before != Fingerprint(entry) || wasWithdrawn)
                {
                    // Only a change of what identifies the person is material (it ends namesake clearances).
                    if (identityBefore != entry.IdentityFingerprint() || wasWithdrawn)
                    {
                        entry.Version++;
                    }

                    AddRevision(actor, entry, "updated", beforeView, nowUtc);
                    outbox.EntryChanged(entry, beforeView.ShareWith, nowUtc);

                    db.Audit(actor, nowUtc, AuditActions.WatchlistEntryUpdated, "watchlist-entry", entry.Id.ToString(), purpose,
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

        if (withdrawMissing)
        {
            foreach (WatchlistEntry gone in existing.Values.Where(e => e.WithdrawnUtc is null && !seen.Contains(e.Reference)))
            {
                gone.WithdrawnUtc = nowUtc;
                gone.Version++;
                outbox.EntryChanged(gone, gone.SharedWithAgencies, nowUtc);
                db.WatchlistEntryRevisions.Add(new WatchlistEntryRevision
                {
                    WatchlistEntryId = gone.Id,
                    Version = gone.Version,
                    Change = "withdrawn",
                    Fields = "withdrawn",
                    ChangedBy = actor.UserId,
                    ChangedUtc = nowUtc,
                    Snapshot = JsonSerializer.Serialize(EntryViews.From(gone)),
                });
                db.Audit(actor, nowUtc, AuditActions.WatchlistEntryWithdrawn, "watchlist-entry", gone.Id.ToString(), purpose,
                    string.Create(CultureInfo.InvariantCulture, $"version={gone.Version}"));
                withdrawn++;
            }
        }

        var summary = new ImportSummary(added, updated, unchanged, withdrawn, rejected, entitiesSkipped);
        db.Audit(actor, nowUtc, AuditActions.WatchlistImported, "watchlist", purpose, purpose,
            string.Create(CultureInfo.InvariantCulture, $"added={added};updated={updated};unchanged={unchanged};withdrawn={withdrawn};rejected={rejected.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    private static void Apply(WatchlistEntry entry, IndexedIdentity identity)
    {
        PersonDescription person = identity.Person;
        bool arabic = NameNormalizer.DetectScript(person.Name) == NameScript.Arabic;
        entry.SetNames(arabic ? person.Name : null, arabic ? null : person.Name);
        entry.Aliases = [.. identity.Aliases];
        entry.BirthDate = person.BirthDate is PartialBirthDate known && PartialDate.TryParse(known.ToString(), out PartialDate birth) is null ? birth : null;
        entry.OtherBirthDates = [];
        entry.Sex = person.Sex switch
        {
            PersonSex.Male => Sex.Male,
            PersonSex.Female => Sex.Female,
            PersonSex.Unknown => Sex.Unknown,
        };
        entry.Nationality = person.Nationality;
        entry.FatherName = person.FatherName;
        entry.MotherName = person.MotherName;
        entry.Documents = person.DocumentNumber is { } number ? [new ListedDocument { Type = "unknown", Number = Truncate(number, 30) }] : [];
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

        // The list writes nationalities by name; the first one with a known ISO code is kept.
        entry.Nationality = person.Nationalities.Select(CountryNames.ToAlpha3).FirstOrDefault(code => code is not null);
        entry.LegalBasis = $"UN Security Council sanctions: {person.ListType}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>The material content of an entry, to tell whether an import changed it.</summary>
    private void AddRevision(Actor actor, WatchlistEntry entry, string change, EntryView? before, DateTime nowUtc)
    {
        EntryView after = EntryViews.From(entry);
        db.WatchlistEntryRevisions.Add(new WatchlistEntryRevision
        {
            WatchlistEntryId = entry.Id,
            Version = entry.Version,
            Change = change,
            Fields = string.Join(',', EntryViews.Fields(before, after)),
            ChangedBy = actor.UserId,
            ChangedUtc = nowUtc,
            Snapshot = JsonSerializer.Serialize(after),
        });
    }

    private static string Fingerprint(WatchlistEntry e) => e.IdentityFingerprint() + '\u001F' + e.LegalBasis;
}
