namespace Maabar.Domain;

/// <summary>Where an outgoing message stands.</summary>
public enum OutboxStatus
{
    /// <summary>Not yet acknowledged by the partner; the dispatcher keeps trying.</summary>
    Pending = 1,

    /// <summary>The partner acknowledged it (applied, or already had it).</summary>
    Delivered = 2,

    /// <summary>The partner refused it for good (bad signature, unknown type...): it will not be sent again.</summary>
    Rejected = 3,

    /// <summary>Not delivered within the message lifetime: given up by policy.</summary>
    Expired = 4,
}

/// <summary>
/// A message to one partner agency, written in the same transaction as the change that causes it and sent
/// by the dispatcher until acknowledged. <see cref="Sequence"/> orders a sender's messages: the dispatcher
/// sends each partner's messages in sequence order, one after the other, so an update never overtakes its create.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Order of writing (database-generated).</summary>
    public long Sequence { get; init; }

    /// <summary>The message id (UUIDv7), the same on both nodes.</summary>
    public Guid MessageId { get; init; } = Guid.CreateVersion7();

    /// <summary>The recipient agency.</summary>
    public required string Recipient { get; init; }

    /// <summary>The message type (see <c>MessageTypes</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The payload's contract version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The message this one answers, if any.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>When written (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>When the partner's reply is due, for types that expect one (UTC).</summary>
    public DateTime? ReplyDueUtc { get; init; }

    /// <summary>The payload as JSON (personal data: never logged).</summary>
    public required string Payload { get; init; }

    /// <summary>Delivery state.</summary>
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time (UTC): the backoff after a failed attempt.</summary>
    public DateTime NextAttemptUtc { get; set; }

    /// <summary>The last attempt's failure, as a code (no personal data).</summary>
    public string? LastError { get; set; }

    /// <summary>When acknowledged (UTC).</summary>
    public DateTime? DeliveredUtc { get; set; }
}

/// <summary>A message received from a partner: recorded once by id, applied in the same transaction.</summary>
public sealed class InboxMessage
{
    /// <summary>The sender's message id.</summary>
    public Guid MessageId { get; init; }

    /// <summary>The sender agency.</summary>
    public required string Sender { get; init; }

    /// <summary>The agency it was addressed to: this node's.</summary>
    public required string Recipient { get; init; }

    /// <summary>The message type.</summary>
    public required string Type { get; init; }

    /// <summary>The payload's contract version.</summary>
    public int Version { get; init; }

    /// <summary>The message it answers, if any.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>When the sender wrote it (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>When it arrived (UTC).</summary>
    public DateTime ReceivedUtc { get; init; }

    /// <summary>When the sender expects our reply (UTC).</summary>
    public DateTime? ReplyDueUtc { get; init; }

    /// <summary>The sender's sequence number.</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// The sender's sequence of its previous message to this node, as the envelope (format 2) signed it; null for its
    /// first or a format-1 envelope. A previous sequence never received is a gap the liaison desk shows.
    /// </summary>
    public long? PreviousSequence { get; init; }

    /// <summary>The payload as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>When our reply was written (UTC), for types that expect one.</summary>
    public DateTime? RepliedUtc { get; set; }
}

/// <summary>The link to one partner as this node sees it, and the dispatcher's lease on it.</summary>
public sealed class PartnerLink
{
    /// <summary>The partner agency.</summary>
    public required string Agency { get; init; }

    /// <summary>Last acknowledged delivery (UTC).</summary>
    public DateTime? LastSuccessUtc { get; set; }

    /// <summary>Last failed attempt (UTC).</summary>
    public DateTime? LastFailureUtc { get; set; }

    /// <summary>The last failure, as a code.</summary>
    public string? LastError { get; set; }

    /// <summary>Since when attempts fail without a success in between (UTC), or null while the link works.</summary>
    public DateTime? DownSinceUtc { get; set; }

    /// <summary>When the link-down was reported (audited), so it is reported once per outage.</summary>
    public DateTime? DownReportedUtc { get; set; }

    /// <summary>The dispatcher instance holding the lease (several server instances share one database).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds (UTC).</summary>
    public DateTime? LeaseUntilUtc { get; set; }
}
