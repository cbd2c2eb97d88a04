using Maabar.Core;
using Maabar.Core.Features.Clearances;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Features.Clearances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Pages;

/// <summary>
/// The public clearance check: no sign-in; a traveller types the number from the slip and their date of
/// birth and learns valid, revoked or unknown. Rate-limited like the API. The date is posted, not put in
/// the address, so it stays out of browser history and proxy logs.
/// </summary>
[EnableRateLimiting(ClearanceEndpoints.PublicCheckPolicy)]
public sealed class CheckModel(CheckClearance check, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? BirthDate { get; set; }

    public ClearanceStatus? Status { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Status = await check.HandleAsync(Actor.Public(node.Value.Agency), Number, BirthDate, ct);
    }
}
