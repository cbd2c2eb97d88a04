using Maabar.Core.Data;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;

namespace Maabar.Core.Features.Federation;

/// <summary>
/// Writes outgoing messages into the unit of work of the change that causes them: they are saved in the
/// same transaction, or not at all. Only configured partners get messages.
/// </summary>
public sealed class Outbox(MaabarDbContext db, IPartnerDirectory partners)
{
    /// <summary>True when <paramref name="agency"/> is a configured partner.</summary>
    public bool IsPartner(string agency) => partners.Partners.Contains(agency);

    /// <summary>True when <paramref name="agency"/> is configured to receive the traveller's identity at referral.</summary>
    public bool SharesIdentityAtReferral(string agency) => partners.SharesIdentityAtReferral(agency);

    /// <summary>The configured partners.</summary>
    public IReadOnlySet<string> Partners => partners.Partners;

    /// <summary>Queues a message for <paramref name="recipient"/> when it is a partner; returns its id, or null when not queued.</summary>
    public Guid? Enqueue<T>(string recipient, string type, T payload, DateTime nowUtc, Guid? correlationId = null)
    {
        if (!IsPartner(recipient))
        {
            return null;
        }

        var message = new OutboxMessage
        {
            Recipient = recipient,
            Type = type,
            Version = 1,
            CorrelationId = correlationId,
            CreatedUtc = nowUtc,
            ReplyDueUtc = MessageTypes.ExpectsReply(type) ? nowUtc + Adjudication.ReplyWindow : null,
            Payload = MessageJson.Serialize(payload),
            NextAttemptUtc = nowUtc,
        };
        db.OutboxMessages.Add(message);
        return message.MessageId;
    }

    /// <summary>
    /// Tells the partners about a change of an entry this agency owns: published to partners newly in its
    /// share scope, updated to those still in it, withdrawn from those taken out of it (or from all, when
    /// the entry was withdrawn).
    /// </summary>
    /// <param name="entry">The entry after the change.</param>
    /// <param name="sharedBefore">The share scope before the change (empty for a new entry).</param>
    /// <param name="nowUtc">Now.</param>
    public void EntryChanged(WatchlistEntry entry, IReadOnlyCollection<string> sharedBefore, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(sharedBefore);
        IReadOnlyList<string> sharedNow = entry.WithdrawnUtc is null ? entry.SharedWithAgencies : [];
        EntryView view = EntryViews.From(entry);
        foreach (string agency in sharedNow)
        {
            Enqueue(agency, sharedBefore.Contains(agency) ? MessageTypes.EntryUpdated : MessageTypes.EntryPublished, view, nowUtc);
        }

        foreach (string agency in sharedBefore.Where(a => !sharedNow.Contains(a)))
        {
            Enqueue(agency, MessageTypes.EntryWithdrawn, view with { WithdrawnUtc = entry.WithdrawnUtc ?? nowUtc, ShareWith = [agency] }, nowUtc);
        }
    }

    /// <summary>The partners that must hear about a clearance on <paramref name="entry"/>: its owner and those it is shared with, other than us.</summary>
    public IEnumerable<string> ClearanceRecipients(WatchlistEntry entry, string ourAgency)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.SharedWithAgencies.Append(entry.OwnerAgency).Where(a => a != ourAgency && IsPartner(a)).Distinct(StringComparer.Ordinal);
    }
}
