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

    /// <summary>When the hit was raised and the traveller referred to secondary (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>The secondary officer's outcome, once decided.</summary>
    public HitOutcome? Outcome { get; set; }

    /// <summary>The officer's reason for the outcome (free text, personal data: never logged).</summary>
    public string? Reason { get; set; }

    /// <summary>Who decided.</summary>
    public Guid? DecidedBy { get; set; }

    /// <summary>When the outcome was decided (UTC); <see cref="TimeToDecision"/> counts from <see cref="CreatedUtc"/>.</summary>
    public DateTime? DecidedUtc { get; set; }

    /// <summary>The supervisor who confirmed a positive outcome (never the decider).</summary>
    public Guid? ConfirmedBy { get; set; }

    /// <summary>When a positive outcome was confirmed (UTC).</summary>
    public DateTime? ConfirmedUtc { get; set; }

    /// <summary>For an inconclusive hit: when the owner agency's reply is due (UTC).</summary>
    public DateTime? ReplyDueUtc { get; set; }

    /// <summary>The clearance issued on a negative outcome, or the one that suppressed this hit.</summary>
    public Guid? ClearanceId { get; set; }

    /// <summary>The clearance (navigation).</summary>
    public Clearance? Clearance { get; set; }

    /// <summary>Time from referral to the decision, once decided.</summary>
    public TimeSpan? TimeToDecision => DecidedUtc - CreatedUtc;
}
