using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Federation;

/// <summary>
/// A verified message from a partner, as the transport hands it over; <c>Previous</c> is the sequence of the sender's
/// previous message to this node (envelope format 2), or null (its first, or format 1).
/// </summary>
public sealed record ReceivedMessage(Guid MessageId, string Sender, string Type, int Version, Guid? CorrelationId, DateTime CreatedUtc, DateTime? ReplyDueUtc, long Sequence, string Payload, long? Previous = null);

/// <summary>What receiving did.</summary>
public enum ReceiveOutcome
{
    /// <summary>Recorded and applied.</summary>
    Applied,

    /// <summary>Already received: acknowledged, nothing done again.</summary>
    Duplicate,

    /// <summary>The payload is not what its type promises, or asks for what the sender may not do: nothing applied.</summary>
    Refused,
}

/// <summary>
/// Records a verified partner message once (by id) and applies its effect in the same transaction: a
/// shared entry is created, updated or withdrawn at once for screening; a clearance is stored to be honoured;
/// notifications, requests, replies and notices wait on the liaison desk. A repeat is acknowledged and ignored.
/// </summary>
public sealed class ReceiveMessage(MaabarDbContext db, TimeProvider clock, Committee.CommitteeRecords committee, Incidents.IncidentLog incidents, Outbox outbox)
{
    /// <summary>The local rule a refused payload broke (e.g. <c>entry.minimum_identifiers</c>), for the audit row.</summary>
    private string? refusalDetail;

    public async Task<(ReceiveOutcome Outcome, string? Code)> HandleAsync(string ourAgency, ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var node = Actor.System(ourAgency) with { UserName = "partner:" + message.Sender };
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        if (await db.InboxMessages.AnyAsync(m => m.MessageId == message.MessageId, cancellationToken))
        {
            db.Audit(node, nowUtc, AuditActions.FederationDuplicate, "message", message.MessageId.ToString(), "federation.receive", message.Type);
            await db.SaveChangesAsync(cancellationToken);
            return (ReceiveOutcome.Duplicate, null);
        }

        string? refusal = await ApplyAsync(ourAgency, message, nowUtc, cancellationToken);
        if (refusal is not null)
        {
            db.ChangeTracker.Clear();
            db.Audit(node, nowUtc, AuditActions.FederationRejected, "message", message.MessageId.ToString(), "federation.receive",
                refusalDetail is null ? $"{message.Type};{refusal}" : $"{message.Type};{refusal};{refusalDetail}");
            await db.SaveChangesAsync(cancellationToken);
            return (ReceiveOutcome.Refused, refusal);
        }

        db.InboxMessages.Add(new InboxMessage
        {
            MessageId = message.MessageId,
            Sender = message.Sender,
            Recipient = ourAgency,
            Type = message.Type,
            Version = message.Version,
            CorrelationId = message.CorrelationId,
            CreatedUtc = message.CreatedUtc,
            ReceivedUtc = nowUtc,
            ReplyDueUtc = message.ReplyDueUtc,
            Sequence = message.Sequence,
            PreviousSequence = message.Previous,
            Payload = message.Payload,
        });
        db.Audit(node, nowUtc, AuditActions.FederationReceived, "message", message.MessageId.ToString(), "federation.receive",
            string.Create(CultureInfo.InvariantCulture, $"{message.Type};seq={message.Sequence}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same message arrived twice at once: the other request recorded it.
            if (await IsRecordedAsync(message.MessageId, cancellationToken))
            {
                return (ReceiveOutcome.Duplicate, null);
            }

            throw;
        }

        return (ReceiveOutcome.Applied, null);
    }

    private async Task<bool> IsRecordedAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.InboxMessages.AnyAsync(m => m.MessageId == id, cancellationToken);
    }

