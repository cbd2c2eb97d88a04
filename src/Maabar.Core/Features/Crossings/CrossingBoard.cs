using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Crossings;

/// <summary>One side of a crossing on the board.</summary>
public sealed record SideView(string Agency, CrossingStatus Status, string? Reason, DateTime? SinceUtc, DateTime? ExpectedReopeningUtc, IReadOnlyList<string> AllowedCategories);

/// <summary>A lane with its measured service time, load and estimated wait over the last hour.</summary>
public sealed record LaneWaitView(string Code, LaneMode Mode, PassageDirection? Direction, CrossingStatus Status, int PassagesLastHour, double? ServiceSeconds, double? Load, double? WaitMinutes);

/// <summary>A crossing on the status board: both sides' status, this node's lanes and the estimated waits.</summary>
public sealed record BoardCrossing(
    string Id,
    string NameAr,
    string NameFr,
    string NameEn,
    double Latitude,
    double Longitude,
    IReadOnlyList<string> Countries,
    IReadOnlyList<SideView> Sides,
    IReadOnlyList<LaneWaitView> Lanes,
    double? EntryWaitMinutes,
    double? ExitWaitMinutes)
{
    public string NameIn(string language) => LocalizedText.Pick(language, NameAr, NameFr, NameEn);
}

/// <summary>The crossing-status notice between nodes.</summary>
public sealed record CrossingStatusPayload(string CrossingId, string Agency, string? LaneCode, CrossingStatus Status, string? Reason, DateTime SinceUtc, DateTime? ExpectedReopeningUtc, IReadOnlyList<string> AllowedCategories);

