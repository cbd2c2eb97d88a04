using Maabar.Core.Features.Hits;
using Maabar.Core.Features.Passages;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Passages;

/// <summary>A passage with its hits side by side; secondary officers decide each hit here, supervisors confirm.</summary>
public sealed class DetailsModel(GetPassage getPassage, DecideHit decideHit, ConfirmHit confirmHit, TimeProvider clock) : PageModel
{
    /// <summary>Now, for due times.</summary>
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public PassageView? Passage { get; private set; }

    /// <summary>The error of the last decision, as an error code, and the hit it concerned.</summary>
    public (Guid Hit, string Code)? DecisionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Passage = await getPassage.HandleAsync(User.ToActor(), id, "ui.passage.read", ct);
        return Passage is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid hitId, string? outcome, string? reason, CancellationToken ct)
    {
        AdjudicationResult result = await decideHit.HandleAsync(User.ToActor(), hitId, outcome, reason, ct);
        return await AfterAsync(id, hitId, result, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, Guid hitId, bool confirmed, CancellationToken ct)
    {
        AdjudicationResult result = await confirmHit.HandleAsync(User.ToActor(), hitId, confirmed, ct);
        return await AfterAsync(id, hitId, result, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Guid hitId, AdjudicationResult result, CancellationToken ct)
    {
        if (result.Outcome == AdjudicationOutcome.Done)
        {
            // Post/redirect/get: a reload does not decide twice.
            return RedirectToPage("/Passages/Details", new { id });
        }

        if (result.Outcome == AdjudicationOutcome.NotFound)
        {
            return NotFound();
        }

        DecisionError = (hitId, result.Code ?? result.Errors?[0].Code ?? "internal");
        Response.StatusCode = result.Outcome == AdjudicationOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return await OnGetAsync(id, ct);
    }
}
