namespace Maabar.Domain;

/// <summary>One change of a watchlist entry: who, when, which fields, and the entry as it stood after it.</summary>
public sealed class WatchlistEntryRevision
{
    /// <summary>Identifier (UUIDv7: sorts by time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The entry.</summary>
    public Guid WatchlistEntryId { get; init; }

    /// <summary>The entry's version after the change.</summary>
    public int Version { get; init; }

    /// <summary>created, updated, withdrawn, imported.</summary>
    public required string Change { get; init; }

    /// <summary>The names of the fields that changed, comma-separated (camelCase, as in the API).</summary>
    public required string Fields { get; init; }

    /// <summary>The user who changed it (empty for the node itself).</summary>
    public Guid ChangedBy { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime ChangedUtc { get; init; }

    /// <summary>The entry after the change, as JSON (personal data: read only through audited use cases).</summary>
    public required string Snapshot { get; init; }
}

/// <summary>Rules an entry must meet before it is stored.</summary>
public static class WatchlistRules
{
    /// <summary>
    /// A person entry shared with a partner needs more than a bare name: a date of birth (at least the
    /// year), a parent's name or a document number. Without one, every namesake of the partner's
    /// travellers would be stopped with nothing to tell them apart.
    /// </summary>
    /// <param name="entry">The entry.</param>
    public static bool HasMinimumIdentifiers(WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.BirthDate is not null
            || entry.OtherBirthDates.Count > 0
            || !string.IsNullOrWhiteSpace(entry.FatherName)
            || !string.IsNullOrWhiteSpace(entry.MotherName)
            || entry.Documents.Count > 0;
    }

    /// <summary>The identifiers a person entry has, for the namesake-burden report: which of date of birth (full), parents' names, documents are missing.</summary>
    /// <param name="entry">The entry.</param>
    public static IReadOnlyList<string> MissingIdentifiers(WatchlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var missing = new List<string>(3);
        if (entry.BirthDate is not { IsComplete: true })
        {
            missing.Add("birthDate");
        }

        if (string.IsNullOrWhiteSpace(entry.FatherName) && string.IsNullOrWhiteSpace(entry.MotherName))
        {
            missing.Add("parents");
        }

        if (entry.Documents.Count == 0)
        {
            missing.Add("documents");
        }

        return missing;
    }
}
