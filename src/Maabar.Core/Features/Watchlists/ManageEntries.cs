using System.Globalization;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Watchlists;

/// <summary>A watchlist entry as the API returns it (field names as in <see cref="WatchlistEntryInput"/>).</summary>
public sealed record EntryView(
    Guid Id,
    EntryKind Kind,
    WatchlistCategory Category,
    string OwnerAgency,
    string Reference,
    int Version,
    string? FullNameArabic,
    string? FullNameLatin,
    Sex Sex,
    string? Nationality,
    string? FatherName,
    string? GrandfatherName,
    string? MotherName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<ListedDocumentInput> Documents,
    string? VehiclePlate,
    string? VehicleCountry,
    string? LegalBasis,
    DateOnly? ReviewDate,
    DateOnly? ExpiryDate,
    IReadOnlyList<string> ShareWith,
    DateTime CreatedUtc,
    DateTime? WithdrawnUtc);

/// <summary>An entry in a list: no personal data.</summary>
public sealed record EntrySummary(Guid Id, EntryKind Kind, WatchlistCategory Category, string OwnerAgency, string Reference, int Version, bool Shared, DateOnly? ReviewDate, DateOnly? ExpiryDate, bool Withdrawn);

/// <summary>One change in an entry's history.</summary>
public sealed record EntryRevisionView(int Version, string Change, IReadOnlyList<string> Fields, Guid ChangedBy, DateTime ChangedUtc);

/// <summary>The closed set of outcomes of saving an entry.</summary>
public enum SaveEntryOutcome
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,
    ReferenceTaken,
}

/// <summary>What saving an entry did.</summary>
public sealed record SaveEntryResult(SaveEntryOutcome Outcome, EntryView? Entry = null, IReadOnlyList<ValidationError>? Errors = null, bool MaterialChange = false);

/// <summary>
/// Creates and updates the agency's own watchlist entries (supervisors). Validates every field, refuses a
/// bare-name person entry shared with a partner, raises the version on a material change only (names,
/// dates of birth, documents...: the change that ends namesake clearances), and writes a revision with the
/// changed fields and an audit row in the same transaction. The screening index picks the change up on
/// the next passage.
/// </summary>
public sealed class SaveEntry(MaabarDbContext db, TimeProvider clock, NodeCalendar calendar, Federation.Outbox outbox)
{
    public async Task<SaveEntryResult> CreateAsync(Actor actor, WatchlistEntryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsInRole(Roles.Supervisor))
        {
            return new SaveEntryResult(SaveEntryOutcome.Forbidden);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var entry = new WatchlistEntry { OwnerAgency = actor.Agency, Reference = string.Empty, CreatedUtc = nowUtc };
        IReadOnlyList<ValidationError> errors = WatchlistEntryRules.Apply(input, entry, calendar.DayOf(nowUtc), actor.Agency, await KnownAgenciesAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return new SaveEntryResult(SaveEntryOutcome.Invalid, Errors: errors);
        }

        if (await db.WatchlistEntries.AnyAsync(e => e.OwnerAgency == actor.Agency && e.Reference == entry.Reference, cancellationToken))
        {
            return new SaveEntryResult(SaveEntryOutcome.ReferenceTaken, Errors: [new ValidationError(ErrorCodes.EntryReferenceTaken, "reference")]);
        }

        db.WatchlistEntries.Add(entry);
        EntryView view = EntryViews.From(entry);
        AddRevision(actor, entry, "created", EntryViews.Fields(null, view), view, nowUtc);
        outbox.EntryChanged(entry, [], nowUtc);
        db.Audit(actor, nowUtc, AuditActions.WatchlistEntryCreated, "watchlist-entry", entry.Id.ToString(), "watchlist.entry.create",
            string.Create(CultureInfo.InvariantCulture, $"kind={entry.Kind};category={entry.Category};shared={entry.SharedWith.Length > 0}"));
        await db.SaveChangesAsync(cancellationToken);
        return new SaveEntryResult(SaveEntryOutcome.Saved, view, MaterialChange: true);
    }

    public async Task<SaveEntryResult> UpdateAsync(Actor actor, Guid id, WatchlistEntryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        WatchlistEntry? entry = await db.WatchlistEntries.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null || !entry.IsVisibleTo(actor.Agency))
        {
            return new SaveEntryResult(SaveEntryOutcome.NotFound);
        }

