namespace Maabar.Domain;

/// <summary>
/// One side of a crossing as its agency has set it: open, restricted, humanitarian-only or closed, with the
/// reason, since when, the expected reopening and the categories of traveller allowed during a restriction.
/// Each agency sets its own side; the partner's side arrives as a crossing-status notice, so that both nodes
/// show the same board.
/// </summary>
public sealed class CrossingSideStatus
{
    /// <summary>The crossing point.</summary>
    public required string CrossingPointId { get; init; }

    /// <summary>The agency whose side this is.</summary>
    public required string Agency { get; init; }

    /// <summary>The side's status.</summary>
    public CrossingStatus Status { get; set; } = CrossingStatus.Open;

    /// <summary>Why (free text shown on the public page: no personal data).</summary>
    public string? Reason { get; set; }

    /// <summary>Since when (UTC).</summary>
    public DateTime SinceUtc { get; set; }

    /// <summary>The expected reopening (UTC), when known.</summary>
    public DateTime? ExpectedReopeningUtc { get; set; }

    /// <summary>Allowed categories during a restriction (see <see cref="CrossingRules.Categories"/>), comma-separated.</summary>
    public string AllowedCategories { get; set; } = string.Empty;

    /// <summary>Who set it (empty when a partner's notice set it).</summary>
    public Guid SetBy { get; set; }
}

/// <summary>One change of a crossing side's or lane's status: the board's history.</summary>
public sealed class CrossingStatusChange
{
    /// <summary>Identifier (UUIDv7: sorts by time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The crossing point.</summary>
    public required string CrossingPointId { get; init; }

    /// <summary>The agency whose side changed.</summary>
    public required string Agency { get; init; }

    /// <summary>The lane, when one lane changed; null for the whole side.</summary>
    public string? LaneCode { get; init; }

    /// <summary>The new status.</summary>
    public CrossingStatus Status { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>The expected reopening (UTC).</summary>
    public DateTime? ExpectedReopeningUtc { get; init; }

    /// <summary>Allowed categories during a restriction, comma-separated.</summary>
    public string AllowedCategories { get; init; } = string.Empty;

    /// <summary>Who changed it (empty for a partner's notice).</summary>
    public Guid ChangedBy { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime ChangedUtc { get; init; }
}

/// <summary>Rules of crossing status.</summary>
public static class CrossingRules
{
    /// <summary>Categories of traveller a restricted crossing may still let through.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["humanitarian", "medical", "diplomatic", "freight"];

    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Every status with the name the API and the forms spell it with.</summary>
    public static IReadOnlyList<(string Name, CrossingStatus Status)> Statuses { get; } =
        [("open", CrossingStatus.Open), ("restricted", CrossingStatus.Restricted), ("humanitarian-only", CrossingStatus.HumanitarianOnly), ("closed", CrossingStatus.Closed)];

    /// <summary>The status as the API spells it (open, restricted, humanitarian-only, closed; humanitarianonly too), or null.</summary>
    /// <param name="text">The text.</param>
    public static CrossingStatus? ParseStatus(string? text)
    {
        string? name = text?.Trim().ToLowerInvariant();
        name = name == "humanitarianonly" ? "humanitarian-only" : name;
        foreach ((string known, CrossingStatus status) in Statuses)
        {
            if (known == name)
            {
                return status;
            }
        }

        return null;
    }

    /// <summary>
    /// The categories of traveller a side and lane let through, or null when anyone may pass (open). Closed
    /// admits nobody (an empty set). Humanitarian-only admits humanitarian cases and any category the
    /// supervisor added; restricted admits the listed categories, or every special category when none was
    /// listed (ordinary travellers never). A lane has no list of its own: humanitarian-only admits
    /// humanitarian cases, restricted every special category; it narrows the side's, both must admit.
    /// </summary>
    /// <param name="side">The side's status.</param>
    /// <param name="sideCategories">The side's allowed categories, comma-separated.</param>
    /// <param name="lane">The lane's status.</param>
    public static IReadOnlySet<string>? Admitted(CrossingStatus side, string? sideCategories, CrossingStatus lane)
    {
        string[] listed = (sideCategories ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        HashSet<string>? bySide = Of(side, listed);
        HashSet<string>? byLane = Of(lane, []);
        if (bySide is null)
        {
            return byLane;
        }

        if (byLane is not null)
        {
            bySide.IntersectWith(byLane);
        }

        return bySide;

        static HashSet<string>? Of(CrossingStatus status, string[] listed) => status switch
        {
            CrossingStatus.Closed => new HashSet<string>(StringComparer.Ordinal),
            CrossingStatus.HumanitarianOnly => new HashSet<string>(listed.Append("humanitarian"), StringComparer.Ordinal),
            CrossingStatus.Restricted => new HashSet<string>(listed.Length > 0 ? listed : Categories, StringComparer.Ordinal),
            _ => null,
        };
    }

    /// <summary>The traveller category as the API spells it, or null for an ordinary traveller; <paramref name="valid"/> false when unknown.</summary>
    /// <param name="text">The text.</param>
    /// <param name="valid">False when the text names no category.</param>
    public static string? ParseCategory(string? text, out bool valid)
    {
        string? category = string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();
        valid = category is null || Categories.Contains(category);
        return valid ? category : null;
    }

    /// <summary>The longest time one traveller is assumed to take at a lane: gaps longer than this are idle time.</summary>
    public static readonly TimeSpan MaxServiceTime = TimeSpan.FromMinutes(3);

    /// <summary>
    /// An estimate of the wait at a lane from its recent passages. While a queue stands, consecutive passages
    /// are one service time apart, so the service time is the lower quartile of the gaps between passages
    /// (at most <see cref="MaxServiceTime"/>: longer gaps are an idle lane); the load is the share of the
    /// window spent serving; the wait is a single-server queue's (M/M/1) at that load,
    /// W = load / (1 - load) x service time, capped at four hours when the lane is saturated (the queue itself
    /// is not seen, only that it never empties). Null without at least three passages in the window.
    /// </summary>
    /// <param name="recordedUtc">The lane's passage times in the window, any order.</param>
    /// <param name="window">The window's length.</param>
    public static (TimeSpan ServiceTime, double Load, TimeSpan Wait)? EstimateWait(IReadOnlyList<DateTime> recordedUtc, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(recordedUtc);
        if (recordedUtc.Count < 3 || window <= TimeSpan.Zero)
        {
            return null;
        }

        DateTime[] times = [.. recordedUtc.Order()];
        double[] gaps = [.. times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).Where(g => g > 0).Order()];
        if (gaps.Length == 0)
        {
            return null;
        }

        double service = Math.Min(gaps[gaps.Length / 4], MaxServiceTime.TotalSeconds);
        double load = Math.Min(1, times.Length * service / window.TotalSeconds);
        double wait = load >= 0.95 ? TimeSpan.FromHours(4).TotalSeconds : Math.Min(TimeSpan.FromHours(4).TotalSeconds, load / (1 - load) * service);
        return (TimeSpan.FromSeconds(service), load, TimeSpan.FromSeconds(wait));
    }
}
