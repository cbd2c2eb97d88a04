namespace Maabar.Domain;

/// <summary>Where an action item stands.</summary>
public enum ActionItemStatus
{
    /// <summary>To do.</summary>
    Open = 1,

    /// <summary>Done.</summary>
    Done = 2,

    /// <summary>Dropped by the committee.</summary>
    Cancelled = 3,
}

/// <summary>What a committee decision is about.</summary>
public enum DecisionKind
{
    /// <summary>Closing, restricting or reopening a crossing: linked to the status change it made.</summary>
    CrossingStatus = 1,

    /// <summary>A review of the lists (e.g. from the namesake-burden report).</summary>
    ListReview = 2,

    /// <summary>Anything else.</summary>
    Other = 3,
}

/// <summary>
/// A meeting of the joint committee: when, where, who took part for each agency, the agenda, the decisions
/// and the action items. The agency that records it (the secretariat) owns it and sends it to the partner,
/// who sees the same record; each agency updates the action items it owns.
/// </summary>
public sealed class CommitteeMeeting
{
    /// <summary>Identifier (UUIDv7), the same on both nodes.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency that recorded the meeting.</summary>
    public required string OwnerAgency { get; init; }

    /// <summary>Title (e.g. "Joint committee, 4th session").</summary>
    public required string Title { get; set; }

    /// <summary>When it was (or will be) held (UTC).</summary>
    public DateTime HeldUtc { get; set; }

    /// <summary>Where.</summary>
    public required string Place { get; set; }

    /// <summary>Who recorded it (empty when received from the partner).</summary>
    public Guid RecordedBy { get; init; }

    /// <summary>When it was recorded here (UTC).</summary>
    public DateTime RecordedUtc { get; init; }

    /// <summary>The participants, by agency.</summary>
    public List<MeetingParticipant> Participants { get; init; } = [];

    /// <summary>The agenda, in order.</summary>
    public List<AgendaItem> Agenda { get; init; } = [];

    /// <summary>The decisions, in the order taken.</summary>
    public List<CommitteeDecision> Decisions { get; init; } = [];

    /// <summary>The action items.</summary>
    public List<ActionItem> Actions { get; init; } = [];
}

/// <summary>A participant in a meeting: an official's name and function, for one agency.</summary>
public sealed class MeetingParticipant
{
    /// <summary>Identifier (UUIDv7), the same on both nodes.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; init; }

    /// <summary>The agency they represent.</summary>
    public required string Agency { get; init; }

    /// <summary>Name and function as the minutes give them.</summary>
    public required string Name { get; init; }
}

/// <summary>An item on a meeting's agenda.</summary>
public sealed class AgendaItem
{
    /// <summary>Identifier (UUIDv7), the same on both nodes.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; init; }

    /// <summary>Position on the agenda, from 1.</summary>
    public int Position { get; init; }

    /// <summary>The item.</summary>
    public required string Title { get; init; }

    /// <summary>The incident the item is about, when it is one.</summary>
    public Guid? IncidentId { get; init; }
}

/// <summary>A decision of the committee.</summary>
public sealed class CommitteeDecision
{
    /// <summary>Identifier (UUIDv7), the same on both nodes.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; init; }

    /// <summary>What it is about.</summary>
    public DecisionKind Kind { get; init; }

    /// <summary>The decision as worded in the minutes.</summary>
    public required string Text { get; init; }

    /// <summary>The crossing whose status it changed, for a crossing-status decision.</summary>
    public string? CrossingPointId { get; init; }

    /// <summary>The status change it made or refers to (<see cref="CrossingStatusChange"/>), for a crossing-status decision.</summary>
    public Guid? CrossingStatusChangeId { get; init; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedUtc { get; init; }
}

/// <summary>An action item: what an agency must do by when.</summary>
public sealed class ActionItem
{
    /// <summary>Identifier (UUIDv7), the same on both nodes.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; init; }

    /// <summary>The decision it follows from, when any.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>What must be done.</summary>
    public required string Text { get; init; }

    /// <summary>The agency that must do it (and the only one that updates it).</summary>
    public required string OwnerAgency { get; init; }

    /// <summary>When it is due.</summary>
    public DateOnly DueDate { get; init; }

    /// <summary>Where it stands.</summary>
    public ActionItemStatus Status { get; set; } = ActionItemStatus.Open;

    /// <summary>The owner's note on the last change.</summary>
    public string? Note { get; set; }

    /// <summary>When the status last changed (UTC).</summary>
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>An escalated incident brought to the committee's attention, until a member acknowledges it.</summary>
public sealed class CommitteeNotice
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The incident.</summary>
    public Guid IncidentId { get; init; }

    /// <summary>The impact level that brought it to the committee.</summary>
    public ImpactLevel Impact { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>When a member acknowledged it (UTC), or null.</summary>
    public DateTime? AcknowledgedUtc { get; set; }

    /// <summary>Who acknowledged it.</summary>
    public Guid? AcknowledgedBy { get; set; }
}

/// <summary>Rules of the committee's records.</summary>
public static class CommitteeRules
{
    /// <summary>Longest title, place, participant, agenda item.</summary>
    public const int MaxShortText = 200;

    /// <summary>Longest decision, action or note.</summary>
    public const int MaxLongText = 2000;

    /// <summary>Most participants, agenda items, decisions or actions in one meeting.</summary>
    public const int MaxItems = 50;

    /// <summary>True when an open action item is past its due date.</summary>
    /// <param name="status">Its status.</param>
    /// <param name="due">Its due date.</param>
    /// <param name="today">Today: the node's calendar day, in its time zone (NodeCalendar).</param>
    public static bool IsOverdue(ActionItemStatus status, DateOnly due, DateOnly today) => status == ActionItemStatus.Open && due < today;

    /// <summary>The decision kind as the API spells it (crossing-status, list-review, other), or null.</summary>
    /// <param name="text">The text.</param>
    public static DecisionKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "crossing-status" or "crossingstatus" => DecisionKind.CrossingStatus,
        "list-review" or "listreview" => DecisionKind.ListReview,
        "other" => DecisionKind.Other,
        _ => null,
    };

    /// <summary>The action status as the API spells it (open, done, cancelled), or null.</summary>
    /// <param name="text">The text.</param>
    public static ActionItemStatus? ParseStatus(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "open" => ActionItemStatus.Open,
        "done" => ActionItemStatus.Done,
        "cancelled" or "canceled" => ActionItemStatus.Cancelled,
        _ => null,
    };
}
