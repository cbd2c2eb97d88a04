namespace Maabar.Domain;

/// <summary>
/// One row of the audit trail: who did or read what, when, and why. Written in the same transaction as
/// the effect it records. Holds ids and codes only, never names, document numbers or dates of birth.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Identifier (UUIDv7: sorts by time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When (UTC).</summary>
    public DateTime OccurredUtc { get; init; }

    /// <summary>The acting user; null for the system itself.</summary>
    public Guid? UserId { get; init; }

    /// <summary>The acting user's login name, or <c>system</c>.</summary>
    public required string UserName { get; init; }

    /// <summary>The acting user's agency.</summary>
    public required string Agency { get; init; }

    /// <summary>What happened: a code from <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The kind of record concerned (passage, traveller, watchlist-entry, user...).</summary>
    public required string EntityType { get; init; }

    /// <summary>The record's id.</summary>
    public required string EntityId { get; init; }

    /// <summary>Why: the use case or the purpose the user gave.</summary>
    public required string Purpose { get; init; }

    /// <summary>Non-personal details (counts, codes, decisions).</summary>
    public string? Details { get; init; }
}

/// <summary>The audit action codes.</summary>
public static class AuditActions
{
    /// <summary>A passage was recorded.</summary>
    public const string PassageRecorded = "passage.recorded";

    /// <summary>A passage was read.</summary>
    public const string PassageRead = "passage.read";

    /// <summary>An identity was screened against the watchlists.</summary>
    public const string ScreeningPerformed = "screening.performed";

    /// <summary>A traveller's record was read.</summary>
    public const string TravellerRead = "traveller.read";

    /// <summary>A traveller's record was created.</summary>
    public const string TravellerCreated = "traveller.created";

    /// <summary>A watchlist entry was read.</summary>
    public const string WatchlistEntryRead = "watchlist-entry.read";

    /// <summary>A watchlist entry was created.</summary>
    public const string WatchlistEntryCreated = "watchlist-entry.created";

    /// <summary>A watchlist entry changed (a new version).</summary>
    public const string WatchlistEntryUpdated = "watchlist-entry.updated";

    /// <summary>A watchlist entry was withdrawn (delisted); it no longer alerts.</summary>
    public const string WatchlistEntryWithdrawn = "watchlist-entry.withdrawn";

    /// <summary>A list was imported; details hold the counts.</summary>
    public const string WatchlistImported = "watchlist.imported";

    /// <summary>A user account was created.</summary>
    public const string UserCreated = "user.created";

    /// <summary>A user signed in.</summary>
    public const string SignedIn = "auth.signed-in";

    /// <summary>A sign-in failed.</summary>
    public const string SignInFailed = "auth.sign-in-failed";

    /// <summary>The audit trail was read.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>A hit's outcome was decided (details: outcome).</summary>
    public const string HitDecided = "hit.decided";

    /// <summary>A supervisor confirmed or sent back a positive outcome.</summary>
    public const string HitConfirmed = "hit.confirmed";

    /// <summary>The hit queue was read (ids and scores; names only on opening a passage).</summary>
    public const string HitsListed = "hits.listed";

    /// <summary>A namesake clearance was issued.</summary>
    public const string ClearanceIssued = "clearance.issued";

    /// <summary>A namesake clearance stopped a repeat alert at screening.</summary>
    public const string ClearanceUsed = "clearance.used";

    /// <summary>A namesake clearance was revoked.</summary>
    public const string ClearanceRevoked = "clearance.revoked";

    /// <summary>A namesake clearance's record was read by staff.</summary>
    public const string ClearanceRead = "clearance.read";

    /// <summary>A clearance's status was checked on the public page (details: found or not).</summary>
    public const string ClearanceChecked = "clearance.checked";

    /// <summary>The namesake-burden report was produced.</summary>
    public const string ReportRead = "report.read";

    /// <summary>A partner's message was received and applied.</summary>
    public const string FederationReceived = "federation.received";

    /// <summary>A partner's message arrived again and was acknowledged without effect.</summary>
    public const string FederationDuplicate = "federation.duplicate";

    /// <summary>A message was refused (details: the code): unknown sender, bad signature, stale, unknown type...</summary>
    public const string FederationRejected = "federation.rejected";

    /// <summary>The liaison desk answered a partner's message.</summary>
    public const string FederationReplied = "federation.replied";

    /// <summary>A partner's link has been down longer than allowed.</summary>
    public const string FederationLinkDown = "federation.link-down";

    /// <summary>A partner's link works again.</summary>
    public const string FederationLinkUp = "federation.link-up";

    /// <summary>The liaison desk read the partner messages.</summary>
    public const string FederationRead = "federation.read";

    /// <summary>A crossing side's or lane's status was set (details: status, lane).</summary>
    public const string CrossingStatusChanged = "crossing.status-changed";

    /// <summary>An incident was recorded or followed up (details: type, impact, closed).</summary>
    public const string IncidentRecorded = "incident.recorded";

    /// <summary>A border sector's impact level was assessed (details: impact).</summary>
    public const string SectorAssessed = "sector.assessed";

    /// <summary>A committee meeting, decision or action item was recorded or changed (details: what).</summary>
    public const string CommitteeRecorded = "committee.recorded";

    /// <summary>An incident attachment was stored or read (details: type, size).</summary>
    public const string AttachmentAccessed = "incident.attachment";
}
