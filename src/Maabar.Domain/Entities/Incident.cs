namespace Maabar.Domain;

/// <summary>What kind of event an incident is (Eurosur event layers, Frontex JORA categories).</summary>
public enum IncidentType
{
    /// <summary>Queues beyond the crossing's capacity.</summary>
    Congestion = 1,

    /// <summary>A blockade or protest at or near the crossing.</summary>
    BlockadeOrProtest = 2,

    /// <summary>Maabar, the link to the partner or another system is down.</summary>
    SystemOutage = 3,

    /// <summary>A security incident at a crossing.</summary>
    SecurityIncident = 4,

    /// <summary>An attempt to cross outside the law or with false identity.</summary>
    InfiltrationAttempt = 5,

    /// <summary>A seizure of smuggled goods.</summary>
    SmugglingSeizure = 6,

    /// <summary>A group of irregular migrants.</summary>
    IrregularMigrationGroup = 7,

    /// <summary>An armed clash.</summary>
    ArmedClash = 8,

    /// <summary>A dispute between the two sides over a traveller.</summary>
    TravellerDispute = 9,

    /// <summary>Anything else.</summary>
    Other = 10,
}

/// <summary>Impact level (Eurosur): what reactions the incident requires.</summary>
public enum ImpactLevel
{
    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Medium.</summary>
    Medium = 2,

    /// <summary>High: the partner and the committee are notified.</summary>
    High = 3,

    /// <summary>Critical: the partner and the committee are notified at once.</summary>
    Critical = 4,
}

/// <summary>
/// An event at a crossing (or at a point of the border) with an impact level, a first report due within 24
/// hours of the event (Eurosur) and follow-up reports forming its timeline.
/// </summary>
public sealed class Incident
{
    /// <summary>Identifier (UUIDv7), the same on both nodes when shared.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency that reported it.</summary>
    public required string Agency { get; init; }

    /// <summary>The kind of event.</summary>
    public IncidentType Type { get; set; }

    /// <summary>The current impact level.</summary>
    public ImpactLevel Impact { get; set; }

    /// <summary>The crossing, when at one.</summary>
    public string? CrossingPointId { get; set; }

    /// <summary>The border sector (<see cref="BorderSectors"/>), when on the common border.</summary>
    public string? SectorId { get; set; }

    /// <summary>Latitude (WGS 84), when known.</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude (WGS 84), when known.</summary>
    public double? Longitude { get; set; }

    /// <summary>A short title (no personal data: incidents are shared and shown on the picture).</summary>
    public required string Title { get; set; }

    /// <summary>What happened.</summary>
    public string? Description { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime OccurredUtc { get; init; }

    /// <summary>When it was recorded here (UTC).</summary>
    public DateTime RecordedUtc { get; init; }

    /// <summary>When the first full report is due (24 hours after the event).</summary>
    public DateTime FirstReportDueUtc { get; init; }

    /// <summary>Who recorded it (empty for the node itself or a partner).</summary>
    public Guid RecordedBy { get; init; }

    /// <summary>When it was closed (UTC), or null while open.</summary>
    public DateTime? ClosedUtc { get; set; }

    /// <summary>The follow-up reports, oldest first.</summary>
    public List<IncidentReport> Reports { get; init; } = [];

    /// <summary>True once the incident has been sent to the partners: every change after that is sent too.</summary>
    public bool SentToPartners { get; set; }
}

/// <summary>A follow-up report on an incident: the timeline.</summary>
public sealed class IncidentReport
{
    /// <summary>Identifier (UUIDv7: sorts by time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The incident.</summary>
    public Guid IncidentId { get; init; }

    /// <summary>The text.</summary>
    public required string Text { get; init; }

    /// <summary>The impact level from this report on, when it changed.</summary>
    public ImpactLevel? Impact { get; init; }

    /// <summary>Whether this report closes the incident.</summary>
    public bool Closes { get; init; }

    /// <summary>The agency that wrote it.</summary>
    public required string Agency { get; init; }

