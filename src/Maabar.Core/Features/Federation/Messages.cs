using System.Text.Json;
using System.Text.Json.Serialization;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;

namespace Maabar.Core.Features.Federation;

/// <summary>The message types nodes exchange, with the contract version this node speaks for each.</summary>
public static class MessageTypes
{
    public const string EntryPublished = "entry-published";
    public const string EntryUpdated = "entry-updated";
    public const string EntryWithdrawn = "entry-withdrawn";
    public const string HitNotification = "hit-notification";
    public const string Reply = "reply";
    public const string RequestForInformation = "request-for-information";
    public const string Response = "response";
    public const string ClearanceNotice = "clearance-notice";
    public const string ClearanceRevoked = "clearance-revoked";
    public const string CrossingStatus = "crossing-status";
    public const string Incident = "incident";
    public const string SectorImpact = "sector-impact";
    public const string CommitteeMeeting = "committee-meeting";
    public const string CommitteeAction = "committee-action";

    /// <summary>Every type and the versions this node understands.</summary>
    public static IReadOnlyDictionary<string, int[]> Supported { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        [EntryPublished] = [1], [EntryUpdated] = [1], [EntryWithdrawn] = [1], [HitNotification] = [1], [Reply] = [1],
        [RequestForInformation] = [1], [Response] = [1], [ClearanceNotice] = [1], [ClearanceRevoked] = [1],
        [CrossingStatus] = [1], [Incident] = [1], [SectorImpact] = [1], [CommitteeMeeting] = [1], [CommitteeAction] = [1],
    };

    /// <summary>Types that expect an answer within <see cref="Adjudication.ReplyWindow"/> (SIRENE's 12 hours).</summary>
    public static bool ExpectsReply(string type) => type is HitNotification or RequestForInformation;

    /// <summary>True when the node can read this type at this version.</summary>
    public static bool IsSupported(string type, int version) => Supported.TryGetValue(type, out int[]? versions) && versions.Contains(version);
}

/// <summary>The traveller as a partner is told about them (hit notification, request for information).</summary>
public sealed record TravellerSnapshot(
    string? FullNameArabic,
    string? FullNameLatin,
    string? BirthDate,
    Sex Sex,
    string? Nationality,
    string? FatherName,
    string? DocumentNumber,
    string? DocumentIssuingState);

/// <summary>
/// "Your entry was hit at our crossing" (SIRENE G form). At referral it carries only what the owner needs to
/// recognise its entry (entry, version, crossing, time, band): <see cref="Score"/> and <see cref="Traveller"/> are
/// null unless the partner is configured to receive the identity at referral
/// (<c>Federation:Partners:N:IdentityAtReferral</c>). The identity follows in a further notification after a
/// confirmed positive decision (<see cref="ActionTaken"/> <c>confirmed-positive</c>) or when the owner asks for it
/// (<c>identity-on-request</c>); an inconclusive decision sends it in the request for information.
/// </summary>
public sealed record HitNotificationPayload(Guid HitId, Guid EntryId, string Reference, int EntryVersion, string CrossingId, DateTime TimeUtc, double? Score, HitBand Band, TravellerSnapshot? Traveller, string ActionTaken);

/// <summary>What a hit notification says was done, and the owner's request for the identity.</summary>
public static class HitActions
{
    /// <summary>The traveller was referred to secondary inspection (the first notification).</summary>
    public const string Referred = "referred-to-secondary";

    /// <summary>A supervisor confirmed a positive decision: the notification carries the identity.</summary>
    public const string ConfirmedPositive = "confirmed-positive";

    /// <summary>The owner asked for the identity: the notification carries it.</summary>
    public const string IdentityOnRequest = "identity-on-request";

    /// <summary>The owner's reply to a notification without identity: send it.</summary>
    public const string IdentityRequested = "identity-requested";
}

/// <summary>The owner's answer to a hit notification (H form): confirmed, not-the-person or action-not-possible.</summary>
public sealed record ReplyPayload(string Outcome, string? Reason);

/// <summary>An inconclusive hit: the owner is asked whether the traveller is the listed person.</summary>
public sealed record RequestPayload(Guid HitId, Guid EntryId, string Reference, int EntryVersion, string CrossingId, TravellerSnapshot Traveller, string Question);

/// <summary>The owner's answer to a request: positive, negative or unknown.</summary>
public sealed record ResponsePayload(string Outcome, string? Reason);

/// <summary>
/// A namesake clearance issued on one side, for the other side to honour (same entry, same version). It carries
/// what the cover is bound to (the document and the date of birth) and no names: the partner needs no more to
/// honour it, and names cross the border only where a decision needs them (issue 22 point 6). A notice from an
/// older node that still names the traveller is read without them.
/// </summary>
public sealed record ClearanceNoticePayload(string Number, string Agency, Guid EntryId, int EntryVersion, string DocumentNumber, string IssuingState, string? BirthDate, DateTime IssuedUtc);

/// <summary>A clearance revoked by its issuer.</summary>
public sealed record ClearanceRevokedPayload(string Number, DateTime RevokedUtc, string? Reason);

/// <summary>The JSON options of every payload: camelCase, enums as camelCase strings.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    /// <summary>The payload, or null when it does not read as <typeparamref name="T"/>.</summary>
    public static T? Read<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An entry as partners receive it.</summary>
    public static EntryView? ReadEntry(string json) => Read<EntryView>(json);
}

/// <summary>The partner agencies this node exchanges messages with. No federation configured: none.</summary>
public interface IPartnerDirectory
{
    /// <summary>The partners' agency codes.</summary>
    IReadOnlySet<string> Partners { get; }

    /// <summary>True when <paramref name="agency"/> receives the traveller's identity with the hit notification at referral (default: no).</summary>
    bool SharesIdentityAtReferral(string agency) => false;
}

/// <summary>A node without partners: nothing is queued for anyone.</summary>
public sealed class NoPartners : IPartnerDirectory
{
    public IReadOnlySet<string> Partners { get; } = new HashSet<string>(StringComparer.Ordinal);
}
