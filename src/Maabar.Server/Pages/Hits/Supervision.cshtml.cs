using Maabar.Core.Features.Clearances;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Hits;

/// <summary>The supervisor's page: clearances issued under four eyes waiting for approval, and officers issuing unusually many.</summary>
public sealed class SupervisionModel(ClearanceSupervision supervision, ApproveClearance approveClearance) : PageModel
{
    public ClearanceSupervisionView? View { get; private set; }

    /// <summary>The error of the last approval, as an error code, and the clearance it concerned.</summary>
    public (string Number, string Code)? ApprovalError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await supervision.HandleAsync(User.ToActor(), ct);
        return View is null ? Forbid() : Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(string number, bool approve, string? reason, CancellationToken ct)
    {
        (ClearanceView? done, string? error) = await approveClearance.HandleAsync(User.ToActor(), number, approve, reason, ct);
        if (done is not null)
        {
            // Post/redirect/get: a reload does not approve twice.
            return RedirectToPage("/Hits/Supervision");
        }

        if (error == ErrorCodes.Forbidden)
        {
            return Forbid();
        }

        ApprovalError = (number, error ?? "internal");
        Response.StatusCode = error is ErrorCodes.ReasonRequired or ErrorCodes.TooLong ? StatusCodes.Status400BadRequest
            : error == ErrorCodes.ClearanceNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        View = await supervision.HandleAsync(User.ToActor(), ct);
        return View is null ? Forbid() : Page();
    }
}
