using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Sectors;

/// <summary>One agency's assessment of a sector as shown.</summary>
public sealed record SectorAssessmentView(string Agency, ImpactLevel Impact, string? Reason, DateTime SinceUtc);

/// <summary>A border sector with its impact level (the higher of the two agencies' assessments) and its open incidents.</summary>
public sealed record SectorView(
    string Id,
    string NameAr,
    string NameFr,
    string NameEn,
    double SouthLatitude,
    double NorthLatitude,
    ImpactLevel Impact,
    IReadOnlyList<SectorAssessmentView> Assessments,
    int OpenIncidents,
    ImpactLevel? WorstOpenIncident)
{
    public string NameIn(string language) => LocalizedText.Pick(language, NameAr, NameFr, NameEn);
}

/// <summary>The sector-impact notice between nodes.</summary>
public sealed record SectorImpactPayload(string SectorId, string Agency, ImpactLevel Impact, string? Reason, DateTime SinceUtc);

/// <summary>
/// The border sectors (see <see cref="BorderSectors"/>) with each agency's assessment and the open incidents
/// in each. A sector shows the higher of the two assessments; with none it is low.
/// </summary>
public sealed class SectorBoard(MaabarDbContext db)
{
    public async Task<IReadOnlyList<SectorView>> HandleAsync(CancellationToken cancellationToken)
    {
        List<SectorAssessment> assessments = await db.SectorAssessments.AsNoTracking().ToListAsync(cancellationToken);
        var open = await db.Incidents.AsNoTracking().Where(i => i.ClosedUtc == null && i.SectorId != null)
            .Select(i => new { i.SectorId, i.Impact }).ToListAsync(cancellationToken);
        return [.. BorderSectors.All.Select(s =>
        {
            SectorAssessmentView[] mine = [.. assessments.Where(a => a.SectorId == s.Id).OrderBy(a => a.Agency, StringComparer.Ordinal)
                .Select(a => new SectorAssessmentView(a.Agency, a.Impact, a.Reason, a.SinceUtc))];
            var incidents = open.Where(i => i.SectorId == s.Id).ToList();
            return new SectorView(s.Id, s.NameAr, s.NameFr, s.NameEn, s.SouthLatitude, s.NorthLatitude,
                mine.Length == 0 ? ImpactLevel.Low : mine.Max(a => a.Impact), mine, incidents.Count, incidents.Count == 0 ? null : incidents.Max(i => i.Impact));
        })];
    }

    /// <summary>Applies a partner's assessment of a sector.</summary>
    public static async Task<string?> ApplyNoticeAsync(MaabarDbContext db, string sender, SectorImpactPayload notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Agency != sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (BorderSectors.Find(notice.SectorId) is not { } sector || !Enum.IsDefined(notice.Impact))
        {
            return FederationCodes.PayloadInvalid;
        }

        SectorAssessment assessment = await db.SectorAssessments.SingleOrDefaultAsync(a => a.SectorId == sector.Id && a.Agency == sender, cancellationToken)
            ?? db.SectorAssessments.Add(new SectorAssessment { SectorId = sector.Id, Agency = sender }).Entity;
        assessment.Impact = notice.Impact;
        assessment.Reason = notice.Reason is { Length: > CrossingRules.MaxReasonLength } r ? r[..CrossingRules.MaxReasonLength] : notice.Reason;
        assessment.SinceUtc = notice.SinceUtc;
        return null;
    }
}

/// <summary>
/// A supervisor assesses a sector's impact level for their agency (low, medium, high, critical) with a reason
/// (required above low). Audited and sent to the partners in the same transaction.
/// </summary>
public sealed class SetSectorImpact(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public async Task<(SectorAssessmentView? Assessment, IReadOnlyList<ValidationError> Errors, bool NotFound)> HandleAsync(
        Actor actor, string sectorId, string? impact, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Supervisor))
        {
            return (null, [new ValidationError(ErrorCodes.Forbidden, "role")], false);
        }

        if (BorderSectors.Find(sectorId) is not { } sector)
        {
            return (null, [], true);
        }

        var errors = new List<ValidationError>();
        ImpactLevel? level = IncidentRules.ParseImpact(impact);
        if (level is null)
        {
            errors.Add(new ValidationError(impact is null ? ErrorCodes.Required : ErrorCodes.ImpactInvalid, "impact"));
        }

        string? why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > CrossingRules.MaxReasonLength })
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "reason"));
        }
        else if (level > ImpactLevel.Low && why is null)
        {
            errors.Add(new ValidationError(ErrorCodes.ReasonRequired, "reason"));
        }

        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        SectorAssessment assessment = await db.SectorAssessments.SingleOrDefaultAsync(a => a.SectorId == sector.Id && a.Agency == actor.Agency, cancellationToken)
            ?? db.SectorAssessments.Add(new SectorAssessment { SectorId = sector.Id, Agency = actor.Agency, SinceUtc = nowUtc }).Entity;
        assessment.SinceUtc = assessment.Impact == level && assessment.SinceUtc != default ? assessment.SinceUtc : nowUtc;
        assessment.Impact = level!.Value;
        assessment.Reason = why;
        assessment.SetBy = actor.UserId;
        db.Audit(actor, nowUtc, AuditActions.SectorAssessed, "sector", sector.Id, "sector.impact", string.Create(CultureInfo.InvariantCulture, $"impact={level}"));
        foreach (string partner in outbox.Partners)
        {
            outbox.Enqueue(partner, MessageTypes.SectorImpact, new SectorImpactPayload(sector.Id, actor.Agency, level.Value, why, assessment.SinceUtc), nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (new SectorAssessmentView(actor.Agency, assessment.Impact, assessment.Reason, assessment.SinceUtc), [], false);
    }
}