/// <summary>
/// The status board: every crossing of this node with both sides' status (its own, and the partner's as last
/// notified), and for this node's lanes the service time, load and estimated wait measured from the last
/// hour's passages (see <see cref="CrossingRules.EstimateWait"/>). Public: no personal data.
/// </summary>
public sealed class CrossingBoard(MaabarDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<BoardCrossing>> HandleAsync(string agency, CancellationToken cancellationToken)
    {
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        DateTime since = nowUtc - Window;
        List<CrossingPoint> crossings = await db.CrossingPoints.AsNoTracking()
            .Include(c => c.Lanes.Where(l => l.Agency == agency))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        List<CrossingSideStatus> sides = await db.CrossingSideStatuses.AsNoTracking().ToListAsync(cancellationToken);
        var recent = await db.Passages.AsNoTracking().Where(p => p.Agency == agency && p.RecordedUtc >= since)
            .Select(p => new { p.LaneId, p.RecordedUtc }).ToListAsync(cancellationToken);
        ILookup<Guid, DateTime> byLane = recent.ToLookup(p => p.LaneId, p => p.RecordedUtc);
        var board = new List<BoardCrossing>();
        foreach (CrossingPoint c in crossings)
        {
            string[] countries = c.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var sideViews = countries.Select(country =>
            {
                CrossingSideStatus? s = sides.FirstOrDefault(x => x.CrossingPointId == c.Id && x.Agency == country);
                return s is null
                    ? new SideView(country, c.Status, null, null, null, [])
                    : new SideView(country, s.Status, s.Reason, s.SinceUtc, s.ExpectedReopeningUtc, s.AllowedCategories.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }).ToList();
            CrossingStatus ownSide = sideViews.FirstOrDefault(s => s.Agency == agency)?.Status ?? c.Status;
            var lanes = c.Lanes.OrderBy(l => l.Code, StringComparer.Ordinal).Select(l =>
            {
                DateTime[] times = [.. byLane[l.Id]];
                var estimate = CrossingRules.EstimateWait(times, Window);
                CrossingStatus status = ownSide == CrossingStatus.Closed ? CrossingStatus.Closed : l.Status;
                return new LaneWaitView(l.Code, l.Mode, l.Direction, status, times.Length, estimate?.ServiceTime.TotalSeconds, estimate?.Load,
                    status == CrossingStatus.Closed ? null : estimate is { } e ? e.Wait.TotalMinutes : times.Length > 0 ? 0 : null);
            }).ToList();
            double? Wait(PassageDirection direction) => lanes
                .Where(l => l.Status != CrossingStatus.Closed && (l.Direction is null || l.Direction == direction) && l.WaitMinutes is not null)
                .Select(l => l.WaitMinutes).Min();
            board.Add(new BoardCrossing(c.Id, c.NameAr, c.NameFr, c.NameEn, c.Latitude, c.Longitude, countries, sideViews, lanes, Wait(PassageDirection.Entry), Wait(PassageDirection.Exit)));
        }

        return board;
    }
}

/// <summary>
/// A supervisor sets their agency's side of a crossing, or one of its lanes: open, restricted,
/// humanitarian-only or closed, with a reason, expected reopening and allowed categories. Audited, kept in the
/// board's history, and sent to the partners in the same transaction. A closed side or lane refuses passages.
/// </summary>
public sealed class SetCrossingStatus(MaabarDbContext db, TimeProvider clock, Outbox outbox)
{
    public Task<(SideView? Side, IReadOnlyList<ValidationError> Errors, bool NotFound)> HandleAsync(
        Actor actor, string crossingId, string? laneCode, string? status, string? reason, string? expectedReopening, IReadOnlyList<string>? allowedCategories, CancellationToken cancellationToken) =>
        HandleAsync(actor, crossingId, laneCode, status, reason, expectedReopening, allowedCategories, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="alsoSave"/> is called with the change before it is saved, so that a caller
    /// (a committee decision) can add its own rows to the same transaction.
    /// </summary>
    public async Task<(SideView? Side, IReadOnlyList<ValidationError> Errors, bool NotFound)> HandleAsync(
        Actor actor, string crossingId, string? laneCode, string? status, string? reason, string? expectedReopening, IReadOnlyList<string>? allowedCategories,
        Action<CrossingStatusChange>? alsoSave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Supervisor))
        {
            return (null, [new ValidationError(ErrorCodes.Forbidden, "role")], false);
        }

        CrossingPoint? crossing = await db.CrossingPoints.Include(c => c.Lanes.Where(l => l.Agency == actor.Agency))
            .SingleOrDefaultAsync(c => c.Id == crossingId, cancellationToken);
        if (crossing is null || crossing.Lanes.Count == 0)
        {
            return (null, [], true);
        }

        var errors = new List<ValidationError>();
        CrossingStatus? parsed = CrossingRules.ParseStatus(status);
        if (parsed is null)
        {
            errors.Add(new ValidationError(status is null ? ErrorCodes.Required : ErrorCodes.CrossingStatusInvalid, "status"));
        }

        string? why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > CrossingRules.MaxReasonLength })
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "reason"));
        }

        if (parsed is not null and not CrossingStatus.Open && why is null)
        {
            errors.Add(new ValidationError(ErrorCodes.ReasonRequired, "reason"));
        }

        DateTime? reopening = null;
        if (!string.IsNullOrWhiteSpace(expectedReopening))
        {
            if (Instants.TryParseUtc(expectedReopening, out DateTime at))
            {
                reopening = at;
            }
            else
            {
                errors.Add(new ValidationError(ErrorCodes.DateFormat, "expectedReopening"));
            }
        }

        string[] categories = [.. (allowedCategories ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct()];
        if (categories.Any(c => !CrossingRules.Categories.Contains(c)))
        {
            errors.Add(new ValidationError(ErrorCodes.CrossingCategoryInvalid, "allowedCategories"));
        }

        Lane? lane = null;
        if (!string.IsNullOrWhiteSpace(laneCode))
        {
            lane = crossing.Lanes.SingleOrDefault(l => string.Equals(l.Code, laneCode.Trim(), StringComparison.OrdinalIgnoreCase));
            if (lane is null)
            {
                errors.Add(new ValidationError(ErrorCodes.LaneUnknown, "lane"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        string joined = parsed is CrossingStatus.Restricted or CrossingStatus.HumanitarianOnly ? string.Join(',', categories) : string.Empty;
        CrossingSideStatus side = await db.CrossingSideStatuses.SingleOrDefaultAsync(s => s.CrossingPointId == crossing.Id && s.Agency == actor.Agency, cancellationToken)
            ?? db.CrossingSideStatuses.Add(new CrossingSideStatus { CrossingPointId = crossing.Id, Agency = actor.Agency, SinceUtc = nowUtc }).Entity;
        if (lane is not null)
        {
            lane.Status = parsed!.Value;
        }
        else
        {
            side.SinceUtc = side.Status == parsed ? side.SinceUtc : nowUtc;
            side.Status = parsed!.Value;
            side.Reason = why;
            side.ExpectedReopeningUtc = parsed == CrossingStatus.Open ? null : reopening;
            side.AllowedCategories = joined;
            side.SetBy = actor.UserId;
        }

        var change = new CrossingStatusChange
        {
            CrossingPointId = crossing.Id, Agency = actor.Agency, LaneCode = lane?.Code, Status = parsed!.Value, Reason = why,
            ExpectedReopeningUtc = reopening, AllowedCategories = joined, ChangedBy = actor.UserId, ChangedUtc = nowUtc,
        };
        db.CrossingStatusChanges.Add(change);
        alsoSave?.Invoke(change);
        db.Audit(actor, nowUtc, AuditActions.CrossingStatusChanged, "crossing", crossing.Id, "crossing.status",
            string.Create(CultureInfo.InvariantCulture, $"status={parsed};lane={lane?.Code ?? "-"}"));
        foreach (string partner in outbox.Partners)
        {
            outbox.Enqueue(partner, MessageTypes.CrossingStatus, new CrossingStatusPayload(crossing.Id, actor.Agency, lane?.Code, parsed.Value, why, nowUtc, reopening, joined.Split(',', StringSplitOptions.RemoveEmptyEntries)), nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (new SideView(actor.Agency, side.Status, side.Reason, side.SinceUtc, side.ExpectedReopeningUtc, side.AllowedCategories.Split(',', StringSplitOptions.RemoveEmptyEntries)), [], false);
    }
}
