using Maabar.Core.Features.Clearances;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Clearances;

/// <summary>A namesake clearance: the printable slip (Arabic and French) for the traveller, and revocation for supervisors.</summary>
public sealed class DetailsModel(GetClearance getClearance, RevokeClearance revokeClearance) : PageModel
{
    public ClearanceView? Clearance { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        Clearance = await getClearance.HandleAsync(User.ToActor(), number, "ui.clearance.slip", ct);
        return Clearance is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string number, string? reason, CancellationToken ct)
    {
        (ClearanceView? revoked, string? error) = await revokeClearance.HandleAsync(User.ToActor(), number, reason, ct);
        if (revoked is not null)
        {
            return RedirectToPage("/Clearances/Details", new { number = revoked.Number });
        }

        if (error == ErrorCodes.ClearanceNotFound)
        {
            return NotFound();
        }

        Error = error;
        Response.StatusCode = error == ErrorCodes.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return await OnGetAsync(number, ct);
    }
}
