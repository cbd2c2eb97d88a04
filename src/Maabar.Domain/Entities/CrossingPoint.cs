namespace Maabar.Domain;

/// <summary>An official border crossing. Each agency operates its own side, with its own lanes.</summary>
public sealed class CrossingPoint
{
    /// <summary>Stable code, e.g. <c>TN-LY-RASJEDIR</c>; at most 40 ASCII characters.</summary>
    public required string Id { get; init; }

    /// <summary>Name in Arabic.</summary>
    public required string NameAr { get; set; }

    /// <summary>Name in French.</summary>
    public required string NameFr { get; set; }

    /// <summary>Name in English.</summary>
    public required string NameEn { get; set; }

    /// <summary>Latitude, WGS 84 decimal degrees.</summary>
    public double Latitude { get; set; }

    /// <summary>Longitude, WGS 84 decimal degrees.</summary>
    public double Longitude { get; set; }

    /// <summary>The two states the crossing joins, alpha-3 codes separated by a comma (e.g. <c>TUN,LBY</c>).</summary>
    public required string Countries { get; set; }

    /// <summary>Status of the crossing as a whole.</summary>
    public CrossingStatus Status { get; set; } = CrossingStatus.Open;

    /// <summary>The lanes of every agency at this crossing.</summary>
    public List<Lane> Lanes { get; init; } = [];

    /// <summary>The name in the language whose two-letter code is given (ar, fr; anything else gives English).</summary>
    /// <param name="language">Two-letter ISO 639-1 code.</param>
    public string NameIn(string language) => LocalizedText.Pick(language, NameAr, NameFr, NameEn);
}

/// <summary>A lane at one agency's side of a crossing.</summary>
public sealed class Lane
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The crossing point.</summary>
    public required string CrossingPointId { get; init; }

    /// <summary>The agency operating this lane.</summary>
    public required string Agency { get; init; }

    /// <summary>Code unique at the crossing for the agency, e.g. <c>CAR-IN-1</c>; at most 40 characters.</summary>
    public required string Code { get; init; }

    /// <summary>Traffic served.</summary>
    public LaneMode Mode { get; set; }

    /// <summary>The direction the lane serves; null when both.</summary>
    public PassageDirection? Direction { get; set; }

    /// <summary>Lane status.</summary>
    public CrossingStatus Status { get; set; } = CrossingStatus.Open;
}

/// <summary>Chooses among the three display languages of Maabar.</summary>
public static class LocalizedText
{
    /// <summary>The Arabic text for <c>ar</c>, the French for <c>fr</c>, the English for anything else.</summary>
    /// <param name="language">Two-letter ISO 639-1 code.</param>
    /// <param name="arabic">Arabic text.</param>
    /// <param name="french">French text.</param>
    /// <param name="english">English text.</param>
    public static string Pick(string language, string arabic, string french, string english) => language switch
    {
        "ar" => arabic,
        "fr" => french,
        _ => english,
    };
}
