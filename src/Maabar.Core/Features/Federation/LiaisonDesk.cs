using System.Globalization;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Federation;

/// <summary>A partner's message on the liaison desk. The payload may hold personal data: reading the inbox is audited.</summary>
public sealed record InboxItem(Guid MessageId, string Sender, string Type, Guid? CorrelationId, DateTime CreatedUtc, DateTime ReceivedUtc, DateTime? ReplyDueUtc, DateTime? RepliedUtc, bool Overdue, bool AwaitsReply, string Payload);

/// <summary>An outgoing message and its delivery state (no payload: ids, types and times only).</summary>
public sealed record OutboxItem(Guid MessageId, long Sequence, string Recipient, string Type, DateTime CreatedUtc, OutboxStatus Status, int Attempts, DateTime NextAttemptUtc, string? LastError, DateTime? DeliveredUtc, DateTime? ReplyDueUtc, bool Answered);

/// <summary>A partner link's health: last success, backlog, since when it fails.</summary>
public sealed record PartnerHealth(string Agency, DateTime? LastSuccessUtc, DateTime? LastFailureUtc, string? LastError, DateTime? DownSinceUtc, int Backlog, DateTime? OldestPendingUtc);

/// <summary>
/// A hole in a partner's sequence: a message it says it sent before <see cref="FollowingSequence"/> (envelope format 2
/// signs the sequence of the sender's previous message to us) that this node never recorded: lost, expired at the
/// sender, or refused here.
/// </summary>
public sealed record SequenceGap(string Sender, long MissingSequence, long FollowingSequence, Guid FollowingMessageId, DateTime NoticedUtc);

