using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Incidents;

/// <summary>A follow-up report as shown and exchanged.</summary>
public sealed record IncidentReportView(Guid Id, string Text, ImpactLevel? Impact, bool Closes, string Agency, DateTime WrittenUtc);

/// <summary>An incident as shown, exchanged with partners (the <c>incident</c> message's payload) and drawn on the picture.</summary>
public sealed record IncidentView(
    Guid Id,
    string Agency,
    IncidentType Type,
    ImpactLevel Impact,
    string? CrossingPointId,
    double? Latitude,
    double? Longitude,
    string Title,
    string? Description,
    DateTime OccurredUtc,
    DateTime FirstReportDueUtc,
    DateTime? ClosedUtc,
    IReadOnlyList<IncidentReportView> Reports,
    string? SectorId = null)
{
    /// <summary>True when the first full report is late: open, past its due time, no follow-up yet.</summary>
    public bool FirstReportOverdue(DateTime nowUtc) => ClosedUtc is null && Reports.Count == 0 && nowUtc > FirstReportDueUtc;
}

/// <summary>An attachment as listed (never its bytes).</summary>
public sealed record AttachmentView(Guid Id, Guid IncidentId, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedUtc);

/// <summary>An incident as reported (API or form), raw.</summary>
public sealed record IncidentInput(string? Type, string? Impact, string? CrossingId, double? Latitude, double? Longitude, string? Title, string? Description, string? OccurredUtc, string? SectorId = null);

