namespace Maabar.Domain;

/// <summary>One entry or exit of a traveller at a crossing, lane and time, recorded by an officer.</summary>
public sealed class Passage
{
    /// <summary>Identifier (UUIDv7: sorts by creation time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency whose officer recorded the passage.</summary>
    public required string Agency { get; init; }

    /// <summary>The crossing point.</summary>
    public required string CrossingPointId { get; init; }

    /// <summary>The lane.</summary>
    public Guid LaneId { get; init; }

    /// <summary>Entry or exit.</summary>
    public PassageDirection Direction { get; init; }

    /// <summary>The traveller.</summary>
    public Guid TravellerId { get; init; }

    /// <summary>The traveller record (navigation).</summary>
    public Traveller? Traveller { get; init; }

    /// <summary>The lane (navigation).</summary>
    public Lane? Lane { get; init; }

    /// <summary>The officer's user id.</summary>
    public Guid OfficerId { get; init; }

    /// <summary>When the passage was recorded (UTC).</summary>
    public DateTime RecordedUtc { get; init; }

    /// <summary>Cleared or referred.</summary>
    public PassageDecision Decision { get; set; }

    /// <summary>The document number shown at this passage, if any (which of the traveller's documents was used).</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The vehicle's plate, when the traveller came with one (letters and digits, upper case).</summary>
    public string? VehiclePlate { get; init; }

    /// <summary>The plate's country (alpha-3).</summary>
    public string? VehicleCountry { get; init; }

    /// <summary>The raw MRZ text as scanned, lines separated by LF; personal data: never logged.</summary>
    public string? RawMrz { get; init; }

    /// <summary>The traveller's category when a restricted crossing required one (humanitarian, medical, diplomatic, freight); null for an ordinary traveller.</summary>
    public string? Category { get; init; }

    /// <summary>Hits raised by screening at this passage.</summary>
    public List<Hit> Hits { get; init; } = [];
}
