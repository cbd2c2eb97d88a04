namespace Maabar.Domain;

/// <summary>A candidate match between a passage's traveller and a watchlist entry.</summary>
public sealed class Hit
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The passage.</summary>
    public Guid PassageId { get; init; }

    /// <summary>The entry hit.</summary>
    public Guid WatchlistEntryId { get; init; }

    /// <summary>The entry (navigation).</summary>
    public WatchlistEntry? WatchlistEntry { get; init; }

    /// <summary>The entry's version when hit.</summary>
    public int EntryVersion { get; init; }

    /// <summary>Score in [0, 1].</summary>
    public double Score { get; init; }

    /// <summary>Band at the default thresholds.</summary>
    public HitBand Band { get; init; }

    /// <summary>Why: the name engine's explanation as JSON (see <see cref="ScreeningDescriptions.Store"/>).</summary>
    public required string Explanation { get; init; }

    /// <summary>Adjudication status.</summary>
    public HitStatus Status { get; set; } = HitStatus.Open;

    /// <summary>When the hit was raised (UTC).</summary>
    public DateTime CreatedUtc { get; init; }
}
