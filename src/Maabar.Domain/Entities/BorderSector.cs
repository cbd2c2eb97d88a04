namespace Maabar.Domain;

/// <summary>
/// A sector of the Tunisia–Libya border (Eurosur's border section): the stretch of the common boundary
/// between two latitudes, with its own impact level. The sectors are the two ministries' agreed reference
/// data, the same on both nodes, so they live here rather than in a table.
/// </summary>
/// <param name="Id">Stable code, e.g. <c>TN-LY-S1</c>.</param>
/// <param name="NameAr">Name in Arabic.</param>
/// <param name="NameFr">Name in French.</param>
/// <param name="NameEn">Name in English.</param>
/// <param name="SouthLatitude">The sector's southern end (WGS 84).</param>
/// <param name="NorthLatitude">The sector's northern end (WGS 84).</param>
public sealed record BorderSector(string Id, string NameAr, string NameFr, string NameEn, double SouthLatitude, double NorthLatitude)
{
    /// <summary>The name in the language whose two-letter code is given.</summary>
    /// <param name="language">Two-letter ISO 639-1 code.</param>
    public string NameIn(string language) => LocalizedText.Pick(language, NameAr, NameFr, NameEn);

    /// <summary>True when the latitude falls in the sector (south inclusive).</summary>
    /// <param name="latitude">The latitude.</param>
    public bool Contains(double latitude) => latitude >= SouthLatitude && latitude < NorthLatitude;
}

/// <summary>The agreed sectors of the Tunisia–Libya border, north to south.</summary>
public static class BorderSectors
{
    /// <summary>Every sector, north (the coast) to south (the Algerian tripoint).</summary>
    public static IReadOnlyList<BorderSector> All { get; } =
    [
        new("TN-LY-S1", "\u0627\u0644\u0642\u0637\u0627\u0639 \u0627\u0644\u0633\u0627\u062D\u0644\u064A (\u0631\u0623\u0633 \u062C\u062F\u064A\u0631)", "Secteur c\u00F4tier (Ras Jedir)", "Coastal sector (Ras Jedir)", 32.55, 33.25),
        new("TN-LY-S2", "\u0642\u0637\u0627\u0639 \u0627\u0644\u062C\u0641\u0627\u0631\u0629 (\u0627\u0644\u0630\u0647\u064A\u0628\u0629 - \u0648\u0627\u0632\u0646)", "Secteur de la Jeffara (Dehiba - Ouazen)", "Jeffara sector (Dehiba - Wazin)", 31.55, 32.55),
        new("TN-LY-S3", "\u0642\u0637\u0627\u0639 \u0627\u0644\u0638\u0627\u0647\u0631 (\u0646\u0627\u0644\u0648\u062A)", "Secteur du Dahar (Nalout)", "Dahar sector (Nalut)", 30.75, 31.55),
        new("TN-LY-S4", "\u0642\u0637\u0627\u0639 \u063A\u062F\u0627\u0645\u0633 (\u0627\u0644\u0645\u062B\u0644\u062B \u0627\u0644\u062D\u062F\u0648\u062F\u064A)", "Secteur de Ghadam\u00E8s (triangle frontalier)", "Ghadames sector (tri-border)", 30.0, 30.75),
    ];

    /// <summary>The sector with this code (any case), or null.</summary>
    /// <param name="id">The code.</param>
    public static BorderSector? Find(string? id) => id is null ? null : All.FirstOrDefault(s => string.Equals(s.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The sector a point of the border lies in, by latitude, or null outside the common border.</summary>
    /// <param name="latitude">The latitude.</param>
    public static BorderSector? At(double latitude) => All.FirstOrDefault(s => s.Contains(latitude));
}

/// <summary>
/// One agency's assessment of a sector's impact level, with the reason and since when. Each agency sets its
/// own and sends it to the partner; the sector shows the higher of the two.
/// </summary>
public sealed class SectorAssessment
{
    /// <summary>The sector's code.</summary>
    public required string SectorId { get; init; }

    /// <summary>The agency whose assessment this is.</summary>
    public required string Agency { get; init; }

    /// <summary>The impact level.</summary>
    public ImpactLevel Impact { get; set; } = ImpactLevel.Low;

    /// <summary>Why (shared with the partner: no personal data).</summary>
    public string? Reason { get; set; }

    /// <summary>Since when (UTC).</summary>
    public DateTime SinceUtc { get; set; }

    /// <summary>Who set it (empty when a partner's notice set it).</summary>
    public Guid SetBy { get; set; }
}
