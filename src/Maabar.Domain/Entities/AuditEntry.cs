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

    /// <summary>
    /// The session the action was taken in: for a web or API user a non-reversible id of the session's token
    /// (the first 32 hex digits of its SHA-256), for the command line <c>cli:</c> and the process id; null for the
    /// node's own background work.
    /// </summary>
    public string? SessionId { get; set; }

    /// <summary>The client's address as the server saw it (after trusted proxies), or <c>local</c> for the command line; null for background work.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Longest session id or client address kept.</summary>
    public const int MaxContextLength = 64;

    /// <summary>
    /// The row's place in the node's chain (1, 2, 3…, no gaps), given when the row is saved, in one serialized
    /// step for all writers. Null only before it is saved.
    /// </summary>
    public long? ChainPosition { get; set; }

    /// <summary>The <see cref="Hash"/> of the row before it in the chain (64 zeros for the first), lower-case hex.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of this row's canonical form, which includes <see cref="PreviousHash"/> (see <c>AuditChain</c>), lower-case hex.</summary>
    public string? Hash { get; set; }
}

/// <summary>
/// A signed statement "the audit row at <see cref="Position"/> has <see cref="Hash"/>", written every N rows
/// in the same transaction. Rows deleted, altered or cut off behind it contradict it; forging a whole new
/// chain needs the node's private key.
/// </summary>
public sealed class AuditCheckpoint
{
    /// <summary>The chain position of the row it vouches for (a multiple of N).</summary>
    public long Position { get; init; }

    /// <summary>That row's hash.</summary>
    public required string Hash { get; init; }

    /// <summary>When written (UTC, whole microseconds).</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>The signing key's public half (SubjectPublicKeyInfo, base64); null when the node has no key.</summary>
    public string? PublicKey { get; init; }

    /// <summary>ECDSA P-256 / SHA-256 signature (IEEE P1363, base64) over the checkpoint's canonical form; null when the node has no key.</summary>
    public string? Signature { get; init; }
}

/// <summary>
/// The end of the node's audit chain: the last position and hash. One row, which every writer locks first, so
/// positions are given one transaction at a time; the verifier checks that the trail reaches it.
/// </summary>
public sealed class AuditChainHead
{
    /// <summary>Always <see cref="NodeChain"/>.</summary>
    public int Id { get; init; }

    /// <summary>The last position given (0 before the first row).</summary>
    public long Position { get; set; }

    /// <summary>The last row's hash (64 zeros before the first row).</summary>
    public required string Hash { get; set; }

    /// <summary>The id of the node's one chain.</summary>
    public const int NodeChain = 1;

    /// <summary>The previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);
}

/// <summary>The audit action codes.</summary>
public static class AuditActions
{
    /// <summary>Every action code, in declaration order (filters and translations list them).</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. typeof(AuditActions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>A passage was recorded.</summary>
    public const string PassageRecorded = "passage.recorded";

    /// <summary>A passage was read.</summary>
    public const string PassageRead = "passage.read";

    /// <summary>An identity was screened against the watchlists.</summary>
    public const string ScreeningPerformed = "screening.performed";

    /// <summary>A traveller's record was read.</summary>
    public const string TravellerRead = "traveller.read";

    /// <summary>Travellers were searched (details: what by — name, date of birth, document — and how many were shown; never the values).</summary>
    public const string TravellerSearched = "traveller.searched";

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

    /// <summary>An administrator disabled a user account.</summary>
    public const string UserDisabled = "user.disabled";

    /// <summary>An administrator enabled a disabled user account.</summary>
    public const string UserEnabled = "user.enabled";

    /// <summary>An administrator changed a user's roles (details: the new roles).</summary>
    public const string UserRolesChanged = "user.roles-changed";

    /// <summary>An administrator gave a user a one-time password (never written here).</summary>
    public const string PasswordReset = "user.password-reset";

    /// <summary>A user changed their own password (never written here).</summary>
    public const string PasswordChanged = "user.password-changed";

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

    /// <summary>A partner's clearance on one of our entries was accepted by our liaison desk: it covers from now on.</summary>
    public const string ClearanceAccepted = "clearance.accepted";

    /// <summary>A supervisor other than the decider approved a clearance issued under four eyes: it covers from now on.</summary>
    public const string ClearanceApproved = "clearance.approved";

    /// <summary>A supervisor refused a clearance issued under four eyes: it never covers anything.</summary>
    public const string ClearanceRefused = "clearance.refused";

    /// <summary>The supervisor read the clearances waiting for approval and the unusual issuers.</summary>
    public const string ClearancesSupervised = "clearance.supervised";

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

    /// <summary>A traveller's identity was sent to an entry's owner on its request (entity: the traveller).</summary>
    public const string FederationIdentityShared = "federation.identity-shared";

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

    /// <summary>A user enrolled an authenticator app (second factor).</summary>
    public const string TwoFactorEnrolled = "auth.two-factor-enrolled";

    /// <summary>A user's second factor was removed (authenticator key reset, recovery codes voided).</summary>
    public const string TwoFactorReset = "auth.two-factor-reset";

    /// <summary>A user was given new recovery codes (the old ones no longer work).</summary>
    public const string RecoveryCodesGenerated = "auth.recovery-codes-generated";

    /// <summary>A user signed in with one of their recovery codes (details: how many are left).</summary>
    public const string RecoveryCodeUsed = "auth.recovery-code-used";

    /// <summary>
    /// The retention purge ran over one record type (entity id: the type; details: how many were purged, the period
    /// and the cutoff). One row per type per run; no personal data, and audit rows themselves are never purged.
    /// </summary>
    public const string RetentionPurged = "retention.purged";
}