        // Only the owner changes an entry; a partner sees it and may ask.
        if (entry.OwnerAgency != actor.Agency || !actor.IsInRole(Roles.Supervisor))
        {
            return new SaveEntryResult(SaveEntryOutcome.Forbidden);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        EntryView before = EntryViews.From(entry);
        IReadOnlyList<string> sharedBefore = entry.SharedWithAgencies;
        string identityBefore = entry.IdentityFingerprint();
        IReadOnlyList<ValidationError> errors = WatchlistEntryRules.Apply(input, entry, calendar.DayOf(nowUtc), actor.Agency, await KnownAgenciesAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return new SaveEntryResult(SaveEntryOutcome.Invalid, Errors: errors);
        }

        if (entry.Reference != before.Reference
            && await db.WatchlistEntries.AnyAsync(e => e.OwnerAgency == actor.Agency && e.Reference == entry.Reference && e.Id != entry.Id, cancellationToken))
        {
            return new SaveEntryResult(SaveEntryOutcome.ReferenceTaken, Errors: [new ValidationError(ErrorCodes.EntryReferenceTaken, "reference")]);
        }

        bool material = identityBefore != entry.IdentityFingerprint();
        if (material)
        {
            entry.Version++;
        }

        EntryView after = EntryViews.From(entry);
        IReadOnlyList<string> fields = EntryViews.Fields(before, after);
        if (fields.Count > 0)
        {
            AddRevision(actor, entry, "updated", fields, after, nowUtc);
            outbox.EntryChanged(entry, sharedBefore, nowUtc);
            db.Audit(actor, nowUtc, AuditActions.WatchlistEntryUpdated, "watchlist-entry", entry.Id.ToString(), "watchlist.entry.update",
                string.Create(CultureInfo.InvariantCulture, $"version={entry.Version};material={material};fields={string.Join('|', fields)}"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SaveEntryResult(SaveEntryOutcome.Saved, after, MaterialChange: material);
    }

    private void AddRevision(Actor actor, WatchlistEntry entry, string change, IReadOnlyList<string> fields, EntryView view, DateTime nowUtc) =>
        db.WatchlistEntryRevisions.Add(new WatchlistEntryRevision
        {
            WatchlistEntryId = entry.Id,
            Version = entry.Version,
            Change = change,
            Fields = string.Join(',', fields),
            ChangedBy = actor.UserId,
            ChangedUtc = nowUtc,
            Snapshot = JsonSerializer.Serialize(view),
        });

    private async Task<IReadOnlyCollection<string>> KnownAgenciesAsync(CancellationToken cancellationToken)
    {
        List<string> agencies = await db.Users.Select(u => u.Agency).Distinct().ToListAsync(cancellationToken);
        return [.. agencies.Append(AgencyCode.Tunisia).Append(AgencyCode.Libya).Concat(outbox.Partners).Distinct(StringComparer.Ordinal)];
    }
}

/// <summary>Reads entries the actor's agency may see: its own and those shared with it. Reading one is audited; lists carry no personal data.</summary>
public sealed class ReadEntries(MaabarDbContext db, TimeProvider clock)
{
    public const int MaxLimit = 500;

    /// <summary>Roles that may open an entry's record (names, dates of birth, documents).</summary>
    public static bool MayReadRecords(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Officer) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.LiaisonOfficer);
    }

    public async Task<EntryView?> GetAsync(Actor actor, Guid id, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        WatchlistEntry? entry = await db.WatchlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null || !entry.IsVisibleTo(actor.Agency) || !MayReadRecords(actor))
        {
            return null;
        }

        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.WatchlistEntryRead, "watchlist-entry", entry.Id.ToString(), purpose);
        await db.SaveChangesAsync(cancellationToken);
        return EntryViews.From(entry);
    }

    public async Task<IReadOnlyList<EntrySummary>> ListAsync(Actor actor, string? reference, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        limit = Math.Clamp(limit, 1, MaxLimit);
        offset = Math.Max(0, offset);
        string agency = actor.Agency;

        // Shared scope is a comma list: match the code as a whole item.
        IQueryable<WatchlistEntry> visible = db.WatchlistEntries.AsNoTracking().Where(e =>
            e.OwnerAgency == agency || e.SharedWith == agency || e.SharedWith.StartsWith(agency + ",") || e.SharedWith.EndsWith("," + agency) || e.SharedWith.Contains("," + agency + ","));
        if (!string.IsNullOrWhiteSpace(reference))
        {
            string r = reference.Trim();
            visible = visible.Where(e => e.Reference == r);
        }

        return await visible.OrderBy(e => e.OwnerAgency).ThenBy(e => e.Reference).Skip(offset).Take(limit)
            .Select(e => new EntrySummary(e.Id, e.Kind, e.Category, e.OwnerAgency, e.Reference, e.Version, e.SharedWith != "", e.ReviewDate, e.ExpiryDate, e.WithdrawnUtc != null))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EntryRevisionView>?> HistoryAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        WatchlistEntry? entry = await db.WatchlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null || !entry.IsVisibleTo(actor.Agency) || !MayReadRecords(actor))
        {
            return null;
        }

        List<WatchlistEntryRevision> revisions = await db.WatchlistEntryRevisions.AsNoTracking().Where(r => r.WatchlistEntryId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.WatchlistEntryRead, "watchlist-entry", entry.Id.ToString(), "watchlist.entry.history");
        await db.SaveChangesAsync(cancellationToken);
        return [.. revisions.Select(r => new EntryRevisionView(r.Version, r.Change, r.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries), r.ChangedBy, r.ChangedUtc))];
    }
}

