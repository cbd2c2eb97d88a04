using Maabar.Core.Features.Reports;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Reports;

/// <summary>Dashboards with charts drawn on the server (SVG): no script, no internet.</summary>
public sealed class DashboardModel(Dashboard dashboard) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(int? days, CancellationToken ct) =>
        View = await dashboard.HandleAsync(User.ToActor(), days is { } d && Periods.Contains(d) ? d : 30, ct);
}