    private async Task<string?> ApplyAsync(string ourAgency, ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case MessageTypes.EntryPublished or MessageTypes.EntryUpdated or MessageTypes.EntryWithdrawn:
                return await ApplyEntryAsync(ourAgency, message, nowUtc, cancellationToken);
            case MessageTypes.ClearanceNotice:
                return await ApplyClearanceAsync(ourAgency, message, nowUtc, cancellationToken);
            case MessageTypes.ClearanceRevoked:
            {
                ClearanceRevokedPayload? revoked = MessageJson.Read<ClearanceRevokedPayload>(message.Payload);
                if (revoked is null || ClearanceNumbers.Normalize(revoked.Number) != revoked.Number || revoked.Reason is { Length: > Adjudication.MaxReasonLength })
                {
                    return FederationCodes.PayloadInvalid;
                }

                Clearance? local = await db.Clearances.SingleOrDefaultAsync(c => c.Number == revoked.Number, cancellationToken);
                if (local is not null && local.Agency != message.Sender)
                {
                    return FederationCodes.NotTheOwner;
                }

                if (local is not null && local.IsValid)
                {
                    local.RevokedUtc = revoked.RevokedUtc;
                    local.RevocationReason = revoked.Reason;
                }

                return null;
            }

            case MessageTypes.HitNotification:
            {
                HitNotificationPayload? hit = MessageJson.Read<HitNotificationPayload>(message.Payload);
                // The identity is optional: at referral a partner sends only what recognises the entry.
                return hit is null || hit.Reference is null || hit.CrossingId is null || hit.ActionTaken is not { Length: > 0 and <= 40 }
                    ? FederationCodes.PayloadInvalid
                    : await AboutOurSharedEntryAsync(ourAgency, message.Sender, hit.EntryId, hit.EntryVersion, cancellationToken);
            }

            case MessageTypes.RequestForInformation:
            {
                RequestPayload? request = MessageJson.Read<RequestPayload>(message.Payload);
                return request is null || request.Reference is null || request.CrossingId is null || request.Traveller is null || request.Question is not { Length: > 0 and <= Adjudication.MaxReasonLength }
                    ? FederationCodes.PayloadInvalid
                    : await AboutOurSharedEntryAsync(ourAgency, message.Sender, request.EntryId, request.EntryVersion, cancellationToken);
            }

            case MessageTypes.Reply:
            {
                ReplyPayload? reply = MessageJson.Read<ReplyPayload>(message.Payload);
                if (reply is null || reply.Outcome is not { Length: > 0 and <= 40 } || reply.Reason is { Length: > Adjudication.MaxReasonLength })
                {
                    return FederationCodes.PayloadInvalid;
                }

                return await MarkAnsweredAsync(message, cancellationToken)
                    ?? (reply.Outcome == HitActions.IdentityRequested ? await SendIdentityAsync(ourAgency, message, nowUtc, cancellationToken) : null);
            }

            case MessageTypes.Response:
            {
                ResponsePayload? response = MessageJson.Read<ResponsePayload>(message.Payload);
                return response is null || response.Outcome is not { Length: > 0 and <= 40 } || response.Reason is { Length: > Adjudication.MaxReasonLength }
                    ? FederationCodes.PayloadInvalid : await MarkAnsweredAsync(message, cancellationToken);
            }

            case MessageTypes.CrossingStatus:
                return await ApplyCrossingStatusAsync(message, nowUtc, cancellationToken);
            case MessageTypes.Incident:
            {
                Incidents.IncidentView? incident = MessageJson.Read<Incidents.IncidentView>(message.Payload);
                if (incident is null || incident.Reports is null || incident.Reports.Any(r => r is null || r.Text is null || r.Agency is null) || !Enum.IsDefined(incident.Type) || !Enum.IsDefined(incident.Impact))
                {
                    return FederationCodes.PayloadInvalid;
                }

                string? error = await Incidents.IncidentLog.ApplyNoticeAsync(db, message.Sender, incident, nowUtc, cancellationToken);
                if (error is null)
                {
                    await incidents.NotifyCommitteeIfRequiredAsync(incident.Id, cancellationToken);
                }

                return error;
            }
            case MessageTypes.CommitteeMeeting:
            {
                Committee.MeetingView? meeting = MessageJson.Read<Committee.MeetingView>(message.Payload);
                return meeting is null ? FederationCodes.PayloadInvalid : await Committee.CommitteeRecords.ApplyMeetingAsync(db, message.Sender, meeting, nowUtc, cancellationToken);
            }
            case MessageTypes.CommitteeAction:
            {
                Committee.ActionStatusPayload? action = MessageJson.Read<Committee.ActionStatusPayload>(message.Payload);
                return action is null ? FederationCodes.PayloadInvalid : await committee.ApplyActionStatusAsync(message.Sender, action, cancellationToken);
            }
            case MessageTypes.SectorImpact:
            {
                Sectors.SectorImpactPayload? sector = MessageJson.Read<Sectors.SectorImpactPayload>(message.Payload);
                return sector is null || sector.SectorId is null ? FederationCodes.PayloadInvalid : await Sectors.SectorBoard.ApplyNoticeAsync(db, message.Sender, sector, cancellationToken);
            }
            default:
                return FederationCodes.TypeUnknown;
        }
    }

    private async Task<string?> ApplyCrossingStatusAsync(ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        Crossings.CrossingStatusPayload? notice = MessageJson.Read<Crossings.CrossingStatusPayload>(message.Payload);
        if (notice is null || notice.CrossingId is null || !Enum.IsDefined(notice.Status))
        {
            return FederationCodes.PayloadInvalid;
        }

        if (notice.Agency != message.Sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (!await db.CrossingPoints.AnyAsync(c => c.Id == notice.CrossingId, cancellationToken))
        {
            // A crossing this node does not know: kept on the liaison desk only.
            return null;
        }

        // A partner's text is clamped to what this node stores.
        string joined = string.Join(',', notice.AllowedCategories ?? []);
        string categories = joined.Length <= 100 ? joined : string.Empty;
        string? reason = notice.Reason is { Length: > CrossingRules.MaxReasonLength } r ? r[..CrossingRules.MaxReasonLength] : notice.Reason;
        if (notice.LaneCode is null)
        {
            CrossingSideStatus side = await db.CrossingSideStatuses.SingleOrDefaultAsync(s => s.CrossingPointId == notice.CrossingId && s.Agency == message.Sender, cancellationToken)
                ?? db.CrossingSideStatuses.Add(new CrossingSideStatus { CrossingPointId = notice.CrossingId, Agency = message.Sender }).Entity;
            side.Status = notice.Status;
            side.Reason = reason;
            side.SinceUtc = notice.SinceUtc;
            side.ExpectedReopeningUtc = notice.ExpectedReopeningUtc;
            side.AllowedCategories = categories;
        }

        db.CrossingStatusChanges.Add(new CrossingStatusChange
        {
            CrossingPointId = notice.CrossingId, Agency = message.Sender, LaneCode = notice.LaneCode is { Length: <= 40 } code ? code : null, Status = notice.Status,
            Reason = reason, ExpectedReopeningUtc = notice.ExpectedReopeningUtc, AllowedCategories = categories, ChangedUtc = nowUtc,
        });
        return null;
    }

    /// <summary>
    /// The owner of an entry asked for the identity of the traveller our notification was about: it is sent in a
    /// further notification, and the disclosure audited against the traveller.
    /// </summary>
    private async Task<string?> SendIdentityAsync(string ourAgency, ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        OutboxMessage? asked = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.MessageId == message.CorrelationId && m.Recipient == message.Sender, cancellationToken);
        HitNotificationPayload? sent = asked?.Type == MessageTypes.HitNotification ? MessageJson.Read<HitNotificationPayload>(asked.Payload) : null;
        Hit? hit = sent is null ? null : await db.Hits.AsNoTracking().Include(h => h.WatchlistEntry)
            .SingleOrDefaultAsync(h => h.Id == sent.HitId && db.Passages.Any(p => p.Id == h.PassageId && p.Agency == ourAgency), cancellationToken);
        if (sent is null || hit is null || hit.WatchlistEntry!.OwnerAgency != message.Sender)
        {
            return FederationCodes.CorrelationUnknown;
        }

        Passage passage = await db.Passages.AsNoTracking().Include(p => p.Traveller!).ThenInclude(t => t.Documents).SingleAsync(p => p.Id == hit.PassageId, cancellationToken);
        TravelDocument? shown = passage.Traveller!.Documents.FirstOrDefault(d => d.Number == passage.DocumentNumber);
        outbox.Enqueue(message.Sender, MessageTypes.HitNotification, sent with { Score = hit.Score, Traveller = Snapshots.Of(passage.Traveller, shown), ActionTaken = HitActions.IdentityOnRequest }, nowUtc, message.MessageId);
        var node = Actor.System(ourAgency) with { UserName = "partner:" + message.Sender };
        db.Audit(node, nowUtc, AuditActions.FederationIdentityShared, "traveller", passage.TravellerId.ToString(), "federation.identity-request",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hit={hit.Id};to={message.Sender}"));
        return null;
    }

    private async Task<string?> MarkAnsweredAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        // An answer must answer something we sent to its sender.
        bool asked = message.CorrelationId is { } id && await db.OutboxMessages.AnyAsync(m => m.MessageId == id && m.Recipient == message.Sender, cancellationToken);
        return asked ? null : FederationCodes.CorrelationUnknown;
    }

    /// <summary>
    /// A hit notification or a request for information must be about an entry this node owns and shares with the
    /// sender (a version it has had): a partner cannot draw us into entries it was never given.
    /// </summary>
    private async Task<string?> AboutOurSharedEntryAsync(string ourAgency, string sender, Guid entryId, int entryVersion, CancellationToken cancellationToken)
    {
        WatchlistEntry? entry = await db.WatchlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null || entry.OwnerAgency != ourAgency)
        {
            return FederationCodes.NotTheOwner;
        }

        return entry.WithdrawnUtc is null && entry.IsVisibleTo(sender) && entryVersion >= 1 && entryVersion <= entry.Version ? null : FederationCodes.NotShared;
    }

    private async Task<string?> ApplyEntryAsync(string ourAgency, ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        EntryView? view = MessageJson.ReadEntry(message.Payload);
        if (view is null || view.Reference is null || view.OwnerAgency is null || view.Version < 1 || !PartnerEntries.IsWellFormed(view))
        {
            // The contract's lists are lists (never null, no null items): a payload that breaks it is refused, not half-read.
            return FederationCodes.PayloadInvalid;
        }

        // A partner speaks for its own entries only, and only those it shares with us.
        IReadOnlyList<string> shareWith = view.ShareWith;
        if (view.OwnerAgency != message.Sender || view.OwnerAgency == ourAgency)
        {
            return FederationCodes.NotTheOwner;
        }

        if (message.Type != MessageTypes.EntryWithdrawn && !shareWith.Contains(ourAgency))
        {
            return FederationCodes.NotShared;
        }

        WatchlistEntry? entry = await db.WatchlistEntries.SingleOrDefaultAsync(e => e.Id == view.Id, cancellationToken);
        if (entry is not null && entry.OwnerAgency != message.Sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (message.Type == MessageTypes.EntryWithdrawn)
        {
            // A withdrawal only ever narrows what we hold: it needs no identity, and a newer version wins over it.
            if (entry is not null && view.Version >= entry.Version)
            {
                entry.Version = view.Version;
                entry.WithdrawnUtc ??= view.WithdrawnUtc ?? nowUtc;
            }

            return null;
        }

        // The same rules as an entry typed here: names, dates, documents, lengths, minimum identifiers of a shared person.
        var incoming = new WatchlistEntry { Id = view.Id, OwnerAgency = view.OwnerAgency, Reference = string.Empty, CreatedUtc = nowUtc };
        IReadOnlyList<ValidationError> errors = WatchlistEntryRules.Apply(
            PartnerEntries.ToInput(view), incoming, DateOnly.FromDateTime(nowUtc), view.OwnerAgency, [.. shareWith.Where(a => a is not null && AgencyCode.IsWellFormed(a))]);
        if (errors.Count > 0)
        {
            refusalDetail = $"{errors[0].Code}@{errors[0].Field}";
            return FederationCodes.EntryInvalid;
        }

        if (entry is null)
        {
            entry = new WatchlistEntry { Id = view.Id, OwnerAgency = view.OwnerAgency, Reference = incoming.Reference, CreatedUtc = nowUtc };
            db.WatchlistEntries.Add(entry);
        }
        else if (view.Version < entry.Version || (view.Version == entry.Version && entry.WithdrawnUtc is not null))
        {
            // Stale: an older version, or the same version after its withdrawal (a withdrawal wins).
            return null;
        }

        PartnerEntries.Copy(incoming, entry);
        entry.Version = view.Version;
        entry.WithdrawnUtc = null;
        return null;
    }

    private async Task<string?> ApplyClearanceAsync(string ourAgency, ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ClearanceNoticePayload? notice = MessageJson.Read<ClearanceNoticePayload>(message.Payload);
        if (notice is null || ClearanceNumbers.Normalize(notice.Number) != notice.Number || !PartnerEntries.IsValid(notice, DateOnly.FromDateTime(nowUtc)))
        {
            return FederationCodes.PayloadInvalid;
        }

        if (notice.Agency != message.Sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (await db.Clearances.AnyAsync(c => c.Number == notice.Number, cancellationToken))
        {
            // Known already: nothing to do.
            return null;
        }

        WatchlistEntry? entry = await db.WatchlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == notice.EntryId, cancellationToken);
        if (entry is null)
        {
            // About an entry this node does not hold: kept on the liaison desk only.
            return null;
        }

        if (entry.OwnerAgency != message.Sender)
        {
            // Only an entry of ours that the sender holds now, at that version, may be cleared by it, and then only
            // as a proposal that covers nothing until our liaison desk accepts it.
            if (entry.OwnerAgency != ourAgency)
            {
                return FederationCodes.NotTheOwner;
            }

            if (entry.WithdrawnUtc is not null || !entry.IsVisibleTo(message.Sender) || entry.Version != notice.EntryVersion)
            {
                return FederationCodes.NotShared;
            }
        }

        db.Clearances.Add(new Clearance
        {
            Number = notice.Number,
            Agency = notice.Agency,
            WatchlistEntryId = notice.EntryId,
            EntryVersion = notice.EntryVersion,
            DocumentNumber = notice.DocumentNumber,
            IssuingState = notice.IssuingState,
            BirthDate = notice.BirthDate is not null && PartialDate.TryParse(notice.BirthDate, out PartialDate birth) is null ? birth : null,
            IssuedUtc = notice.IssuedUtc,
        });
        return null;
    }
}