/// <summary>
/// Incidents at the crossings: reported by officers, supervisors and the liaison desk, followed up into a
/// timeline, closed by a report. A high or critical incident is sent to the partners (and re-sent with every
/// follow-up), in the same transaction; partners' incidents arrive the same way. Audited.
/// </summary>
public sealed class IncidentLog(MaabarDbContext db, TimeProvider clock, Outbox outbox, Microsoft.Extensions.Options.IOptions<IncidentPolicy> policy)
{
    /// <summary>Who reports incidents.</summary>
    public static bool MayReport(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Officer) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.LiaisonOfficer);
    }

    public async Task<(IncidentView? Incident, IReadOnlyList<ValidationError> Errors)> ReportAsync(Actor actor, IncidentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!MayReport(actor))
        {
            return (null, [new ValidationError(ErrorCodes.Forbidden, "role")]);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var errors = new List<ValidationError>();
        IncidentType? type = Enum.TryParse(input.Type?.Replace("-", string.Empty, StringComparison.Ordinal), true, out IncidentType t) && Enum.IsDefined(t) && !int.TryParse(input.Type, out _) ? t : null;
        ImpactLevel? impact = IncidentRules.ParseImpact(input.Impact);
        if (type is null)
        {
            errors.Add(new ValidationError(input.Type is null ? ErrorCodes.Required : ErrorCodes.IncidentTypeInvalid, "type"));
        }

        if (impact is null)
        {
            errors.Add(new ValidationError(input.Impact is null ? ErrorCodes.Required : ErrorCodes.ImpactInvalid, "impact"));
        }

        string? title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        if (title is null)
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "title"));
        }
        else if (title.Length > IncidentRules.MaxTitleLength)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "title"));
        }

        if (input.Description is { Length: > IncidentRules.MaxTextLength })
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "description"));
        }

        if (input.Latitude is < -90 or > 90 || input.Longitude is < -180 or > 180 || (input.Latitude is null) != (input.Longitude is null))
        {
            errors.Add(new ValidationError(ErrorCodes.CoordinatesInvalid, "latitude"));
        }

        DateTime occurred = nowUtc;
        if (!string.IsNullOrWhiteSpace(input.OccurredUtc))
        {
            if (Instants.TryParseUtc(input.OccurredUtc, out DateTime at) && at <= nowUtc.AddMinutes(5))
            {
                occurred = at;
            }
            else
            {
                errors.Add(new ValidationError(ErrorCodes.DateFormat, "occurredUtc"));
            }
        }

        string? crossing = string.IsNullOrWhiteSpace(input.CrossingId) ? null : input.CrossingId.Trim();
        CrossingPoint? crossingPoint = crossing is null ? null : await db.CrossingPoints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == crossing, cancellationToken);
        if (crossing is not null && crossingPoint is null)
        {
            errors.Add(new ValidationError(ErrorCodes.CrossingUnknown, "crossingId"));
        }

        BorderSector? sector = BorderSectors.Find(input.SectorId);
        if (!string.IsNullOrWhiteSpace(input.SectorId) && sector is null)
        {
            errors.Add(new ValidationError(ErrorCodes.SectorUnknown, "sectorId"));
        }

        if (crossing is null && sector is null && input.Latitude is null && errors.Count == 0)
        {
            errors.Add(new ValidationError(ErrorCodes.IncidentLocationRequired, "crossingId"));
        }

        // A crossing or a point on the common border gives the sector when none was named.
        sector ??= crossingPoint is { Countries: "TUN,LBY" or "LBY,TUN" } ? BorderSectors.At(crossingPoint.Latitude)
            : input.Latitude is { } lat && input.Longitude is >= IncidentRules.BorderWest and <= IncidentRules.BorderEast ? BorderSectors.At(lat) : null;

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var incident = new Incident
        {
            Agency = actor.Agency, Type = type!.Value, Impact = impact!.Value, CrossingPointId = crossing, SectorId = sector?.Id, Latitude = input.Latitude, Longitude = input.Longitude,
            Title = title!, Description = input.Description?.Trim(), OccurredUtc = occurred, RecordedUtc = nowUtc,
            FirstReportDueUtc = occurred + IncidentRules.FirstReportWindow, RecordedBy = actor.UserId,
        };
        db.Incidents.Add(incident);
        await RecordedAsync(actor, incident, "incident.report", nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (View(incident), []);
    }

    /// <summary>A follow-up on one of the agency's incidents: text, optionally a new impact level, optionally closing it.</summary>
    public async Task<(IncidentView? Incident, string? Error)> FollowUpAsync(Actor actor, Guid id, string? text, string? impact, bool close, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayReport(actor))
        {
            return (null, ErrorCodes.Forbidden);
        }

        Incident? incident = await db.Incidents.Include(x => x.Reports).SingleOrDefaultAsync(x => x.Id == id && x.Agency == actor.Agency, cancellationToken);
        if (incident is null)
        {
            return (null, ErrorCodes.IncidentNotFound);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ErrorCodes.Required);
        }

        if (text.Length > IncidentRules.MaxTextLength)
        {
            return (null, ErrorCodes.TooLong);
        }

        ImpactLevel? level = null;
        if (!string.IsNullOrWhiteSpace(impact))
        {
            level = IncidentRules.ParseImpact(impact);
            if (level is null)
            {
                return (null, ErrorCodes.ImpactInvalid);
            }
        }

        if (incident.ClosedUtc is not null)
        {
            return (null, ErrorCodes.IncidentClosed);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Add(db, incident, actor.Agency, actor.UserId, text.Trim(), level, close, nowUtc);
        await RecordedAsync(actor, incident, "incident.follow-up", nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (View(incident), null);
    }

    /// <summary>
    /// Attaches a photo (JPEG, PNG) or a document (PDF) to one of the agency's incidents. The type is read from
    /// the content, never taken from the sender; at most <see cref="AttachmentRules.MaxBytes"/> and
    /// <see cref="AttachmentRules.MaxPerIncident"/> per incident. Kept in the database, not sent to partners.
    /// </summary>
    public async Task<(AttachmentView? Attachment, string? Error)> AttachAsync(Actor actor, Guid incidentId, string? fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (!MayReport(actor))
        {
            return (null, ErrorCodes.Forbidden);
        }

        Incident? incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == incidentId && x.Agency == actor.Agency, cancellationToken);
        if (incident is null)
        {
            return (null, ErrorCodes.IncidentNotFound);
        }

        if (content.Length == 0)
        {
            return (null, ErrorCodes.AttachmentEmpty);
        }

        if (content.Length > AttachmentRules.MaxBytes)
        {
            return (null, ErrorCodes.AttachmentTooLarge);
        }

        if (AttachmentRules.Sniff(content) is not { } type)
        {
            return (null, ErrorCodes.AttachmentType);
        }

        if (await db.IncidentAttachments.CountAsync(a => a.IncidentId == incidentId, cancellationToken) >= AttachmentRules.MaxPerIncident)
        {
            return (null, ErrorCodes.TooMany);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var attachment = new IncidentAttachment
        {
            IncidentId = incidentId, Agency = actor.Agency, FileName = AttachmentRules.SafeFileName(fileName, type), ContentType = type, Size = content.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), UploadedBy = actor.UserId, UploadedUtc = nowUtc,
        };
        db.IncidentAttachments.Add(attachment);
        db.IncidentAttachmentContents.Add(new IncidentAttachmentContent { AttachmentId = attachment.Id, Bytes = content });
        db.Audit(actor, nowUtc, AuditActions.AttachmentAccessed, "incident", incidentId.ToString(), "incident.attach",
            string.Create(CultureInfo.InvariantCulture, $"attachment={attachment.Id};type={type};size={content.Length}"));
        await db.SaveChangesAsync(cancellationToken);
        return (AttachmentOf(attachment), null);
    }

    /// <summary>The attachments of the given incidents that the actor's agency holds, by incident.</summary>
    public async Task<ILookup<Guid, AttachmentView>> AttachmentsAsync(Actor actor, IReadOnlyCollection<Guid> incidentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        List<IncidentAttachment> rows = await db.IncidentAttachments.AsNoTracking()
            .Where(a => incidentIds.Contains(a.IncidentId) && a.Agency == actor.Agency).OrderBy(a => a.UploadedUtc).ToListAsync(cancellationToken);
        return rows.Select(AttachmentOf).ToLookup(a => a.IncidentId);
    }

    /// <summary>One attachment with its bytes, for a user of the agency that holds it; audited.</summary>
    public async Task<(AttachmentView Attachment, byte[] Content)?> ReadAttachmentAsync(Actor actor, Guid incidentId, Guid attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayReport(actor) && !actor.IsInRole(Roles.CommitteeMember))
        {
            return null;
        }

        IncidentAttachment? attachment = await db.IncidentAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == incidentId && a.Agency == actor.Agency, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        byte[] bytes = await db.IncidentAttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Bytes).SingleAsync(cancellationToken);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        db.Audit(actor, nowUtc, AuditActions.AttachmentAccessed, "incident", incidentId.ToString(), "incident.attachment.read", $"attachment={attachmentId}");
        await db.SaveChangesAsync(cancellationToken);
        return (AttachmentOf(attachment), bytes);
    }

    private static AttachmentView AttachmentOf(IncidentAttachment a) => new(a.Id, a.IncidentId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedUtc);

    /// <summary>
    /// The incidents <paramref name="actor"/> may see, newest first: its agency's own, those their owner sent to the
    /// partners, and those received from a partner (issue 21: an agency's incident that was never shared stays with it).
    /// </summary>
    public async Task<IReadOnlyList<IncidentView>> ListAsync(Actor actor, bool openOnly, DateTime? sinceUtc, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        string[] partners = [.. outbox.Partners];
        IQueryable<Incident> query = db.Incidents.AsNoTracking().Include(x => x.Reports)
            .Where(x => x.Agency == actor.Agency || x.SentToPartners || (x.RecordedBy == Guid.Empty && partners.Contains(x.Agency)));
        if (openOnly)
        {
            query = query.Where(x => x.ClosedUtc == null);
        }

        if (sinceUtc is { } since)
        {
            query = query.Where(x => x.OccurredUtc >= since);
        }

        List<Incident> incidents = await query.OrderByDescending(x => x.OccurredUtc).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return [.. incidents.Select(View)];
    }

    /// <summary>
    /// The node records a system-outage incident on its own (e.g. the partner link down too long), or closes it
    /// when the system is back. Returns nothing; saved with the caller's unit of work.
    /// </summary>
    public static void RecordOutage(MaabarDbContext db, string agency, string title, string? description, DateTime sinceUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var incident = new Incident
        {
            Agency = agency, Type = IncidentType.SystemOutage, Impact = ImpactLevel.High, Title = title, Description = description,
            OccurredUtc = sinceUtc, RecordedUtc = nowUtc, FirstReportDueUtc = sinceUtc + IncidentRules.FirstReportWindow,
        };
        db.Incidents.Add(incident);
        db.Audit(Actor.System(agency), nowUtc, AuditActions.IncidentRecorded, "incident", incident.Id.ToString(), "federation.link-down", "type=SystemOutage;impact=High");
    }

    /// <summary>Closes the node's open outage incident with <paramref name="title"/>, with a report saying it is back.</summary>
    public static async Task CloseOutageAsync(MaabarDbContext db, string agency, string title, string text, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (Incident open in await db.Incidents.Include(x => x.Reports).Where(x => x.Agency == agency && x.Type == IncidentType.SystemOutage && x.Title == title && x.ClosedUtc == null).ToListAsync(cancellationToken))
        {
            Add(db, open, agency, Guid.Empty, text, null, close: true, nowUtc);
        }
    }

    /// <summary>Applies a partner's incident notice: the incident as its owner sees it now.</summary>
    public static async Task<string?> ApplyNoticeAsync(MaabarDbContext db, string sender, IncidentView notice, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Agency != sender || notice.Title is null || notice.Title.Length > IncidentRules.MaxTitleLength)
        {
            return notice.Agency != sender ? FederationCodes.NotTheOwner : FederationCodes.PayloadInvalid;
        }

        Incident? incident = await db.Incidents.Include(x => x.Reports).SingleOrDefaultAsync(x => x.Id == notice.Id, cancellationToken);
        if (incident is not null && incident.Agency != sender)
        {
            return FederationCodes.NotTheOwner;
        }

        string? crossing = notice.CrossingPointId is not null && await db.CrossingPoints.AnyAsync(c => c.Id == notice.CrossingPointId, cancellationToken) ? notice.CrossingPointId : null;
        if (incident is null)
        {
            incident = new Incident
            {
                Id = notice.Id, Agency = sender, Title = notice.Title, OccurredUtc = notice.OccurredUtc, RecordedUtc = nowUtc, FirstReportDueUtc = notice.FirstReportDueUtc,
            };
            db.Incidents.Add(incident);
        }

        incident.Type = notice.Type;
        incident.Impact = notice.Impact;
        incident.CrossingPointId = crossing;
        incident.SectorId = BorderSectors.Find(notice.SectorId)?.Id;
        incident.Latitude = notice.Latitude;
        incident.Longitude = notice.Longitude;
        incident.Title = notice.Title;
        incident.Description = notice.Description is { Length: > IncidentRules.MaxTextLength } d ? d[..IncidentRules.MaxTextLength] : notice.Description;
        incident.ClosedUtc = notice.ClosedUtc;
        foreach (IncidentReportView report in notice.Reports.Where(r => incident.Reports.TrueForAll(x => x.Id != r.Id)))
        {
            var copy = new IncidentReport
            {
                Id = report.Id, IncidentId = incident.Id, Text = report.Text.Length <= IncidentRules.MaxTextLength ? report.Text : report.Text[..IncidentRules.MaxTextLength],
                Impact = report.Impact, Closes = report.Closes, Agency = sender, WrittenUtc = report.WrittenUtc,
            };
            db.IncidentReports.Add(copy);
            if (!incident.Reports.Contains(copy))
            {
                incident.Reports.Add(copy);
            }
        }

        return null;
    }

    private static void Add(MaabarDbContext db, Incident incident, string agency, Guid by, string text, ImpactLevel? level, bool close, DateTime nowUtc)
    {
        // Added explicitly: a report with its id already set, found only through the navigation, would be taken for an existing row.
        var report = new IncidentReport { IncidentId = incident.Id, Text = text, Impact = level, Closes = close, Agency = agency, WrittenBy = by, WrittenUtc = nowUtc };
        db.IncidentReports.Add(report);
        if (!incident.Reports.Contains(report))
        {
            // Tracking fixes the navigation up when the incident is tracked; not otherwise.
            incident.Reports.Add(report);
        }
        if (level is { } l)
        {
            incident.Impact = l;
        }

        if (close)
        {
            incident.ClosedUtc = nowUtc;
        }
    }

    private async Task RecordedAsync(Actor actor, Incident incident, string purpose, DateTime nowUtc, CancellationToken cancellationToken)
    {
        db.Audit(actor, nowUtc, AuditActions.IncidentRecorded, "incident", incident.Id.ToString(), purpose,
            string.Create(CultureInfo.InvariantCulture, $"type={incident.Type};impact={incident.Impact};closed={incident.ClosedUtc is not null}"));

        // The level's reactions: the partner hears of it (and, once told, of every change after), the committee is notified.
        IncidentReaction reaction = policy.Value.For(incident.Impact);
        if (reaction.NotifyPartner || incident.SentToPartners)
        {
            incident.SentToPartners = true;
            foreach (string partner in outbox.Partners)
            {
                outbox.Enqueue(partner, MessageTypes.Incident, View(incident), nowUtc);
            }
        }

        if (reaction.NotifyCommittee)
        {
            await Committee.CommitteeRecords.NotifyAsync(db, incident, nowUtc, cancellationToken);
        }
    }

    /// <summary>After a partner's incident is applied: the committee is notified when its level requires it here.</summary>
    public async Task NotifyCommitteeIfRequiredAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        Incident? incident = db.Incidents.Local.FirstOrDefault(i => i.Id == incidentId);
        if (incident is not null && policy.Value.For(incident.Impact).NotifyCommittee)
        {
            await Committee.CommitteeRecords.NotifyAsync(db, incident, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    internal static IncidentView View(Incident x) => new(
        x.Id, x.Agency, x.Type, x.Impact, x.CrossingPointId, x.Latitude, x.Longitude, x.Title, x.Description, x.OccurredUtc, x.FirstReportDueUtc, x.ClosedUtc,
        [.. x.Reports.OrderBy(r => r.WrittenUtc).Select(r => new IncidentReportView(r.Id, r.Text, r.Impact, r.Closes, r.Agency, r.WrittenUtc))], x.SectorId);
}
