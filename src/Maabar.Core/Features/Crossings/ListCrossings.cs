using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Crossings;

public sealed record LaneView(string Code, LaneMode Mode, PassageDirection? Direction, CrossingStatus Status);

public sealed record CrossingView(string Id, string NameAr, string NameFr, string NameEn, double Latitude, double Longitude, IReadOnlyList<string> Countries, CrossingStatus Status, IReadOnlyList<LaneView> Lanes)
{
    public string NameIn(string language) => LocalizedText.Pick(language, NameAr, NameFr, NameEn);
}

/// <summary>The crossing points where the actor's agency operates lanes, with those lanes.</summary>
public sealed class ListCrossings(MaabarDbContext db)
{
    public async Task<IReadOnlyList<CrossingView>> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        List<CrossingPoint> crossings = await db.CrossingPoints.AsNoTracking()
            .Where(c => c.Lanes.Any(l => l.Agency == actor.Agency))
            .Include(c => c.Lanes.Where(l => l.Agency == actor.Agency))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. crossings.Select(c => new CrossingView(
            c.Id, c.NameAr, c.NameFr, c.NameEn, c.Latitude, c.Longitude,
            c.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries), c.Status,
            [.. c.Lanes.OrderBy(l => l.Code, StringComparer.Ordinal).Select(l => new LaneView(l.Code, l.Mode, l.Direction, l.Status))]))];
    }
}
