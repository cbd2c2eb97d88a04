using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Federation;

/// <summary>A verified message from a partner, as the transport hands it over.</summary>
public sealed record ReceivedMessage(Guid MessageId, string Sender, string Type, int Version, Guid? CorrelationId, DateTime CreatedUtc, DateTime? ReplyDueUtc, long Sequence, string Payload);

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
public sealed class ReceiveMessage(MaabarDbContext db, TimeProvider clock, Committee.CommitteeRecords committee, Incidents.IncidentLog incidents)
{
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
            db.Audit(node, nowUtc, AuditActions.FederationRejected, "message", message.MessageId.ToString(), "federation.receive", $"{message.Type};{refusal}");
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
                return await ApplyClearanceAsync(message, cancellationToken);
            case MessageTypes.ClearanceRevoked:
            {
                ClearanceRevokedPayload? revoked = MessageJson.Read<ClearanceRevokedPayload>(message.Payload);
                if (revoked is null)
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
                return MessageJson.Read<HitNotificationPayload>(message.Payload) is null ? FederationCodes.PayloadInvalid : null;
            case MessageTypes.RequestForInformation:
                return MessageJson.Read<RequestPayload>(message.Payload) is null ? FederationCodes.PayloadInvalid : null;
            case MessageTypes.Reply:
                return MessageJson.Read<ReplyPayload>(message.Payload) is null ? FederationCodes.PayloadInvalid : await MarkAnsweredAsync(message, cancellationToken);
            case MessageTypes.Response:
                return MessageJson.Read<ResponsePayload>(message.Payload) is null ? FederationCodes.PayloadInvalid : await MarkAnsweredAsync(message, cancellationToken);
            case MessageTypes.CrossingStatus:
                return await ApplyCrossingStatusAsync(message, nowUtc, cancellationToken);
            case MessageTypes.Incident:
            {
                Incidents.IncidentView? incident = MessageJson.Read<Incidents.IncidentView>(message.Payload);
                if (incident is null || incident.Reports is null)
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
        if (notice is null || notice.CrossingId is null)
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

    private async Task<string?> MarkAnsweredAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        // An answer must answer something we sent to its sender.
        bool asked = message.CorrelationId is { } id && await db.OutboxMessages.AnyAsync(m => m.MessageId == id && m.Recipient == message.Sender, cancellationToken);
        return asked ? null : FederationCodes.CorrelationUnknown;
    }

    private async Task<string?> ApplyEntryAsync(string ourAgency, ReceivedMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        EntryView? view = MessageJson.ReadEntry(message.Payload);
        if (view is null || view.Reference is null)
        {
            return FederationCodes.PayloadInvalid;
        }

        // A partner speaks for its own entries only, and only those it shares with us.
        if (view.OwnerAgency != message.Sender || (message.Type != MessageTypes.EntryWithdrawn && !view.ShareWith.Contains(ourAgency)))
        {
            return FederationCodes.NotTheOwner;
        }

        WatchlistEntry? entry = await db.WatchlistEntries.SingleOrDefaultAsync(e => e.Id == view.Id, cancellationToken);
        if (entry is not null && entry.OwnerAgency != message.Sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (entry is null)
        {
            if (message.Type == MessageTypes.EntryWithdrawn)
            {
                // Withdrawn before we ever had it: nothing to do.
                return null;
            }

            entry = new WatchlistEntry { Id = view.Id, OwnerAgency = view.OwnerAgency, Reference = view.Reference, CreatedUtc = nowUtc };
            db.WatchlistEntries.Add(entry);
        }
        else if (view.Version < entry.Version || (view.Version == entry.Version && entry.WithdrawnUtc is not null && message.Type != MessageTypes.EntryWithdrawn))
        {
            // Stale: an older version, or the same version after its withdrawal (a withdrawal wins).
            return null;
        }

        Copy(view, entry);
        entry.WithdrawnUtc = message.Type == MessageTypes.EntryWithdrawn ? view.WithdrawnUtc ?? nowUtc : null;
        return null;
    }

    private static void Copy(EntryView view, WatchlistEntry entry)
    {
        entry.Kind = view.Kind;
        entry.Category = view.Category;
        entry.Reference = view.Reference;
        entry.SetNames(view.FullNameArabic, view.FullNameLatin);
        entry.Sex = view.Sex;
        entry.Nationality = view.Nationality;
        entry.FatherName = view.FatherName;
        entry.GrandfatherName = view.GrandfatherName;
        entry.MotherName = view.MotherName;
        entry.Aliases = [.. view.Aliases];
        PartialDate? first = null;
        var others = new List<string>();
        foreach (string text in view.BirthDates)
        {
            if (PartialDate.TryParse(text, out PartialDate date) is null)
            {
                if (first is null)
                {
                    first = date;
                }
                else
                {
                    others.Add(date.ToString());
                }
            }
        }

        entry.BirthDate = first;
        entry.OtherBirthDates = others;
        entry.Documents = [.. view.Documents.Where(d => d.Number is not null).Select(d => new ListedDocument { Type = d.Type ?? "other", Number = d.Number!, IssuingState = d.IssuingState })];
        entry.VehiclePlate = view.VehiclePlate;
        entry.VehicleCountry = view.VehicleCountry;
        entry.LegalBasis = view.LegalBasis;
        entry.ReviewDate = view.ReviewDate;
        entry.ExpiryDate = view.ExpiryDate;
        entry.SharedWith = string.Join(',', view.ShareWith);
        entry.Version = view.Version;
    }

    private async Task<string?> ApplyClearanceAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ClearanceNoticePayload? notice = MessageJson.Read<ClearanceNoticePayload>(message.Payload);
        if (notice is null || ClearanceNumbers.Normalize(notice.Number) != notice.Number)
        {
            return FederationCodes.PayloadInvalid;
        }

        if (notice.Agency != message.Sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (await db.Clearances.AnyAsync(c => c.Number == notice.Number, cancellationToken) || !await db.WatchlistEntries.AnyAsync(e => e.Id == notice.EntryId, cancellationToken))
        {
            // Known already, or about an entry this node does not hold: kept on the liaison desk only.
            return null;
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
            FullNameArabic = notice.FullNameArabic,
            FullNameLatin = notice.FullNameLatin,
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
}
