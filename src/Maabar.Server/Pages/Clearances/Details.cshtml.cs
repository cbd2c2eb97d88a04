using Maabar.Core.Features.Clearances;
using Maabar.Core.Features.Crossings;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Clearances;

/// <summary>A namesake clearance: the printable slip (Arabic and French) for the traveller, and revocation for supervisors.</summary>
public sealed class DetailsModel(GetClearance getClearance, RevokeClearance revokeClearance, ListCrossings listCrossings) : PageModel
{
    public ClearanceView? Clearance { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The crossing the clearance was issued at (named on the slip in each of its languages); null when not known.</summary>
    public CrossingView? Crossing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        var actor = User.ToActor();
        Clearance = await getClearance.HandleAsync(actor, number, "ui.clearance.slip", ct);
        if (Clearance is null)
        {
            return NotFound();
        }

        if (Clearance.CrossingId is { } crossing)
        {
            Crossing = (await listCrossings.HandleAsync(actor, ct)).FirstOrDefault(c => c.Id == crossing);
        }

        return Page();
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
