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

/// <summary>An incident as reported (API or form), raw.</summary>
public sealed record IncidentInput(string? Type, string? Impact, string? CrossingId, double? Latitude, double? Longitude, string? Title, string? Description, string? OccurredUtc, string? SectorId = null);

/// <summary>
/// Incidents at the crossings: reported by officers, supervisors and the liaison desk, followed up into a
/// timeline, closed by a report. A high or critical incident is sent to the partners (and re-sent with every
/// follow-up), in the same transaction; partners' incidents arrive the same way. Audited.
/// </summary>
public sealed class IncidentLog(MaabarDbContext db, TimeProvider clock, Outbox outbox)
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
        ImpactLevel? impact = Enum.TryParse(input.Impact, true, out ImpactLevel i) && Enum.IsDefined(i) && !int.TryParse(input.Impact, out _) ? i : null;
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
            if (DateTime.TryParse(input.OccurredUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime at) && at <= nowUtc.AddMinutes(5))
            {
                occurred = DateTime.SpecifyKind(at, DateTimeKind.Utc);
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
        Recorded(actor, incident, "incident.report", nowUtc);
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
            if (!Enum.TryParse(impact, true, out ImpactLevel parsed) || !Enum.IsDefined(parsed) || int.TryParse(impact, out _))
            {
                return (null, ErrorCodes.ImpactInvalid);
            }

            level = parsed;
        }

        if (incident.ClosedUtc is not null)
        {
            return (null, ErrorCodes.IncidentClosed);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        Add(db, incident, actor.Agency, actor.UserId, text.Trim(), level, close, nowUtc);
        Recorded(actor, incident, "incident.follow-up", nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        return (View(incident), null);
    }

    public async Task<IReadOnlyList<IncidentView>> ListAsync(bool openOnly, DateTime? sinceUtc, int limit, CancellationToken cancellationToken)
    {
        IQueryable<Incident> query = db.Incidents.AsNoTracking().Include(x => x.Reports);
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

    private void Recorded(Actor actor, Incident incident, string purpose, DateTime nowUtc)
    {
        db.Audit(actor, nowUtc, AuditActions.IncidentRecorded, "incident", incident.Id.ToString(), purpose,
            string.Create(CultureInfo.InvariantCulture, $"type={incident.Type};impact={incident.Impact};closed={incident.ClosedUtc is not null}"));

        // High and critical incidents go to the partners, and every change after that too.
        if (incident.Escalates || incident.Reports.Any(r => r.Impact >= ImpactLevel.High))
        {
            foreach (string partner in outbox.Partners)
            {
                outbox.Enqueue(partner, MessageTypes.Incident, View(incident), nowUtc);
            }
        }
    }

    internal static IncidentView View(Incident x) => new(
        x.Id, x.Agency, x.Type, x.Impact, x.CrossingPointId, x.Latitude, x.Longitude, x.Title, x.Description, x.OccurredUtc, x.FirstReportDueUtc, x.ClosedUtc,
        [.. x.Reports.OrderBy(r => r.WrittenUtc).Select(r => new IncidentReportView(r.Id, r.Text, r.Impact, r.Closes, r.Agency, r.WrittenUtc))], x.SectorId);
}
