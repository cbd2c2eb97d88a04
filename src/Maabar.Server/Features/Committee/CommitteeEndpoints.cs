using System.Security.Claims;
using Maabar.Core;
using Maabar.Core.Features.Committee;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Committee;

/// <summary>The body of PUT /api/v1/committee/actions/{id}.</summary>
public sealed record ActionStatusBody(string? Status, string? Note);

internal static class CommitteeEndpoints
{
    public static void MapCommitteeEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/committee").WithTags("Committee");
        group.MapGet("/meetings", ListAsync).WithSummary("Every meeting this node knows (its own and the partner's), most recent first, with participants, agenda, decisions and actions. Committee members, supervisors, liaison officers, analysts.");
        group.MapGet("/meetings/{id:guid}", GetAsync).WithSummary("One meeting.");
        group.MapPost("/meetings", CreateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024))
            .WithSummary("Records a meeting: title, heldUtc, place, participants [{agency, name}], agenda [{title, incidentId?}]. Committee members and supervisors. Sent to partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/meetings/{id:guid}/decisions", DecideAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("Records a decision: kind crossing-status|list-review|other, text. A crossing-status decision either applies the change (crossingId, status, reason, allowedCategories; a supervisor) or refers to one (crossingStatusChangeId).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/meetings/{id:guid}/actions", AddActionAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("Adds an action item: text, ownerAgency, dueDate (YYYY-MM-DD), decisionId.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/actions", ActionsAsync).WithSummary("Action items of every meeting, overdue first; overdue=true for overdue ones only.");
        group.MapPut("/actions/{id:guid}", UpdateActionAsync)
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("The owner agency sets its action item open, done or cancelled, with a note.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/notices", NoticesAsync).WithSummary("Escalated incidents brought to the committee, unacknowledged first.");
        group.MapPost("/notices/{id:guid}/acknowledgement", AcknowledgeAsync).WithSummary("A committee member acknowledges a notice.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>One row of GET /committee/actions: the action with its meeting.</summary>
    public sealed record ActionRow(Guid MeetingId, string MeetingTitle, string MeetingOwner, ActionItemView Action, bool Overdue);

    private static async Task<Results<Ok<IReadOnlyList<MeetingView>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct) =>
        CommitteeRecords.MayRead(user.ToActor()) ? TypedResults.Ok(await records.ListAsync(ct)) : problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct)
    {
        if (!CommitteeRecords.MayRead(user.ToActor()))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        return await records.GetAsync(id, ct) is { } meeting ? TypedResults.Ok(meeting) : problems.Of(StatusCodes.Status404NotFound, ErrorCodes.MeetingNotFound);
    }

    private static async Task<Results<Created<MeetingView>, ProblemHttpResult>> CreateAsync(MeetingInput body, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct)
    {
        (MeetingView? meeting, IReadOnlyList<ValidationError> errors) = await records.CreateMeetingAsync(user.ToActor(), body, ct);
        if (meeting is not null)
        {
            return TypedResults.Created($"/api/v1/committee/meetings/{meeting.Id}", meeting);
        }

        return Refused(problems, errors, false);
    }

    private static async Task<Results<Created<DecisionView>, ProblemHttpResult>> DecideAsync(Guid id, DecisionInput body, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct)
    {
        (DecisionView? decision, IReadOnlyList<ValidationError> errors, bool notFound) = await records.DecideAsync(user.ToActor(), id, body, ct);
        return decision is not null ? TypedResults.Created($"/api/v1/committee/meetings/{id}", decision) : Refused(problems, errors, notFound);
    }

    private static async Task<Results<Created<ActionItemView>, ProblemHttpResult>> AddActionAsync(Guid id, ActionInput body, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct)
    {
        (ActionItemView? action, IReadOnlyList<ValidationError> errors, bool notFound) = await records.AddActionAsync(user.ToActor(), id, body, ct);
        return action is not null ? TypedResults.Created($"/api/v1/committee/meetings/{id}", action) : Refused(problems, errors, notFound);
    }

    private static async Task<Results<Ok<IReadOnlyList<ActionRow>>, ProblemHttpResult>> ActionsAsync(ClaimsPrincipal user, CommitteeRecords records, TimeProvider clock, NodeCalendar calendar, Problems problems, CancellationToken ct, bool overdue = false)
    {
        if (!CommitteeRecords.MayRead(user.ToActor()))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        DateOnly today = calendar.Today(clock);
        IReadOnlyList<ActionRow> rows = [.. (await records.ListAsync(ct))
            .SelectMany(m => m.Actions.Select(a => new ActionRow(m.Id, m.Title, m.OwnerAgency, a, a.IsOverdue(today))))
            .Where(r => !overdue || r.Overdue)
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Action.DueDate)];
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ActionItemView>, ProblemHttpResult>> UpdateActionAsync(Guid id, ActionStatusBody body, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct)
    {
        (ActionItemView? action, string? error) = await records.UpdateActionAsync(user.ToActor(), id, body.Status, body.Note, ct);
        return error switch
        {
            null => TypedResults.Ok(action!),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
            ErrorCodes.ActionNotFound => problems.Of(StatusCodes.Status404NotFound, error),
            _ => problems.Validation([new ValidationError(error, error == ErrorCodes.TooLong ? "note" : "status")]),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<NoticeView>>, ProblemHttpResult>> NoticesAsync(ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct) =>
        CommitteeRecords.MayRead(user.ToActor()) ? TypedResults.Ok(await records.NoticesAsync(ct)) : problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);

    private static async Task<Results<NoContent, ProblemHttpResult>> AcknowledgeAsync(Guid id, ClaimsPrincipal user, CommitteeRecords records, Problems problems, CancellationToken ct) =>
        await records.AcknowledgeAsync(user.ToActor(), id, ct) switch
        {
            null => TypedResults.NoContent(),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden),
            string error => problems.Of(StatusCodes.Status404NotFound, error),
        };

    private static ProblemHttpResult Refused(Problems problems, IReadOnlyList<ValidationError> errors, bool notFound)
    {
        if (notFound)
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.MeetingNotFound);
        }

        return problems.Refused(errors);
    }
}
