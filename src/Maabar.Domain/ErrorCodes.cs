namespace Maabar.Domain;

/// <summary>
/// Every stable error code Maabar returns, in one place. Codes are part of the API contract: clients and
/// tests match on them, so a code is never renamed once released. Display text lives in the server's resources.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Input failed validation; the response lists each field's code.</summary>
    public const string ValidationFailed = "validation.failed";

    /// <summary>A required field is missing or blank.</summary>
    public const string Required = "field.required";

    /// <summary>A field is longer than its documented maximum.</summary>
    public const string TooLong = "field.too_long";

    /// <summary>A field holds characters it may not contain (control or bidi characters).</summary>
    public const string InvalidCharacters = "field.invalid_characters";

    /// <summary>Neither an Arabic-script nor a Latin name was given.</summary>
    public const string NameRequired = "identity.name.required";

    /// <summary>A date is not of the form YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public const string DateFormat = "date.format";

    /// <summary>A date names a day that does not exist (31 February).</summary>
    public const string DateNotExisting = "date.not_existing";

    /// <summary>A date of birth lies in the future.</summary>
    public const string BirthDateInFuture = "identity.birth_date.in_future";

    /// <summary>A date of birth lies before the earliest plausible year.</summary>
    public const string BirthDateTooEarly = "identity.birth_date.too_early";

    /// <summary>A national number is malformed for the nationality (Tunisian CIN: 8 digits; Libyan National Number: 12 digits starting 1 or 2 with a year of birth).</summary>
    public const string NationalNumberInvalid = "identity.national_number.invalid";

    /// <summary>Warning: a national number disagrees with the sex, year of birth or identity card number.</summary>
    public const string NationalNumberMismatch = "identity.national_number.mismatch";

    /// <summary>Sex is not one of M, F, X.</summary>
    public const string SexInvalid = "identity.sex.invalid";

    /// <summary>A state code is not an ISO 3166-1 alpha-3 code (or an ICAO 9303 travel-document code).</summary>
    public const string CountryCodeInvalid = "country_code.invalid";

    /// <summary>A document number was given without the other document fields it needs, or the reverse.</summary>
    public const string DocumentIncomplete = "identity.document.incomplete";

    /// <summary>The direction of a passage is not entry or exit.</summary>
    public const string DirectionInvalid = "passage.direction.invalid";

    /// <summary>The lane serves the other direction (an exit on an entry lane).</summary>
    public const string DirectionLaneMismatch = "passage.direction.lane_mismatch";

    /// <summary>The crossing point is unknown to this agency.</summary>
    public const string CrossingUnknown = "crossing.unknown";

    /// <summary>The lane is unknown at this crossing for this agency.</summary>
    public const string LaneUnknown = "lane.unknown";

    /// <summary>The lane is closed: no passage may be recorded on it.</summary>
    public const string LaneClosed = "lane.closed";

    /// <summary>The crossing is restricted and the traveller's category is not among those it admits.</summary>
    public const string CategoryNotAdmitted = "lane.category_not_admitted";

    /// <summary>The traveller category is not one of humanitarian, medical, diplomatic, freight.</summary>
    public const string TravellerCategoryInvalid = "passage.category.invalid";

    /// <summary>Neither an identity nor an MRZ was given.</summary>
    public const string IdentityRequired = "passage.identity.required";

    /// <summary>The MRZ has errors; the response lists each with its line and position.</summary>
    public const string MrzInvalid = "mrz.invalid";

    /// <summary>The passage does not exist, or belongs to another agency.</summary>
    public const string PassageNotFound = "passage.not_found";

    /// <summary>An idempotency key was reused with a different request body.</summary>
    public const string IdempotencyKeyReused = "idempotency.key_reused";

    /// <summary>An idempotency key is empty or too long.</summary>
    public const string IdempotencyKeyInvalid = "idempotency.key_invalid";

    /// <summary>The request needs a signed-in user or a bearer token.</summary>
    public const string AuthRequired = "auth.required";

    /// <summary>The user's roles do not allow this action.</summary>
    public const string Forbidden = "auth.forbidden";

    /// <summary>
    /// A sign-in failed: unknown user name, wrong password, locked or disabled account all give this one code,
    /// so that an outsider cannot learn which names exist or which accounts are locked (ASVS 4 §2.2, issue 21).
    /// </summary>
    public const string SignInFailed = "auth.failed";

    /// <summary>The agency code is not one this node serves.</summary>
    public const string AgencyUnknown = "agency.unknown";

    /// <summary>A role name is not one of <see cref="Roles.All"/>.</summary>
    public const string RoleUnknown = "user.role.unknown";

    /// <summary>The user name is taken.</summary>
    public const string UserNameTaken = "user.name_taken";

    /// <summary>The password does not meet the password policy.</summary>
    public const string PasswordWeak = "user.password.weak";

    /// <summary>An administrator may create users only in their own agency.</summary>
    public const string AgencyForbidden = "user.agency.forbidden";

    /// <summary>
    /// The password was right but was set by someone else (a new account, a reset, the generated first
    /// administrator): it must be changed (<c>POST /api/v1/auth/password</c>) before a token is issued.
    /// </summary>
    public const string PasswordChangeRequired = "auth.password_change_required";

    /// <summary>The new password is the current one.</summary>
    public const string PasswordUnchanged = "user.password.unchanged";

    /// <summary>No user of the administrator's agency has that name (another agency's users are not shown).</summary>
    public const string UserNotFound = "user.not_found";

    /// <summary>The change would leave the agency without an enabled administrator.</summary>
    public const string LastAdministrator = "user.last_administrator";

    /// <summary>A query parameter is malformed.</summary>
    public const string QueryInvalid = "query.invalid";

    /// <summary>A traveller search gave nothing to search by (a name, a date of birth or a document number).</summary>
    public const string SearchEmpty = "search.empty";

    /// <summary>A traveller search by name alone needs a word of three letters or more.</summary>
    public const string SearchNameTooShort = "search.name_too_short";

    /// <summary>The resource does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>An unexpected server error; details are in the server's log under the trace id.</summary>
    public const string Internal = "internal";

    /// <summary>The request body is not valid JSON for the endpoint.</summary>
    public const string BodyInvalid = "request.body_invalid";

    /// <summary>The request body is larger than the endpoint accepts.</summary>
    public const string RequestTooLarge = "request.too_large";

    /// <summary>A decision or revocation needs a reason.</summary>
    public const string ReasonRequired = "reason.required";

    /// <summary>The hit is not in a state where this decision can be taken (already decided, or waiting for confirmation).</summary>
    public const string HitNotDecidable = "hit.not_decidable";

    /// <summary>Only a positive decision waits for confirmation.</summary>
    public const string HitNotAwaitingConfirmation = "hit.not_awaiting_confirmation";

    /// <summary>Four eyes: the person who decided cannot confirm.</summary>
    public const string FourEyes = "hit.four_eyes";

    /// <summary>No hit of this agency with this id.</summary>
    public const string HitNotFound = "hit.not_found";

    /// <summary>Outcome must be positive, negative or inconclusive.</summary>
    public const string OutcomeInvalid = "hit.outcome.invalid";

    /// <summary>Hit status filter unknown.</summary>
    public const string HitStatusInvalid = "hit.status.invalid";

    /// <summary>No clearance with this number (for this date of birth).</summary>
    public const string ClearanceNotFound = "clearance.not_found";

    /// <summary>The clearance does not wait for an approval (not issued under four eyes, or already approved or refused).</summary>
    public const string ClearanceNotPending = "clearance.not_pending";

    /// <summary>Four eyes: the officer who issued the clearance cannot approve it.</summary>
    public const string ClearanceFourEyes = "clearance.four_eyes";

    /// <summary>The clearance was already revoked.</summary>
    public const string ClearanceAlreadyRevoked = "clearance.already_revoked";

    /// <summary>A person entry shared with a partner needs a date of birth (at least the year), a parent's name or a document number.</summary>
    public const string EntryMinimumIdentifiers = "entry.minimum_identifiers";

    /// <summary>No entry with this id that the caller may see.</summary>
    public const string EntryNotFound = "entry.not_found";

    /// <summary>The entry's reference is already used by another entry of the agency.</summary>
    public const string EntryReferenceTaken = "entry.reference_taken";

    /// <summary>Entry kind unknown (person, document, vehicle).</summary>
    public const string EntryKindInvalid = "entry.kind.invalid";

    /// <summary>Category unknown.</summary>
    public const string CategoryInvalid = "entry.category.invalid";

    /// <summary>Agency code unknown to this node.</summary>
    public const string ShareAgencyUnknown = "entry.share_with.unknown";

    /// <summary>A document entry needs a document; a vehicle entry a plate.</summary>
    public const string EntryIncomplete = "entry.incomplete";

    /// <summary>An import file could not be read (malformed XML or CSV); nothing was imported.</summary>
    public const string ImportMalformed = "watchlist.import.malformed";

    /// <summary>No partner message with this id on this node's desk.</summary>
    public const string MessageNotFound = "federation.message.not_found";

    /// <summary>The partner's message was already answered.</summary>
    public const string MessageAlreadyAnswered = "federation.message.already_answered";

    /// <summary>The sender is not a configured partner any more: the answer cannot be sent.</summary>
    public const string PartnerUnknown = "federation.partner_unknown";

    /// <summary>Crossing status must be open, restricted, humanitarian-only or closed.</summary>
    public const string CrossingStatusInvalid = "crossing.status.invalid";

    /// <summary>An empty attachment.</summary>
    public const string AttachmentEmpty = "attachment.empty";

    /// <summary>An attachment over 5 MB.</summary>
    public const string AttachmentTooLarge = "attachment.too_large";

    /// <summary>An attachment that is not a JPEG, PNG or PDF (read from its content).</summary>
    public const string AttachmentType = "attachment.type";

    /// <summary>No statistics table with that name.</summary>
    public const string StatsTableUnknown = "stats.table_unknown";

    /// <summary>Too many items in one record.</summary>
    public const string TooMany = "too_many";

    /// <summary>Decision kind unknown (crossing-status, list-review, other).</summary>
    public const string DecisionKindInvalid = "committee.decision.kind.invalid";

    /// <summary>No crossing status change with that id.</summary>
    public const string CrossingChangeUnknown = "committee.decision.change_unknown";

    /// <summary>No decision with that id in the meeting.</summary>
    public const string DecisionUnknown = "committee.decision.unknown";

    /// <summary>No action item with that id owned by the caller's agency.</summary>
    public const string ActionNotFound = "committee.action.not_found";

    /// <summary>Action status unknown (open, done, cancelled).</summary>
    public const string ActionStatusInvalid = "committee.action.status.invalid";

    /// <summary>No committee meeting with that id (or not the caller's agency's to change).</summary>
    public const string MeetingNotFound = "committee.meeting.not_found";

    /// <summary>No committee notice with that id.</summary>
    public const string NoticeNotFound = "committee.notice.not_found";

    /// <summary>No border sector with that code.</summary>
    public const string SectorUnknown = "sector.unknown";

    /// <summary>Allowed categories are humanitarian, medical, diplomatic, freight.</summary>
    public const string CrossingCategoryInvalid = "crossing.category.invalid";

    /// <summary>Unknown incident type.</summary>
    public const string IncidentTypeInvalid = "incident.type.invalid";

    /// <summary>Impact must be low, medium, high or critical.</summary>
    public const string ImpactInvalid = "incident.impact.invalid";

    /// <summary>An incident needs a crossing or coordinates.</summary>
    public const string IncidentLocationRequired = "incident.location.required";

    /// <summary>Latitude and longitude go together, within range.</summary>
    public const string CoordinatesInvalid = "incident.coordinates.invalid";

    /// <summary>No incident of this agency with this id.</summary>
    public const string IncidentNotFound = "incident.not_found";

    /// <summary>The incident is closed.</summary>
    public const string IncidentClosed = "incident.closed";

    /// <summary>
    /// The password was right but the account signs in with a second factor: send it again with <c>code</c>
    /// (a 6-digit authenticator code or a recovery code). A wrong or missing-then-wrong code is <see cref="SignInFailed"/>.
    /// </summary>
    public const string TwoFactorRequired = "auth.two_factor_required";

    /// <summary>The account's role requires a second factor (Auth:RequireTwoFactorForRoles) that it has not enrolled yet: enrol on the page first.</summary>
    public const string TwoFactorEnrolmentRequired = "auth.two_factor_enrolment_required";

    /// <summary>The authenticator code does not match the key being enrolled.</summary>
    public const string TwoFactorCodeInvalid = "auth.two_factor_code_invalid";
}
