using Maabar.Core.Features.Reports;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Reports;

/// <summary>Dashboards with charts drawn on the server (SVG): no script, no internet.</summary>
public sealed class DashboardModel(Dashboard dashboard, CrossingNames crossings) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    public DashboardView View { get; private set; } = null!;

    /// <summary>Crossing names in the page's language, by crossing id: a chart shows names, never codes.</summary>
    public CrossingNames Crossings => crossings;

    public async Task OnGetAsync(int? days, CancellationToken ct)
    {
        var actor = User.ToActor();
        View = await dashboard.HandleAsync(actor, days is { } d && Periods.Contains(d) ? d : 30, ct);
        await crossings.LoadAsync(actor, ct);
    }

    /// <summary>
    /// A per-crossing bar's label ("crossing-id Direction", as the CSV keeps it) in words: the crossing's name and the
    /// direction in the page's language.
    /// </summary>
    public string CrossingAndDirection(string label, Func<string, string> directionWord)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(directionWord);
        int space = label.LastIndexOf(' ');
        if (space < 0)
        {
            return crossings[label];
        }

        string crossing = label[..space];
        // \u2014 EM DASH between the crossing and the direction.
        return $"{crossings[crossing]} \u2014 {directionWord(label[(space + 1)..])}";
    }

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
