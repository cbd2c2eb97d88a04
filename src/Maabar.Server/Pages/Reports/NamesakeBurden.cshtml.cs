using System.Text;
using Maabar.Core.Features.Reports;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Reports;

/// <summary>The namesake-burden report: which entries stop namesakes, and what they lack. Table and CSV.</summary>
public sealed class NamesakeBurdenModel(NamesakeBurden report) : PageModel
{
    public IReadOnlyList<NamesakeBurdenRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await report.HandleAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        IReadOnlyList<NamesakeBurdenRow> rows = await report.HandleAsync(User.ToActor(), ct);
        byte[] bytes = Core.Tables.CsvText.Utf8WithBom(NamesakeBurden.ToCsv(rows));
        return File(bytes, "text/csv; charset=utf-8", "namesake-burden.csv");
    }
}