internal static class EntryViews
{
    public static EntryView From(WatchlistEntry e) => new(
        e.Id,
        e.Kind,
        e.Category,
        e.OwnerAgency,
        e.Reference,
        e.Version,
        e.FullNameArabic,
        e.FullNameLatin,
        e.Sex,
        e.Nationality,
        e.FatherName,
        e.GrandfatherName,
        e.MotherName,
        [.. e.Aliases],
        [.. (e.BirthDate is { } b ? new[] { b.ToString() } : []).Concat(e.OtherBirthDates)],
        [.. e.Documents.Select(d => new ListedDocumentInput(d.Type, d.Number, d.IssuingState))],
        e.VehiclePlate,
        e.VehicleCountry,
        e.LegalBasis,
        e.ReviewDate,
        e.ExpiryDate,
        e.SharedWithAgencies,
        e.CreatedUtc,
        e.WithdrawnUtc);

    /// <summary>The API names of the fields that differ (all non-empty ones when <paramref name="before"/> is null).</summary>
    public static IReadOnlyList<string> Fields(EntryView? before, EntryView after)
    {
        var fields = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!string.Equals(Text(a), Text(b), StringComparison.Ordinal))
            {
                fields.Add(name);
            }
        }

        Compare("kind", before?.Kind, after.Kind);
        Compare("category", before?.Category, after.Category);
        Compare("reference", before?.Reference, after.Reference);
        Compare("fullNameArabic", before?.FullNameArabic, after.FullNameArabic);
        Compare("fullNameLatin", before?.FullNameLatin, after.FullNameLatin);
        Compare("sex", before?.Sex, after.Sex);
        Compare("nationality", before?.Nationality, after.Nationality);
        Compare("fatherName", before?.FatherName, after.FatherName);
        Compare("grandfatherName", before?.GrandfatherName, after.GrandfatherName);
        Compare("motherName", before?.MotherName, after.MotherName);
        Compare("aliases", before?.Aliases, after.Aliases);
        Compare("birthDates", before?.BirthDates, after.BirthDates);
        Compare("documents", before?.Documents, after.Documents);
        Compare("vehiclePlate", before?.VehiclePlate, after.VehiclePlate);
        Compare("vehicleCountry", before?.VehicleCountry, after.VehicleCountry);
        Compare("legalBasis", before?.LegalBasis, after.LegalBasis);
        Compare("reviewDate", before?.ReviewDate, after.ReviewDate);
        Compare("expiryDate", before?.ExpiryDate, after.ExpiryDate);
        Compare("shareWith", before?.ShareWith, after.ShareWith);
        return fields;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        System.Collections.IEnumerable list and not string => string.Join('|', list.Cast<object?>().Select(Text)) is { Length: > 0 } joined ? joined : null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