/// <summary>The federation's refusal codes (ProblemDetails <c>code</c> and audit details).</summary>
public static class FederationCodes
{
    public const string EnvelopeInvalid = "federation.envelope_invalid";
    public const string SenderUnknown = "federation.sender_unknown";
    public const string NotForUs = "federation.not_for_us";
    public const string SignatureInvalid = "federation.signature_invalid";
    public const string Stale = "federation.stale";
    public const string TypeUnknown = "federation.type_unknown";
    public const string PayloadInvalid = "federation.payload_invalid";
    public const string NotTheOwner = "federation.not_the_owner";
    public const string CorrelationUnknown = "federation.correlation_unknown";

    /// <summary>A format-2 envelope names a key id that is none of the sender's configured keys.</summary>
    public const string KeyUnknown = "federation.key_unknown";

    /// <summary>A format-1 envelope after the transition (<c>Federation:AcceptV1Until</c>) ended.</summary>
    public const string FormatRetired = "federation.format_retired";

    /// <summary>The sender is pinned to a client certificate and the connection did not present it.</summary>
    public const string ClientCertificate = "federation.client_certificate";

    /// <summary>The sender speaks of an entry of ours it does not hold (never shared with it, unshared, or another version).</summary>
    public const string NotShared = "federation.not_shared";

    /// <summary>A partner's entry breaks the rules an entry typed here obeys (the audit row names the rule).</summary>
    public const string EntryInvalid = "federation.entry_invalid";
}
