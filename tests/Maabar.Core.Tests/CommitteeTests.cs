using Maabar.Core.Data;
using Maabar.Core.Features.Committee;
using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Federation;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>The joint committee on a real database: meetings, decisions linked to crossing status changes, action items, escalated incidents.</summary>
public abstract class CommitteeTests(CoreFixture fixture)
{
    private Task<T> Committee<T>(Func<CommitteeRecords, Task<T>> action) => fixture.InScopeAsync(sp => action(sp.GetRequiredService<CommitteeRecords>()));

    private Task<int> CountAsync(Func<MaabarDbContext, Task<int>> query) => fixture.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    private static MeetingInput Meeting(string title) => new(title, "2026-11-20T09:00:00Z", "Ben Guerdane",
        [new ParticipantInput("TUN", "Director of border police"), new ParticipantInput("lby", "Head of Ras Ajdir port")],
        [new AgendaInput("Reopening of Ras Jedir"), new AgendaInput("Review of the namesake list")]);

    [Fact]
    public async Task Meeting_IsRecordedWithItsParticipantsAndAgenda_AndBadInputWritesNothing()
    {
        Actor member = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        string title = "Session " + TestData.UniqueLetters();

        var byOfficer = await Committee(c => c.CreateMeetingAsync(officer, Meeting(title), CancellationToken.None));
        var invalid = await Committee(c => c.CreateMeetingAsync(member, new MeetingInput(title, "next week", " ", [new ParticipantInput("TUNISIA", "x")], [new AgendaInput(new string('a', 201))]), CancellationToken.None));
        int afterRefusals = await CountAsync(db => db.CommitteeMeetings.CountAsync(m => m.Title == title));
        var created = await Committee(c => c.CreateMeetingAsync(member, Meeting(title), CancellationToken.None));
        MeetingView? read = await Committee(c => c.GetAsync(created.Meeting!.Id, CancellationToken.None));

        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(byOfficer.Errors).Code);
        Assert.Equal(["place", "heldUtc", "participants[0].agency", "agenda[0].title"], invalid.Errors.Select(e => e.Field));
        Assert.Equal(0, afterRefusals);
        Assert.Equal([("LBY", "Head of Ras Ajdir port"), ("TUN", "Director of border police")], read!.Participants.Select(p => (p.Agency, p.Name)));
        Assert.Equal(["Reopening of Ras Jedir", "Review of the namesake list"], read.Agenda.Select(a => a.Title));
        Assert.Equal(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), read.HeldUtc);
    }

    [Fact]
    public async Task CrossingDecision_ChangesTheStatusAndLinksTheChange_InOneTransaction()
    {
        Actor supervisor = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        Actor member = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        Guid meetingId = (await Committee(c => c.CreateMeetingAsync(member, Meeting("Crisis session " + TestData.UniqueLetters()), CancellationToken.None))).Meeting!.Id;
        var decide = (Actor a, DecisionInput d) => Committee(c => c.DecideAsync(a, meetingId, d, CancellationToken.None));
        int changesBefore = await CountAsync(db => db.CrossingStatusChanges.CountAsync());

        // A member who is not a supervisor cannot change a crossing: neither the decision nor the change is written.
        var notSupervisor = await decide(member, new DecisionInput("crossing-status", "Ras Jedir open to humanitarian cases only", TestData.TunisianOnlyCrossing, "humanitarian-only", null, ["medical"]));
        var badStatus = await decide(supervisor, new DecisionInput("crossing-status", "Close it", TestData.TunisianOnlyCrossing, "shut"));
        var noLink = await decide(member, new DecisionInput("crossing-status", "As decided"));
        int decisionsAfterRefusals = await CountAsync(db => db.CommitteeDecisions.CountAsync(d => d.MeetingId == meetingId));
        int changesAfterRefusals = await CountAsync(db => db.CrossingStatusChanges.CountAsync());
        var applied = await decide(supervisor, new DecisionInput("crossing-status", "Reopen to humanitarian and medical cases", TestData.TunisianOnlyCrossing, "humanitarian-only", null, ["medical"]));
        var referring = await decide(member, new DecisionInput("crossing-status", "Confirmed by the committee", CrossingStatusChangeId: applied.Decision!.CrossingStatusChangeId));
        var review = await decide(member, new DecisionInput("list-review", "Review the ten heaviest entries of the namesake-burden report"));
        IReadOnlyList<BoardCrossing> board = await fixture.InScopeAsync(sp => sp.GetRequiredService<CrossingBoard>().HandleAsync(AgencyCode.Tunisia, CancellationToken.None));
        await fixture.InScopeAsync(sp => sp.GetRequiredService<SetCrossingStatus>().HandleAsync(supervisor, TestData.TunisianOnlyCrossing, null, "open", null, null, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(notSupervisor.Errors).Code);
        Assert.Equal(ErrorCodes.CrossingStatusInvalid, Assert.Single(badStatus.Errors).Code);
        Assert.Equal(("crossingStatusChangeId", ErrorCodes.Required), (noLink.Errors[0].Field, noLink.Errors[0].Code));
        Assert.Equal(0, decisionsAfterRefusals);
        Assert.Equal(changesBefore, changesAfterRefusals);
        Guid changeId = applied.Decision.CrossingStatusChangeId!.Value;
        Assert.Equal(TestData.TunisianOnlyCrossing, applied.Decision.CrossingPointId);
        Assert.Equal(1, await CountAsync(db => db.CrossingStatusChanges.CountAsync(c => c.Id == changeId && c.Status == CrossingStatus.HumanitarianOnly)));
        Assert.Equal(CrossingStatus.HumanitarianOnly, board.Single(c => c.Id == TestData.TunisianOnlyCrossing).Sides.Single(s => s.Agency == "TUN").Status);
        Assert.Equal(changeId, referring.Decision!.CrossingStatusChangeId);
        Assert.Equal(DecisionKind.ListReview, review.Decision!.Kind);
        Assert.Equal(3, (await Committee(c => c.GetAsync(meetingId, CancellationToken.None)))!.Decisions.Count);
    }

    [Fact]
    public async Task ActionItems_BelongToTheirOwnerAgency_AndOverdueOnesStandOut()
    {
        Actor member = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        Actor libyanMember = await fixture.ActorAsync(TestData.UserName(AgencyCode.Libya, Roles.CommitteeMember));
        Guid meetingId = (await Committee(c => c.CreateMeetingAsync(member, Meeting("Follow-up " + TestData.UniqueLetters()), CancellationToken.None))).Meeting!.Id;

        var invalid = await Committee(c => c.AddActionAsync(member, meetingId, new ActionInput(" ", "XX1", "soon"), CancellationToken.None));
        var late = await Committee(c => c.AddActionAsync(member, meetingId, new ActionInput("Send the list of cleared namesakes", "TUN", "2026-01-15"), CancellationToken.None));
        var later = await Committee(c => c.AddActionAsync(member, meetingId, new ActionInput("Open a second truck lane", "LBY", "2099-01-01"), CancellationToken.None));
        var byPartnerOnOurs = await Committee(c => c.AddActionAsync(libyanMember, meetingId, new ActionInput("x", "LBY", "2099-01-01"), CancellationToken.None));
        var notTheOwner = await Committee(c => c.UpdateActionAsync(member, later.Action!.Id, "done", null, CancellationToken.None));
        var badStatus = await Committee(c => c.UpdateActionAsync(member, late.Action!.Id, "finished", null, CancellationToken.None));
        DateOnly today = new(2026, 11, 29);
        bool overdueBefore = late.Action!.IsOverdue(today);
        var done = await Committee(c => c.UpdateActionAsync(member, late.Action.Id, "done", "Sent on 28 November", CancellationToken.None));

        Assert.Equal(["text", "ownerAgency", "dueDate"], invalid.Errors.Select(e => e.Field));
        Assert.True(byPartnerOnOurs.NotFound);
        Assert.Equal(ErrorCodes.ActionNotFound, notTheOwner.Error);
        Assert.Equal(ErrorCodes.ActionStatusInvalid, badStatus.Error);
        Assert.True(overdueBefore);
        Assert.False(later.Action!.IsOverdue(today));
        Assert.Equal((ActionItemStatus.Done, "Sent on 28 November"), (done.Action!.Status, done.Action.Note));
        Assert.False(done.Action.IsOverdue(today));
    }

    [Fact]
    public async Task CriticalIncident_IsBroughtToTheCommittee_OncePerLevel_UntilAcknowledged()
    {
        Actor officer = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        Actor member = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        var incidents = (Actor a, IncidentInput i) => fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().ReportAsync(a, i, CancellationToken.None));
        var low = await incidents(officer, new IncidentInput("congestion", "low", TestData.Crossing, null, null, "Queue " + TestData.UniqueLetters(), null, null));
        var raised = await incidents(officer, new IncidentInput("blockadeOrProtest", "high", TestData.Crossing, null, null, "Road blocked " + TestData.UniqueLetters(), null, null));
        Guid id = raised.Incident!.Id;
        await fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().FollowUpAsync(officer, id, "Shots fired", "critical", false, CancellationToken.None));
        await fixture.InScopeAsync(sp => sp.GetRequiredService<IncidentLog>().FollowUpAsync(officer, id, "Still blocked", null, false, CancellationToken.None));

        IReadOnlyList<NoticeView> notices = await Committee(c => c.NoticesAsync(CancellationToken.None));
        string? byOfficer = await Committee(c => c.AcknowledgeAsync(officer, notices.First(n => n.IncidentId == id).Id, CancellationToken.None));
        string? acknowledged = await Committee(c => c.AcknowledgeAsync(member, notices.First(n => n.IncidentId == id && n.Impact == ImpactLevel.Critical).Id, CancellationToken.None));
        IReadOnlyList<NoticeView> after = await Committee(c => c.NoticesAsync(CancellationToken.None));

        Assert.DoesNotContain(notices, n => n.IncidentId == low.Incident!.Id);
        Assert.Equal([ImpactLevel.Critical, ImpactLevel.High], notices.Where(n => n.IncidentId == id).Select(n => n.Impact).Order().Reverse());
        Assert.Equal(raised.Incident.Title, notices.First(n => n.IncidentId == id).IncidentTitle);
        Assert.Equal(ErrorCodes.Forbidden, byOfficer);
        Assert.Null(acknowledged);
        Assert.NotNull(after.Single(n => n.IncidentId == id && n.Impact == ImpactLevel.Critical).AcknowledgedUtc);
    }

    [Fact]
    public async Task PartnersMeeting_IsAppliedFromItsOwnerOnly_AndOurActionInItIsOursToUpdate()
    {
        Actor member = await fixture.ActorAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        var meeting = new MeetingView(Guid.CreateVersion7(), "LBY", "Joint committee, Tripoli", new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), "Tripoli",
            [new ParticipantView("LBY", "Deputy minister")], [new AgendaItemView(1, "Ras Ajdir", null)], [],
            [new ActionItemView(Guid.CreateVersion7(), null, "Share the outage log", "TUN", new DateOnly(2026, 12, 1), ActionItemStatus.Open, null, new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc))]);
        async Task<string?> ApplyAsync(string sender, MeetingView view) => await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            string? error = await CommitteeRecords.ApplyMeetingAsync(db, sender, view, fixture.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await db.SaveChangesAsync();
            return error;
        });

        string? forged = await ApplyAsync("TUN", meeting);
        string? tooLong = await ApplyAsync("LBY", meeting with { Title = new string('x', 300) });
        string? applied = await ApplyAsync("LBY", meeting);
        string? again = await ApplyAsync("LBY", meeting);
        var decideOnTheirs = await Committee(c => c.DecideAsync(member, meeting.Id, new DecisionInput("other", "x"), CancellationToken.None));
        var done = await Committee(c => c.UpdateActionAsync(member, meeting.Actions[0].Id, "done", "Sent", CancellationToken.None));
        // The owner's older minutes do not undo our newer word on our action.
        string? stale = await ApplyAsync("LBY", meeting);
        MeetingView? read = await Committee(c => c.GetAsync(meeting.Id, CancellationToken.None));

        Assert.Equal(FederationCodes.NotTheOwner, forged);
        Assert.Equal(FederationCodes.PayloadInvalid, tooLong);
        Assert.Null(applied);
        Assert.Null(again);
        Assert.True(decideOnTheirs.NotFound);
        Assert.Null(done.Error);
        Assert.Null(stale);
        Assert.Equal(("Tripoli", ActionItemStatus.Done), (read!.Place, read.Actions.Single().Status));
        Assert.Equal(1, await CountAsync(db => db.CommitteeMeetings.CountAsync(m => m.Id == meeting.Id)));
    }
}

public sealed class SqliteCommitteeTests(SqliteCoreFixture fixture) : CommitteeTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresCommitteeTests(PostgresCoreFixture fixture) : CommitteeTests(fixture), IClassFixture<PostgresCoreFixture>;
