using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Committee;

public sealed record ParticipantView(string Agency, string Name);

public sealed record AgendaItemView(int Position, string Title, Guid? IncidentId);

public sealed record DecisionView(Guid Id, DecisionKind Kind, string Text, string? CrossingPointId, Guid? CrossingStatusChangeId, DateTime RecordedUtc);

public sealed record ActionItemView(Guid Id, Guid? DecisionId, string Text, string OwnerAgency, DateOnly DueDate, ActionItemStatus Status, string? Note, DateTime UpdatedUtc)
{
    public bool IsOverdue(DateOnly today) => CommitteeRules.IsOverdue(Status, DueDate, today);
}

/// <summary>A meeting as shown and as sent to the partner (the <c>committee-meeting</c> message's payload).</summary>
public sealed record MeetingView(
    Guid Id,
    string OwnerAgency,
    string Title,
    DateTime HeldUtc,
    string Place,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<ActionItemView> Actions);

/// <summary>An action's owner tells the meeting's owner where the action stands (the <c>committee-action</c> payload).</summary>
public sealed record ActionStatusPayload(Guid MeetingId, Guid ActionId, ActionItemStatus Status, string? Note, DateTime UpdatedUtc);

/// <summary>An escalated incident waiting for the committee.</summary>
public sealed record NoticeView(Guid Id, Guid IncidentId, ImpactLevel Impact, DateTime CreatedUtc, DateTime? AcknowledgedUtc, string? IncidentTitle, string? IncidentAgency, DateTime? IncidentClosedUtc);

public sealed record ParticipantInput(string? Agency, string? Name);

public sealed record AgendaInput(string? Title, Guid? IncidentId = null);

/// <summary>A meeting as entered (form or API), raw.</summary>
public sealed record MeetingInput(string? Title, string? HeldUtc, string? Place, IReadOnlyList<ParticipantInput>? Participants, IReadOnlyList<AgendaInput>? Agenda);

/// <summary>
/// A decision as entered. A crossing-status decision either applies the change now (<see cref="Status"/>
/// with <see cref="CrossingId"/>; the recorder must be a supervisor, and the change is the recorder's
/// agency's side) or refers to a change already made (<see cref="CrossingStatusChangeId"/>).
/// </summary>
public sealed record DecisionInput(string? Kind, string? Text, string? CrossingId = null, string? Status = null, string? Reason = null, IReadOnlyList<string>? AllowedCategories = null, Guid? CrossingStatusChangeId = null);

/// <summary>An action item as entered.</summary>
public sealed record ActionInput(string? Text, string? OwnerAgency, string? DueDate, Guid? DecisionId = null);

