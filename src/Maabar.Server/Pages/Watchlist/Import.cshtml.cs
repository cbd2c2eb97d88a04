using System.Xml;
using Maabar.Core.Features.Watchlists;
using Maabar.Core.Tables;
using Maabar.Domain;
using Maabar.Domain.Watchlists;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Watchlist;

/// <summary>Upload of the UN Consolidated List (XML) or a CSV list: supervisors; the summary says what changed.</summary>
[RequestSizeLimit(32 * 1024 * 1024)]
public sealed class ImportModel(ImportWatchlist import) : PageModel
{
    public ImportSummary? Summary { get; private set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.IsInRole(Roles.Supervisor) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? format, string? category, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Supervisor))
        {
            return Forbid();
        }

        bool csv = format == "csv";
        WatchlistCategory? parsed = csv ? WatchlistEntryRules.ParseCategory(category) : WatchlistCategory.UnSanctions;
        if (file is null || file.Length == 0 || parsed is null)
        {
            Error = file is null || file.Length == 0 ? ErrorCodes.Required : ErrorCodes.CategoryInvalid;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            using var reader = new StreamReader(file.OpenReadStream());
            Summary = csv
                ? await import.HandleAsync(User.ToActor(), parsed.Value, [.. WatchlistCsv.Read(reader)], null, ct)
                : await import.HandleAsync(User.ToActor(), UnListReader.Read(reader), null, ct);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            Error = ErrorCodes.ImportMalformed;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
