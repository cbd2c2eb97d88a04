using Maabar.Core.Features.Hits;
using Maabar.Domain;
using Maabar.Core.Features.Passages;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Passages;

/// <summary>A passage with its hits side by side; secondary officers decide each hit here, supervisors confirm.</summary>
public sealed class DetailsModel(GetPassage getPassage, DecideHit decideHit, ConfirmHit confirmHit, TimeProvider clock, CrossingNames crossings) : PageModel
{
    /// <summary>Now, for due times.</summary>
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public PassageView? Passage { get; private set; }

    /// <summary>Crossings by name (the printed record names the crossing).</summary>
    public CrossingNames Crossings => crossings;

    /// <summary>The error of the last decision, as an error code, and the hit it concerned.</summary>
    public (Guid Hit, string Code)? DecisionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        Passage = await getPassage.HandleAsync(actor, id, "ui.passage.read", ct);
        if (Passage is null)
        {
            return NotFound();
        }

        await crossings.LoadAsync(actor, ct);
        return Page();
    }

    /// <summary>The page's code (resource <c>error.decision.required</c>) for a decision sent without a choice.</summary>
    public const string DecisionRequired = "decision.required";

    /// <summary>The reason typed with a refused decision, shown again so that nothing typed is lost.</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>
    /// True when the traveller was referred and every hit is closed as a namesake (negative): the page says the
    /// traveller may proceed instead of the referral.
    /// </summary>
    public bool MayProceed => Passage is { Decision: PassageDecision.Referred, Hits.Count: > 0 } passage
        && passage.Hits.All(h => h.Status == HitStatus.Closed && h.Outcome == HitOutcome.Negative);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid hitId, string? outcome, string? reason, CancellationToken ct)
    {
        // An empty choice goes to the use case like any other: it refuses it and changes nothing.
        AdjudicationResult result = await decideHit.HandleAsync(User.ToActor(), hitId, outcome, reason, ct);
        DecisionReason = reason;
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

        // No decision chosen gets its own message ("choose one; nothing was recorded"), not "this field is required".
        string code = result.Code ?? result.Errors?[0].Code ?? "internal";
        DecisionError = (hitId, result.Errors is [{ Field: "outcome" }] && code == ErrorCodes.Required ? DecisionRequired : code);
        Response.StatusCode = result.Outcome == AdjudicationOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return await OnGetAsync(id, ct);
    }
}
