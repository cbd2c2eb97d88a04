using Maabar.Core;
using Maabar.Core.Features.Committee;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Committee;

/// <summary>The committee's desk: escalated incidents to acknowledge, overdue actions first, the meetings, a new meeting.</summary>
public sealed class IndexModel(CommitteeRecords records, TimeProvider clock, NodeCalendar calendar) : PageModel
{
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];

    public IReadOnlyList<MeetingView> Meetings { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public DateOnly Today => calendar.Today(clock);

    public bool MayRecord => CommitteeRecords.MayRecord(User.ToActor());

    /// <summary>Every action of every meeting, overdue first, then by due date.</summary>
    public IEnumerable<(MeetingView Meeting, ActionItemView Action)> Actions =>
        Meetings.SelectMany(m => m.Actions.Select(a => (m, a))).Where(x => x.a.Status == ActionItemStatus.Open)
            .OrderByDescending(x => x.a.IsOverdue(Today)).ThenBy(x => x.a.DueDate);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notices = await records.NoticesAsync(ct);
        Meetings = await records.ListAsync(ct);
    }

    /// <summary>Records a meeting. Participants one per line as "TUN: name, function"; agenda one item per line.</summary>
    public async Task<IActionResult> OnPostMeetingAsync(string? title, string? heldUtc, string? place, string? participants, string? agenda, CancellationToken ct)
    {
        ParticipantInput[] people = [.. Lines(participants).Select(line =>
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? new ParticipantInput(null, line) : new ParticipantInput(line[..colon], line[(colon + 1)..]);
        })];
        AgendaInput[] items = [.. Lines(agenda).Select(line => new AgendaInput(line))];
        (MeetingView? meeting, IReadOnlyList<ValidationError> errors) = await records.CreateMeetingAsync(User.ToActor(), new MeetingInput(title, heldUtc, place, people, items), ct);
        if (meeting is not null)
        {
            return RedirectToPage("/Committee/Meeting", new { id = meeting.Id });
        }

        return await RefusedAsync(errors, ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct)
    {
        string? error = await records.AcknowledgeAsync(User.ToActor(), id, ct);
        return error is null ? RedirectToPage("/Committee/Index") : await RefusedAsync([new ValidationError(error, "notice")], ct);
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<ValidationError> errors, CancellationToken ct)
    {
        Errors = errors;
        Response.StatusCode = errors.Any(e => e.Code == ErrorCodes.Forbidden) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    private static string[] Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