/// <summary>
/// The joint committee's records: meetings with participants and agenda, decisions (a crossing-status
/// decision linked to the change it made, in the same transaction), action items with an owner agency and
/// a due date, and the escalated incidents brought to it. Committee members and supervisors record; the
/// meeting's agency owns it and sends every change to the partners; each agency updates its own actions.
/// </summary>
public sealed class CommitteeRecords(MaabarDbContext db, TimeProvider clock, Outbox outbox, SetCrossingStatus setStatus)
{
    /// <summary>Who records meetings, decisions and actions.</summary>
    public static bool MayRecord(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.CommitteeMember) || actor.IsInRole(Roles.Supervisor);
    }

    /// <summary>Who reads the committee's records.</summary>
    public static bool MayRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayRecord(actor) || actor.IsInRole(Roles.LiaisonOfficer) || actor.IsInRole(Roles.Analyst);
    }

    public async Task<(MeetingView? Meeting, IReadOnlyList<ValidationError> Errors)> CreateMeetingAsync(Actor actor, MeetingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayRecord(actor))
        {
            return (null, [new ValidationError(ErrorCodes.Forbidden, "role")]);
        }

        var errors = new List<ValidationError>();
        string? title = Short(input.Title, "title", errors);
        string? place = Short(input.Place, "place", errors);
        DateTime held = default;
        if (string.IsNullOrWhiteSpace(input.HeldUtc))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "heldUtc"));
        }
        else if (Instants.TryParseUtc(input.HeldUtc, out DateTime at))
        {
            held = at;
        }
        else
        {
            errors.Add(new ValidationError(ErrorCodes.DateFormat, "heldUtc"));
        }

        IReadOnlyList<ParticipantInput> participants = input.Participants ?? [];
        IReadOnlyList<AgendaInput> agenda = input.Agenda ?? [];
        if (participants.Count > CommitteeRules.MaxItems || agenda.Count > CommitteeRules.MaxItems)
        {
            errors.Add(new ValidationError(ErrorCodes.TooMany, participants.Count > CommitteeRules.MaxItems ? "participants" : "agenda"));
        }

        for (int i = 0; i < participants.Count; i++)
        {
            if (AgencyCode.TryParse(participants[i].Agency) is null)
            {
                errors.Add(new ValidationError(ErrorCodes.AgencyUnknown, $"participants[{i}].agency"));
            }

            Short(participants[i].Name, $"participants[{i}].name", errors);
        }

        for (int i = 0; i < agenda.Count; i++)
        {
            Short(agenda[i].Title, $"agenda[{i}].title", errors);
        }

        Guid[] incidentIds = [.. agenda.Where(a => a.IncidentId is not null).Select(a => a.IncidentId!.Value)];
        if (incidentIds.Length > 0 && await db.Incidents.CountAsync(x => incidentIds.Contains(x.Id), cancellationToken) != incidentIds.Distinct().Count())
        {
            errors.Add(new ValidationError(ErrorCodes.IncidentNotFound, "agenda"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var meeting = new CommitteeMeeting { OwnerAgency = actor.Agency, Title = title!, Place = place!, HeldUtc = held, RecordedBy = actor.UserId, RecordedUtc = nowUtc };
        meeting.Participants.AddRange(participants.Select(p => new MeetingParticipant { MeetingId = meeting.Id, Agency = AgencyCode.TryParse(p.Agency)!, Name = p.Name!.Trim() }));
        meeting.Agenda.AddRange(agenda.Select((a, i) => new AgendaItem { MeetingId = meeting.Id, Position = i + 1, Title = a.Title!.Trim(), IncidentId = a.IncidentId }));
        db.CommitteeMeetings.Add(meeting);
        Changed(actor, meeting, "meeting", nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        return (View(meeting), []);
    }

    public async Task<(DecisionView? Decision, IReadOnlyList<ValidationError> Errors, bool NotFound)> DecideAsync(Actor actor, Guid meetingId, DecisionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        (CommitteeMeeting? meeting, IReadOnlyList<ValidationError> refused) = await WritableAsync(actor, meetingId, cancellationToken);
        if (meeting is null)
        {
            return (null, refused, refused.Count == 0);
        }

        var errors = new List<ValidationError>();
        DecisionKind? kind = CommitteeRules.ParseKind(input.Kind);
        if (kind is null)
        {
            errors.Add(new ValidationError(input.Kind is null ? ErrorCodes.Required : ErrorCodes.DecisionKindInvalid, "kind"));
        }

        string? text = Long(input.Text, "text", errors);
        bool applies = kind == DecisionKind.CrossingStatus && !string.IsNullOrWhiteSpace(input.Status);
        CrossingStatusChange? referred = null;
        if (kind == DecisionKind.CrossingStatus && !applies)
        {
            referred = input.CrossingStatusChangeId is { } changeId ? await db.CrossingStatusChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == changeId, cancellationToken) : null;
            if (referred is null)
            {
                errors.Add(new ValidationError(input.CrossingStatusChangeId is null ? ErrorCodes.Required : ErrorCodes.CrossingChangeUnknown, "crossingStatusChangeId"));
            }
        }

        if (meeting.Decisions.Count >= CommitteeRules.MaxItems)
        {
            errors.Add(new ValidationError(ErrorCodes.TooMany, "decisions"));
        }

        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        CommitteeDecision? decision = null;
        if (applies)
        {
            // The change and the decision are saved together, or neither is.
            (SideView? side, IReadOnlyList<ValidationError> statusErrors, bool notFound) = await setStatus.HandleAsync(
                actor, input.CrossingId?.Trim() ?? string.Empty, null, input.Status, input.Reason ?? text, null, input.AllowedCategories,
                change =>
                {
                    decision = new CommitteeDecision
                    {
                        MeetingId = meeting.Id, Kind = DecisionKind.CrossingStatus, Text = text!, CrossingPointId = change.CrossingPointId, CrossingStatusChangeId = change.Id, RecordedUtc = nowUtc,
                    };
                    Add(actor, meeting, decision, nowUtc);
                },
                cancellationToken);
            if (side is null)
            {
                db.ChangeTracker.Clear();
                return (null, notFound ? [new ValidationError(ErrorCodes.CrossingUnknown, "crossingId")] : statusErrors, false);
            }
        }
        else
        {
            decision = new CommitteeDecision
            {
                MeetingId = meeting.Id, Kind = kind!.Value, Text = text!, CrossingPointId = referred?.CrossingPointId, CrossingStatusChangeId = referred?.Id, RecordedUtc = nowUtc,
            };
            Add(actor, meeting, decision, nowUtc);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (DecisionOf(decision!), [], false);
    }

    public async Task<(ActionItemView? Action, IReadOnlyList<ValidationError> Errors, bool NotFound)> AddActionAsync(Actor actor, Guid meetingId, ActionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        (CommitteeMeeting? meeting, IReadOnlyList<ValidationError> refused) = await WritableAsync(actor, meetingId, cancellationToken);
        if (meeting is null)
        {
            return (null, refused, refused.Count == 0);
        }

        var errors = new List<ValidationError>();
        string? text = Long(input.Text, "text", errors);
        string? owner = AgencyCode.TryParse(input.OwnerAgency);
        if (owner is null)
        {
            errors.Add(new ValidationError(input.OwnerAgency is null ? ErrorCodes.Required : ErrorCodes.AgencyUnknown, "ownerAgency"));
        }

        if (!DateOnly.TryParseExact(input.DueDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly due))
        {
            errors.Add(new ValidationError(input.DueDate is null ? ErrorCodes.Required : ErrorCodes.DateFormat, "dueDate"));
        }

        if (input.DecisionId is { } decisionId && meeting.Decisions.TrueForAll(d => d.Id != decisionId))
        {
            errors.Add(new ValidationError(ErrorCodes.DecisionUnknown, "decisionId"));
        }

        if (meeting.Actions.Count >= CommitteeRules.MaxItems)
        {
            errors.Add(new ValidationError(ErrorCodes.TooMany, "actions"));
        }

        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var action = new ActionItem { MeetingId = meeting.Id, DecisionId = input.DecisionId, Text = text!, OwnerAgency = owner!, DueDate = due, UpdatedUtc = nowUtc };
        db.ActionItems.Add(action);
        if (!meeting.Actions.Contains(action))
        {
            meeting.Actions.Add(action);
        }

        Changed(actor, meeting, "action", nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        return (ActionOf(action), [], false);
    }

    /// <summary>The owner agency marks its action done, cancelled or open again, with a note.</summary>
    public async Task<(ActionItemView? Action, string? Error)> UpdateActionAsync(Actor actor, Guid actionId, string? status, string? note, CancellationToken cancellationToken)
    {
        if (!MayRecord(actor))
        {
            return (null, ErrorCodes.Forbidden);
        }

        ActionItem? action = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken);
        if (action is null || action.OwnerAgency != actor.Agency)
        {
            return (null, ErrorCodes.ActionNotFound);
        }

        if (CommitteeRules.ParseStatus(status) is not { } parsed)
        {
            return (null, status is null ? ErrorCodes.Required : ErrorCodes.ActionStatusInvalid);
        }

        if (note is { Length: > CommitteeRules.MaxLongText })
        {
            return (null, ErrorCodes.TooLong);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        action.Status = parsed;
        action.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        action.UpdatedUtc = nowUtc;
        CommitteeMeeting meeting = (await LoadAsync(action.MeetingId, cancellationToken))!;
        if (meeting.OwnerAgency == actor.Agency)
        {
            Changed(actor, meeting, "action-status", nowUtc);
        }
        else
        {
            // The partner keeps the minutes: it is told, and sends the meeting back to everyone.
            db.Audit(actor, nowUtc, AuditActions.CommitteeRecorded, "committee-meeting", meeting.Id.ToString(), "committee.action-status", $"action={action.Id};status={parsed}");
            outbox.Enqueue(meeting.OwnerAgency, MessageTypes.CommitteeAction, new ActionStatusPayload(meeting.Id, action.Id, parsed, action.Note, nowUtc), nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (ActionOf(action), null);
    }

    /// <summary>Every meeting this node knows (its own and the partners'), most recent first.</summary>
    public async Task<IReadOnlyList<MeetingView>> ListAsync(CancellationToken cancellationToken)
    {
        List<CommitteeMeeting> meetings = await Query().AsNoTracking().OrderByDescending(m => m.HeldUtc).Take(200).ToListAsync(cancellationToken);
        return [.. meetings.Select(View)];
    }

    public async Task<MeetingView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await Query().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } meeting ? View(meeting) : null;

    /// <summary>The last crossing status changes on this node (the agency's own and the partner's notices are not changes here), for a decision to refer to.</summary>
    public async Task<IReadOnlyList<CrossingStatusChange>> RecentChangesAsync(CancellationToken cancellationToken) =>
        await db.CrossingStatusChanges.AsNoTracking().OrderByDescending(c => c.ChangedUtc).Take(20).ToListAsync(cancellationToken);

    /// <summary>The escalated incidents brought to the committee, unacknowledged first.</summary>
    public async Task<IReadOnlyList<NoticeView>> NoticesAsync(CancellationToken cancellationToken)
    {
        var rows = await (from n in db.CommitteeNotices.AsNoTracking()
                          join i in db.Incidents.AsNoTracking() on n.IncidentId equals i.Id into incidents
                          from i in incidents.DefaultIfEmpty()
                          orderby n.AcknowledgedUtc != null, n.CreatedUtc descending
                          select new NoticeView(n.Id, n.IncidentId, n.Impact, n.CreatedUtc, n.AcknowledgedUtc, i == null ? null : i.Title, i == null ? null : i.Agency, i == null ? null : i.ClosedUtc))
            .Take(200).ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<string?> AcknowledgeAsync(Actor actor, Guid noticeId, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.CommitteeMember))
        {
            return ErrorCodes.Forbidden;
        }

        CommitteeNotice? notice = await db.CommitteeNotices.SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null)
        {
            return ErrorCodes.NoticeNotFound;
        }

        if (notice.AcknowledgedUtc is null)
        {
            DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
            notice.AcknowledgedUtc = nowUtc;
            notice.AcknowledgedBy = actor.UserId;
            db.Audit(actor, nowUtc, AuditActions.CommitteeRecorded, "committee-notice", notice.Id.ToString(), "committee.acknowledge", $"incident={notice.IncidentId}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>Brings an escalated incident to the committee, once per impact level it reaches. Saved with the caller's unit of work.</summary>
    public static async Task NotifyAsync(MaabarDbContext db, Incident incident, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        bool known = db.CommitteeNotices.Local.Any(n => n.IncidentId == incident.Id && n.Impact == incident.Impact)
            || await db.CommitteeNotices.AnyAsync(n => n.IncidentId == incident.Id && n.Impact == incident.Impact, cancellationToken);
        if (!known)
        {
            db.CommitteeNotices.Add(new CommitteeNotice { IncidentId = incident.Id, Impact = incident.Impact, CreatedUtc = nowUtc });
        }
    }

    /// <summary>Applies the partner's meeting: the minutes as their owner keeps them.</summary>
    public static async Task<string?> ApplyMeetingAsync(MaabarDbContext db, string sender, MeetingView notice, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.OwnerAgency != sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (notice.Title is not { Length: > 0 and <= CommitteeRules.MaxShortText } || notice.Place is not { Length: > 0 and <= CommitteeRules.MaxShortText }
            || notice.Participants is null || notice.Agenda is null || notice.Decisions is null || notice.Actions is null
            || notice.Participants.Count > CommitteeRules.MaxItems || notice.Agenda.Count > CommitteeRules.MaxItems || notice.Decisions.Count > CommitteeRules.MaxItems || notice.Actions.Count > CommitteeRules.MaxItems
            || notice.Participants.Any(p => p.Name is not { Length: > 0 and <= CommitteeRules.MaxShortText } || AgencyCode.TryParse(p.Agency) is null)
            || notice.Agenda.Any(a => a.Title is not { Length: > 0 and <= CommitteeRules.MaxShortText })
            || notice.Decisions.Any(d => d.Text is not { Length: > 0 and <= CommitteeRules.MaxLongText })
            || notice.Actions.Any(a => a.Text is not { Length: > 0 and <= CommitteeRules.MaxLongText } || AgencyCode.TryParse(a.OwnerAgency) is null || a.Note is { Length: > CommitteeRules.MaxLongText }))
        {
            return FederationCodes.PayloadInvalid;
        }

        CommitteeMeeting? meeting = await db.CommitteeMeetings.Include(m => m.Participants).Include(m => m.Agenda).Include(m => m.Decisions).Include(m => m.Actions)
            .SingleOrDefaultAsync(m => m.Id == notice.Id, cancellationToken);
        if (meeting is not null && meeting.OwnerAgency != sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (meeting is null)
        {
            meeting = new CommitteeMeeting { Id = notice.Id, OwnerAgency = sender, Title = notice.Title, Place = notice.Place, RecordedUtc = nowUtc };
            db.CommitteeMeetings.Add(meeting);
            foreach (ParticipantView p in notice.Participants)
            {
                db.MeetingParticipants.Add(new MeetingParticipant { MeetingId = meeting.Id, Agency = AgencyCode.TryParse(p.Agency)!, Name = p.Name });
            }

            foreach (AgendaItemView a in notice.Agenda)
            {
                db.AgendaItems.Add(new AgendaItem { MeetingId = meeting.Id, Position = a.Position, Title = a.Title, IncidentId = a.IncidentId });
            }
        }

        meeting.Title = notice.Title;
        meeting.Place = notice.Place;
        meeting.HeldUtc = notice.HeldUtc;
        foreach (DecisionView d in notice.Decisions.Where(d => meeting.Decisions.TrueForAll(x => x.Id != d.Id)))
        {
            // The partner's change is referred to by id; this node may not hold it (it holds the partner's side status).
            db.CommitteeDecisions.Add(new CommitteeDecision
            {
                Id = d.Id, MeetingId = meeting.Id, Kind = d.Kind, Text = d.Text, CrossingPointId = d.CrossingPointId, CrossingStatusChangeId = d.CrossingStatusChangeId, RecordedUtc = d.RecordedUtc,
            });
        }

        foreach (ActionItemView a in notice.Actions)
        {
            ActionItem? known = meeting.Actions.Find(x => x.Id == a.Id);
            if (known is null)
            {
                db.ActionItems.Add(new ActionItem
                {
                    Id = a.Id, MeetingId = meeting.Id, DecisionId = a.DecisionId, Text = a.Text, OwnerAgency = a.OwnerAgency, DueDate = a.DueDate, Status = a.Status, Note = a.Note, UpdatedUtc = a.UpdatedUtc,
                });
            }
            else if (a.UpdatedUtc > known.UpdatedUtc)
            {
                // The later word on an action wins: ours may be newer than the minutes that crossed it.
                known.Status = a.Status;
                known.Note = a.Note;
                known.UpdatedUtc = a.UpdatedUtc;
            }
        }

        return null;
    }

    /// <summary>Applies the partner's word on one of its actions in a meeting this node keeps, and sends the minutes back out.</summary>
    public async Task<string?> ApplyActionStatusAsync(string sender, ActionStatusPayload notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!Enum.IsDefined(notice.Status) || notice.Note is { Length: > CommitteeRules.MaxLongText })
        {
            return FederationCodes.PayloadInvalid;
        }

        CommitteeMeeting? meeting = await LoadAsync(notice.MeetingId, cancellationToken);
        ActionItem? action = meeting?.Actions.Find(a => a.Id == notice.ActionId);
        if (meeting is null || action is null)
        {
            return FederationCodes.CorrelationUnknown;
        }

        if (action.OwnerAgency != sender)
        {
            return FederationCodes.NotTheOwner;
        }

        if (notice.UpdatedUtc > action.UpdatedUtc)
        {
            action.Status = notice.Status;
            action.Note = notice.Note;
            action.UpdatedUtc = notice.UpdatedUtc;
        }

        if (meeting.OwnerAgency != sender)
        {
            DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
            foreach (string partner in outbox.Partners)
            {
                outbox.Enqueue(partner, MessageTypes.CommitteeMeeting, View(meeting), nowUtc);
            }
        }

        return null;
    }

    private IQueryable<CommitteeMeeting> Query() =>
        db.CommitteeMeetings.Include(m => m.Participants).Include(m => m.Agenda).Include(m => m.Decisions).Include(m => m.Actions).AsSplitQuery();

    private Task<CommitteeMeeting?> LoadAsync(Guid id, CancellationToken cancellationToken) => Query().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>The meeting, when the actor may write to it: a forbidden role gives an error; a meeting that is not there, or is the partner's (theirs to write: seen here, not changed here), gives none.</summary>
    private async Task<(CommitteeMeeting? Meeting, IReadOnlyList<ValidationError> Refused)> WritableAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken)
    {
        if (!MayRecord(actor))
        {
            return (null, [new ValidationError(ErrorCodes.Forbidden, "role")]);
        }

        CommitteeMeeting? meeting = await LoadAsync(meetingId, cancellationToken);
        return meeting is not null && meeting.OwnerAgency == actor.Agency ? (meeting, []) : (null, []);
    }

    private void Add(Actor actor, CommitteeMeeting meeting, CommitteeDecision decision, DateTime nowUtc)
    {
        db.CommitteeDecisions.Add(decision);
        if (!meeting.Decisions.Contains(decision))
        {
            meeting.Decisions.Add(decision);
        }

        Changed(actor, meeting, "decision", nowUtc);
    }

    private void Changed(Actor actor, CommitteeMeeting meeting, string what, DateTime nowUtc)
    {
        db.Audit(actor, nowUtc, AuditActions.CommitteeRecorded, "committee-meeting", meeting.Id.ToString(), "committee." + what);
        foreach (string partner in outbox.Partners)
        {
            outbox.Enqueue(partner, MessageTypes.CommitteeMeeting, View(meeting), nowUtc);
        }
    }

    private static string? Short(string? value, string field, List<ValidationError> errors) => Text(value, field, CommitteeRules.MaxShortText, errors);

    private static string? Long(string? value, string field, List<ValidationError> errors) => Text(value, field, CommitteeRules.MaxLongText, errors);

    private static string? Text(string? value, string field, int max, List<ValidationError> errors)
    {
        string? text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            errors.Add(new ValidationError(ErrorCodes.Required, field));
        }
        else if (text.Length > max)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, field));
        }

        return text;
    }

    private static DecisionView DecisionOf(CommitteeDecision d) => new(d.Id, d.Kind, d.Text, d.CrossingPointId, d.CrossingStatusChangeId, d.RecordedUtc);

    private static ActionItemView ActionOf(ActionItem a) => new(a.Id, a.DecisionId, a.Text, a.OwnerAgency, a.DueDate, a.Status, a.Note, a.UpdatedUtc);

    internal static MeetingView View(CommitteeMeeting m) => new(
        m.Id, m.OwnerAgency, m.Title, m.HeldUtc, m.Place,
        [.. m.Participants.OrderBy(p => p.Agency, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => new ParticipantView(p.Agency, p.Name))],
        [.. m.Agenda.OrderBy(a => a.Position).Select(a => new AgendaItemView(a.Position, a.Title, a.IncidentId))],
        [.. m.Decisions.OrderBy(d => d.RecordedUtc).ThenBy(d => d.Id).Select(DecisionOf)],
        [.. m.Actions.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Select(ActionOf)]);
}