/// <summary>
/// The 24/7 liaison desk: partner messages with their due times, outgoing messages with their delivery
/// state, the partners' link health, and answers to hit notifications (reply) and requests (response).
/// Liaison officers and supervisors of the node's agency.
/// </summary>
public sealed class LiaisonDesk(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public const int MaxLimit = 500;

    /// <summary>Who works the desk.</summary>
    public static bool MayUse(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.LiaisonOfficer) || actor.IsInRole(Roles.Supervisor);
    }

    /// <summary>Replies each type accepts.</summary>
    public static IReadOnlyList<string> OutcomesFor(string type) => type switch
    {
        MessageTypes.HitNotification => ["confirmed", "not-the-person", "action-not-possible", HitActions.IdentityRequested],
        MessageTypes.RequestForInformation => ["positive", "negative", "unknown"],
        _ => [],
    };

    public async Task<IReadOnlyList<InboxItem>> InboxAsync(Actor actor, bool awaitingReplyOnly, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        IQueryable<InboxMessage> query = db.InboxMessages.AsNoTracking().Where(m => m.Recipient == actor.Agency);
        if (awaitingReplyOnly)
        {
            query = query.Where(m => m.ReplyDueUtc != null && m.RepliedUtc == null);
        }

        List<InboxMessage> messages = await query.OrderByDescending(m => m.ReceivedUtc).Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(cancellationToken);
        db.Audit(actor, nowUtc, AuditActions.FederationRead, "message", "inbox", "liaison.inbox", string.Create(CultureInfo.InvariantCulture, $"count={messages.Count}"));

        // One read row per person shown: each message that names a traveller (a partner's notification or request).
        foreach (InboxMessage shown in messages.Where(m => NamesATraveller(m.Payload)))
        {
            db.Audit(actor, nowUtc, AuditActions.TravellerRead, "partner-traveller", shown.MessageId.ToString(), "liaison.inbox", shown.Type);
        }

        // All the rows in one unit of work: one save, one turn on the audit chain.
        await db.SaveChangesAsync(cancellationToken);
        return [.. messages
            .Select(m => new InboxItem(m.MessageId, m.Sender, m.Type, m.CorrelationId, m.CreatedUtc, m.ReceivedUtc, m.ReplyDueUtc, m.RepliedUtc,
                m.ReplyDueUtc < nowUtc && m.RepliedUtc is null, MessageTypes.ExpectsReply(m.Type) && m.RepliedUtc is null, m.Payload))
            .OrderByDescending(i => i.Overdue).ThenByDescending(i => i.AwaitsReply).ThenByDescending(i => i.ReceivedUtc)];
    }

    /// <summary>True when a payload carries a traveller's identity (a non-null <c>traveller</c> object).</summary>
    internal static bool NamesATraveller(string payload)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("traveller", out System.Text.Json.JsonElement traveller)
                && traveller.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> OutboxAsync(Actor actor, OutboxStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        IQueryable<OutboxMessage> query = db.OutboxMessages.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        var rows = await query.OrderByDescending(m => m.Sequence).Take(Math.Clamp(limit, 1, MaxLimit))
            .Select(m => new { m.MessageId, m.Sequence, m.Recipient, m.Type, m.CreatedUtc, m.Status, m.Attempts, m.NextAttemptUtc, m.LastError, m.DeliveredUtc, m.ReplyDueUtc })
            .ToListAsync(cancellationToken);
        Guid?[] ids = [.. rows.Select(r => (Guid?)r.MessageId)];
        HashSet<Guid?> answered = [.. await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.CorrelationId)).Select(m => m.CorrelationId).ToListAsync(cancellationToken)];
        return [.. rows.Select(r => new OutboxItem(r.MessageId, r.Sequence, r.Recipient, r.Type, r.CreatedUtc, r.Status, r.Attempts, r.NextAttemptUtc, r.LastError, r.DeliveredUtc, r.ReplyDueUtc, answered.Contains(r.MessageId)))];
    }

    public async Task<IReadOnlyList<PartnerHealth>> PartnersAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, PartnerLink> links = await db.PartnerLinks.AsNoTracking().ToDictionaryAsync(l => l.Agency, StringComparer.Ordinal, cancellationToken);
        var backlog = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
            .GroupBy(m => m.Recipient).Select(g => new { Agency = g.Key, Count = g.Count(), Oldest = g.Min(m => m.CreatedUtc) })
            .ToDictionaryAsync(g => g.Agency, StringComparer.Ordinal, cancellationToken);
        return [.. outbox.Partners.Order(StringComparer.Ordinal).Select(agency =>
        {
            PartnerLink? link = links.GetValueOrDefault(agency);
            var pending = backlog.GetValueOrDefault(agency);
            return new PartnerHealth(agency, link?.LastSuccessUtc, link?.LastFailureUtc, link?.LastError, link?.DownSinceUtc, pending?.Count ?? 0, pending?.Oldest);
        })];
    }

    /// <summary>Most gaps the desk lists.</summary>
    public const int MaxGaps = 100;

    /// <summary>
    /// The partners' sequence gaps, newest first: each message received whose signed previous sequence was never
    /// received from the same sender. A gap closes by itself when the missing message arrives. Liaison officers and
    /// supervisors only (empty for others). No personal data: ids, sequences and times.
    /// </summary>
    public async Task<IReadOnlyList<SequenceGap>> GapsAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayUse(actor))
        {
            return [];
        }

        return await db.InboxMessages.AsNoTracking()
            .Where(m => m.Recipient == actor.Agency && m.PreviousSequence != null
                && !db.InboxMessages.Any(p => p.Sender == m.Sender && p.Sequence == m.PreviousSequence))
            .OrderByDescending(m => m.ReceivedUtc).Take(MaxGaps)
            .Select(m => new SequenceGap(m.Sender, m.PreviousSequence!.Value, m.Sequence, m.MessageId, m.ReceivedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Answers a partner's hit notification or request; null on success, else the error code.</summary>
    public async Task<string?> ReplyAsync(Actor actor, Guid messageId, string? outcome, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayUse(actor))
        {
            return ErrorCodes.Forbidden;
        }

        InboxMessage? message = await db.InboxMessages.SingleOrDefaultAsync(m => m.MessageId == messageId && m.Recipient == actor.Agency, cancellationToken);
        if (message is null)
        {
            return ErrorCodes.MessageNotFound;
        }

        string value = outcome?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!OutcomesFor(message.Type).Contains(value))
        {
            return ErrorCodes.OutcomeInvalid;
        }

        if (reason is { Length: > Adjudication.MaxReasonLength })
        {
            return ErrorCodes.TooLong;
        }

        if (message.RepliedUtc is not null)
        {
            return ErrorCodes.MessageAlreadyAnswered;
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Guid? sent = message.Type == MessageTypes.HitNotification
            ? outbox.Enqueue(message.Sender, MessageTypes.Reply, new ReplyPayload(value, reason?.Trim()), nowUtc, message.MessageId)
            : outbox.Enqueue(message.Sender, MessageTypes.Response, new ResponsePayload(value, reason?.Trim()), nowUtc, message.MessageId);
        if (sent is null)
        {
            return ErrorCodes.PartnerUnknown;
        }

        message.RepliedUtc = nowUtc;
        db.Audit(actor, nowUtc, AuditActions.FederationReplied, "message", message.MessageId.ToString(), "liaison.reply", $"{message.Type};{value}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