    /// <summary>Who wrote it (empty for the node or a partner).</summary>
    public Guid WrittenBy { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime WrittenUtc { get; init; }
}

/// <summary>Rules of incidents.</summary>
public static class IncidentRules
{
    /// <summary>The first full report is due within this time of the event (Eurosur).</summary>
    public static readonly TimeSpan FirstReportWindow = TimeSpan.FromHours(24);

    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The impact level by its name, any case (low, medium, high, critical); null for anything else, numbers included.</summary>
    /// <param name="text">The text.</param>
    public static ImpactLevel? ParseImpact(string? text) =>
        Enum.TryParse(text, true, out ImpactLevel level) && Enum.IsDefined(level) && !int.TryParse(text, out _) ? level : null;

    /// <summary>Westmost longitude of the Tunisia-Libya border (a point east of it and west of <see cref="BorderEast"/> lies on a sector's band).</summary>
    public const double BorderWest = 9.3;

    /// <summary>Eastmost longitude of the Tunisia-Libya border.</summary>
    public const double BorderEast = 11.9;

    /// <summary>Longest description or report.</summary>
    public const int MaxTextLength = 4000;
}

/// <summary>A photo or a document attached to an incident. Its bytes are kept apart (<see cref="IncidentAttachmentContent"/>) so lists never load them.</summary>
public sealed class IncidentAttachment
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The incident.</summary>
    public Guid IncidentId { get; init; }

    /// <summary>The agency that attached it.</summary>
    public required string Agency { get; init; }

    /// <summary>The file name as given, made safe (<see cref="AttachmentRules.SafeFileName"/>).</summary>
    public required string FileName { get; init; }

    /// <summary>The type read from the content itself (never the sender's claim).</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Who attached it.</summary>
    public Guid UploadedBy { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime UploadedUtc { get; init; }
}

/// <summary>The bytes of an attachment.</summary>
public sealed class IncidentAttachmentContent
{
    /// <summary>The attachment.</summary>
    public Guid AttachmentId { get; init; }

    /// <summary>The content.</summary>
    public required byte[] Bytes { get; init; }
}

/// <summary>Rules of attachments: what may be attached, how big, how it is named.</summary>
public static class AttachmentRules
{
    /// <summary>Largest attachment: 5 MB.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Most attachments on one incident.</summary>
    public const int MaxPerIncident = 10;

    /// <summary>Longest stored file name.</summary>
    public const int MaxFileNameLength = 100;

    /// <summary>
    /// The type of the content from its first bytes: JPEG, PNG or PDF, the only kinds accepted; null for
    /// anything else (whatever name or type the sender gave it).
    /// </summary>
    /// <param name="content">The content.</param>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        return content.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    /// <summary>
    /// A name safe to store and to send back in a header: the last path segment, control, bidi and
    /// reserved characters replaced, cut to <see cref="MaxFileNameLength"/>, with the extension of its real type.
    /// </summary>
    /// <param name="name">The name as given.</param>
    /// <param name="contentType">The sniffed type.</param>
    public static string SafeFileName(string? name, string contentType)
    {
        string extension = contentType switch { "image/jpeg" => ".jpg", "image/png" => ".png", _ => ".pdf" };
        string last = (name ?? string.Empty).Replace('\\', '/').Split('/')[^1];
        string stem = Path.GetFileNameWithoutExtension(last);
        var safe = new System.Text.StringBuilder(stem.Length);
        foreach (char c in stem)
        {
            bool bad = char.IsControl(c) || c is '"' or '<' or '>' or ':' or '|' or '?' or '*' or ';' or '\u200E' or '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            safe.Append(bad ? '_' : c);
        }

        string trimmed = safe.ToString().Trim().Trim('.');
        if (trimmed.Length == 0)
        {
            trimmed = "attachment";
        }

        return (trimmed.Length > MaxFileNameLength - extension.Length ? trimmed[..(MaxFileNameLength - extension.Length)] : trimmed) + extension;
    }
}
