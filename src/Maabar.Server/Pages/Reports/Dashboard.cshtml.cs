using Maabar.Core.Features.Reports;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Reports;

/// <summary>Dashboards with charts drawn on the server (SVG): no script, no internet.</summary>
public sealed class DashboardModel(Dashboard dashboard) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(int? days, CancellationToken ct) =>
        View = await dashboard.HandleAsync(User.ToActor(), days is { } d && Periods.Contains(d) ? d : 30, ct);

    /// <summary>The table behind one chart as CSV (UTF-8 with BOM, for spreadsheets).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, int? days, CancellationToken ct)
    {
        await OnGetAsync(days, ct);
        if (table is null || !View.Tables.TryGetValue(table, out IReadOnlyList<Bar>? rows))
        {
            return NotFound();
        }

        byte[] csv = Core.Tables.CsvText.Utf8WithBom(DashboardView.ToCsv(rows));
        return File(csv, "text/csv; charset=utf-8", $"{table}-{View.Days}d.csv");
    }
}
