using Maabar.Core;
using Maabar.Core.Features.Committee;
using Maabar.Core.Features.Crossings;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Pages.Committee;

/// <summary>One meeting: participants, agenda, decisions (with the crossing change they made), action items; the owner records, each agency updates its actions.</summary>
public sealed class MeetingModel(CommitteeRecords records, CrossingBoard board, IOptions<NodeOptions> node, TimeProvider clock, NodeCalendar calendar) : PageModel
{
    public MeetingView? Meeting { get; private set; }

    public IReadOnlyList<BoardCrossing> Crossings { get; private set; } = [];

    public IReadOnlyList<CrossingStatusChange> RecentChanges { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public DateOnly Today => calendar.Today(clock);

    public string Agency => User.FindFirst(Core.Data.MaabarClaims.Agency)?.Value ?? node.Value.Agency;

    /// <summary>True when the signed-in user records for the meeting's owner agency.</summary>
    public bool MayWrite => Meeting is not null && Meeting.OwnerAgency == Agency && CommitteeRecords.MayRecord(User.ToActor());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Meeting = await records.GetAsync(id, ct);
        if (Meeting is null)
        {
            return NotFound();
        }

        Crossings = [.. (await board.HandleAsync(Agency, ct)).Where(c => c.Lanes.Count > 0)];
        RecentChanges = await records.RecentChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDecisionAsync(Guid id, string? kind, string? text, string? crossingId, string? status, string? reason, List<string>? allowed, Guid? changeId, CancellationToken ct)
    {
        // On the form, a crossing-status decision applies the chosen status unless it refers to a change made already.
        bool apply = kind == "crossing-status" && changeId is null;
        var input = new DecisionInput(kind, text, apply ? crossingId : null, apply ? status : null, reason, allowed, changeId);
        (DecisionView? decision, IReadOnlyList<ValidationError> errors, bool notFound) = await records.DecideAsync(User.ToActor(), id, input, ct);
        return notFound ? NotFound() : decision is not null ? RedirectToPage("/Committee/Meeting", new { id }) : await RefusedAsync(id, errors, ct);
    }

    public async Task<IActionResult> OnPostActionAsync(Guid id, string? text, string? ownerAgency, string? dueDate, Guid? decisionId, CancellationToken ct)
    {
        (ActionItemView? action, IReadOnlyList<ValidationError> errors, bool notFound) = await records.AddActionAsync(User.ToActor(), id, new ActionInput(text, ownerAgency, dueDate, decisionId), ct);
        return notFound ? NotFound() : action is not null ? RedirectToPage("/Committee/Meeting", new { id }) : await RefusedAsync(id, errors, ct);
    }

    public async Task<IActionResult> OnPostActionStatusAsync(Guid id, Guid actionId, string? status, string? note, CancellationToken ct)
    {
        (ActionItemView? action, string? error) = await records.UpdateActionAsync(User.ToActor(), actionId, status, note, ct);
        return action is not null ? RedirectToPage("/Committee/Meeting", new { id }) : await RefusedAsync(id, [new ValidationError(error!, "status")], ct);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, IReadOnlyList<ValidationError> errors, CancellationToken ct)
    {
        Errors = errors;
        IActionResult page = await OnGetAsync(id, ct);
        Response.StatusCode = errors.Any(e => e.Code == ErrorCodes.Forbidden) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return page;
    }
}
