using Maabar.Domain;

namespace Maabar.Core.Features.Incidents;

/// <summary>
/// What each impact level requires (Eurosur: the reactions an impact level triggers), configurable under
/// <c>Incidents:Reactions:{Low|Medium|High|Critical}</c>. A level that is not configured keeps its default.
/// </summary>
public sealed class IncidentPolicy
{
    public const string Section = "Incidents";

    /// <summary>The configured reactions by level.</summary>
    public Dictionary<ImpactLevel, IncidentReaction> Reactions { get; set; } = [];

    /// <summary>The defaults: low is recorded; medium informs the supervisor and wants a report a day; high and critical go to the partner and the committee, with reports every 6 and 2 hours.</summary>
    public static IReadOnlyDictionary<ImpactLevel, IncidentReaction> Defaults { get; } = new Dictionary<ImpactLevel, IncidentReaction>
    {
        [ImpactLevel.Low] = new() { Steps = ["record"] },
        [ImpactLevel.Medium] = new() { FollowUpEveryHours = 24, Steps = ["record", "inform-supervisor", "monitor"] },
        [ImpactLevel.High] = new() { NotifyPartner = true, NotifyCommittee = true, FollowUpEveryHours = 6, Steps = ["inform-supervisor", "inform-partner", "inform-committee", "reinforce-post"] },
        [ImpactLevel.Critical] = new() { NotifyPartner = true, NotifyCommittee = true, FollowUpEveryHours = 2, Steps = ["inform-supervisor", "inform-partner", "inform-committee", "crisis-cell", "consider-closure"] },
    };

    /// <summary>The reaction steps the UI knows how to say (resource keys <c>reaction.{step}</c>).</summary>
    public static IReadOnlyList<string> KnownSteps { get; } = ["record", "inform-supervisor", "monitor", "inform-partner", "inform-committee", "reinforce-post", "crisis-cell", "consider-closure"];

    /// <summary>The reaction a level requires.</summary>
    public IncidentReaction For(ImpactLevel level) => Reactions.TryGetValue(level, out IncidentReaction? configured) ? configured : Defaults[level];

    /// <summary>When the next follow-up report is due for an open incident whose level wants them, else null.</summary>
    public DateTime? NextReportDue(IncidentView incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.ClosedUtc is not null || For(incident.Impact).FollowUpEveryHours is not { } hours)
        {
            return null;
        }

        // The first full report has its own 24-hour deadline; after it, the level's rhythm.
        return incident.Reports.Count == 0 ? incident.FirstReportDueUtc : incident.Reports[^1].WrittenUtc.AddHours(hours);
    }

    /// <summary>Problems with the configuration (unknown steps, bad intervals), empty when it is sound.</summary>
    public IEnumerable<string> Problems() =>
        Reactions.SelectMany(r => r.Value.Steps.Where(s => !KnownSteps.Contains(s)).Select(s => $"Incidents:Reactions:{r.Key}: unknown step '{s}'")
            .Concat(r.Value.FollowUpEveryHours is < 1 or > 168 ? [$"Incidents:Reactions:{r.Key}:FollowUpEveryHours must be between 1 and 168"] : []));
}

/// <summary>What one impact level requires.</summary>
public sealed class IncidentReaction
{
    /// <summary>The partner is sent the incident and every follow-up.</summary>
    public bool NotifyPartner { get; set; }

    /// <summary>The committee is notified (a notice on its page until acknowledged).</summary>
    public bool NotifyCommittee { get; set; }

    /// <summary>A follow-up report is due this many hours after the last while the incident is open; null for none.</summary>
    public int? FollowUpEveryHours { get; set; }

    /// <summary>The steps shown to the reporting officer (see <see cref="IncidentPolicy.KnownSteps"/>).</summary>
    public List<string> Steps { get; set; } = [];
}
