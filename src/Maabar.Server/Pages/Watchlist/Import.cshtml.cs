using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
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

        if (file is null || file.Length == 0)
        {
            Error = ErrorCodes.Required;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var reader = new StreamReader(file.OpenReadStream());
        (Summary, Error, _, _) = await import.HandleFileAsync(User.ToActor(), format, category, reader, ct);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
