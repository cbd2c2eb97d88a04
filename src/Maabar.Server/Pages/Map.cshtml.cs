using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Incidents;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Pages;

/// <summary>The shared picture: the border region, crossings coloured by status, incidents by impact, with a time filter.</summary>
public sealed class MapModel(BorderMap map, CrossingBoard board, IncidentLog incidents, Core.Features.Sectors.SectorBoard sectors, IOptions<NodeOptions> node, TimeProvider clock) : PageModel
{
    public static readonly int[] Periods = [1, 7, 30, 365];

    public BorderMap Map => map;

    public IReadOnlyList<BoardCrossing> Crossings { get; private set; } = [];

    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];

    public IReadOnlyList<Core.Features.Sectors.SectorView> Sectors { get; private set; } = [];

    public int Days { get; private set; } = 7;

    public async Task OnGetAsync(int? days, CancellationToken ct)
    {
        Days = days is { } d && Periods.Contains(d) ? d : 7;
        Crossings = await board.HandleAsync(User.FindFirst(Core.Data.MaabarClaims.Agency)?.Value ?? node.Value.Agency, ct);
        Incidents = await incidents.ListAsync(User.ToActor(), false, clock.GetUtcNow().UtcDateTime.AddDays(-Days), 500, ct);
        Sectors = await sectors.HandleAsync(ct);
    }

    /// <summary>Where an incident is drawn: its coordinates, else its crossing's.</summary>
    public (double X, double Y)? Position(IncidentView incident)
    {
        if (incident.Latitude is { } lat && incident.Longitude is { } lon)
        {
            return map.Project(lat, lon);
        }

        BoardCrossing? crossing = Crossings.FirstOrDefault(c => c.Id == incident.CrossingPointId);
        if (crossing is not null)
        {
            return map.Project(crossing.Latitude, crossing.Longitude);
        }

        return Domain.BorderSectors.Find(incident.SectorId) is { } sector ? map.SectorMiddle(sector) : null;
    }
}
