namespace Maabar.Domain;

/// <summary>Sex as recorded in travel documents (ICAO 9303: M, F, or X / '&lt;' for unspecified).</summary>
public enum Sex
{
    /// <summary>Not given.</summary>
    Unknown = 0,

    /// <summary>Male (M).</summary>
    Male = 1,

    /// <summary>Female (F).</summary>
    Female = 2,

    /// <summary>Unspecified (X), as some states print it.</summary>
    Unspecified = 3,
}

/// <summary>Whether a traveller enters or leaves the country at the crossing.</summary>
public enum PassageDirection
{
    /// <summary>Entering the agency's country.</summary>
    Entry = 1,

    /// <summary>Leaving the agency's country.</summary>
    Exit = 2,
}

/// <summary>What happened to a passage at the primary line.</summary>
public enum PassageDecision
{
    /// <summary>No hit: the traveller was cleared in one action.</summary>
    Cleared = 1,

    /// <summary>One or more hits: the traveller was referred to secondary inspection.</summary>
    Referred = 2,
}

/// <summary>The state of a lane or crossing point.</summary>
public enum CrossingStatus
{
    /// <summary>Open to all traffic.</summary>
    Open = 1,

    /// <summary>Open to some categories only.</summary>
    Restricted = 2,

    /// <summary>Open to humanitarian cases only.</summary>
    HumanitarianOnly = 3,

    /// <summary>Closed: no passage may be recorded.</summary>
    Closed = 4,
}

/// <summary>The kind of traffic a lane serves.</summary>
public enum LaneMode
{
    /// <summary>Pedestrians.</summary>
    Pedestrian = 1,

    /// <summary>Private cars and their passengers.</summary>
    Car = 2,

    /// <summary>Buses and their passengers.</summary>
    Bus = 3,

    /// <summary>Goods vehicles and their drivers.</summary>
    Truck = 4,
}

/// <summary>How strong a hit is; thresholds are documented where scores are computed.</summary>
public enum HitBand
{
    /// <summary>Below the alert threshold.</summary>
    None = 0,

    /// <summary>May be the listed person: an officer must look.</summary>
    Possible = 1,

    /// <summary>Very likely the listed person.</summary>
    Strong = 2,
}

/// <summary>Where a hit stands in adjudication.</summary>
public enum HitStatus
{
    /// <summary>Referred to secondary inspection, waiting for a decision.</summary>
    Open = 1,

    /// <summary>Decided.</summary>
    Closed = 2,

    /// <summary>Decided positive; waiting for a supervisor's confirmation (four eyes).</summary>
    AwaitingConfirmation = 3,

    /// <summary>Inconclusive; the owner agency was asked, the liaison desk waits for its reply.</summary>
    AwaitingOwner = 4,

    /// <summary>Not alerted: a valid namesake clearance covers the traveller for this entry version.</summary>
    Suppressed = 5,
}

/// <summary>An adjudication's outcome.</summary>
public enum HitOutcome
{
    /// <summary>The traveller is the listed person (takes effect when a supervisor confirms).</summary>
    Positive = 1,

    /// <summary>Not the listed person: a namesake.</summary>
    Negative = 2,

    /// <summary>Cannot tell without the owner agency.</summary>
    Inconclusive = 3,
}

/// <summary>What a watchlist entry lists.</summary>
public enum EntryKind
{
    /// <summary>A person.</summary>
    Person = 1,

    /// <summary>A stolen, lost or invalidated document (type, number, issuing state).</summary>
    Document = 2,

    /// <summary>A vehicle (plate and country).</summary>
    Vehicle = 3,
}

/// <summary>The category of a watchlist entry: what it asks an officer to do on a hit.</summary>
public enum WatchlistCategory
{
    /// <summary>Arrest the person.</summary>
    Arrest = 1,

    /// <summary>Refuse entry.</summary>
    RefuseEntry = 2,

    /// <summary>Discreet check: record and report, do not alert the person.</summary>
    DiscreetCheck = 3,

    /// <summary>Specific check: search the person and belongings.</summary>
    SpecificCheck = 4,

    /// <summary>Monitoring of a suspected foreign terrorist fighter.</summary>
    ForeignTerroristFighter = 5,

    /// <summary>Listed under UN Security Council sanctions.</summary>
    UnSanctions = 6,

    /// <summary>A stolen, lost or invalidated document.</summary>
    StolenDocument = 7,
}
