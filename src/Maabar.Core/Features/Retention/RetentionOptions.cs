using System.ComponentModel.DataAnnotations;

namespace Maabar.Core.Features.Retention;

/// <summary>
/// Section <c>Retention</c>: how long each kind of record holding personal data is kept once it is no longer
/// needed, and how often the purge runs. Periods are <see cref="TimeSpan"/> values in configuration: a number
/// of days (<c>1095</c>) or <c>d.hh:mm:ss</c>. Each is at least one day and at most one hundred years.
/// The audit trail is not in here: it is never purged (it is a hash chain and must stay verifiable).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    private const string Min = "1.00:00:00";
    private const string Max = "36500.00:00:00";

    /// <summary>A passage (and its idempotency record) from when it was recorded; default 3 years (the EU entry/exit system keeps its records 3 years). A passage with a hit still kept is kept.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan Passages { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>A decided hit from its final decision (a suppressed hit from when it was raised); default 5 years. Undecided hits, and the hit that issued a clearance still in force, are kept.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan Hits { get; set; } = TimeSpan.FromDays(1826);

    /// <summary>A clearance from when it stopped covering (revoked or refused, its entry changed, withdrawn or expired); default 2 years. A clearance in force (or waiting for approval or acceptance) is kept.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan Clearances { get; set; } = TimeSpan.FromDays(730);

    /// <summary>A partner message's payload from its arrival (the row stays, emptied, so a replay is still recognised); default 90 days. A message still waiting for our reply keeps its payload.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan InboxPayloads { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A sent message's payload from its delivery (or its rejection or expiry); default 90 days. A message not yet delivered keeps its payload.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan OutboxPayloads { get; set; } = TimeSpan.FromDays(90);

    /// <summary>An incident's attachments from the incident's closure; default 3 years. An open incident keeps its attachments.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan Attachments { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>Whether the server runs the purge by itself (default true); <c>maabar retention purge</c> works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the server's purge runs (default 1 day; at least 1 minute). Several instances on one database run it once per period between them.</summary>
    [Range(typeof(TimeSpan), "00:01:00", Max)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
