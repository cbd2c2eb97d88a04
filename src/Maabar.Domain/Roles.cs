namespace Maabar.Domain;

/// <summary>The roles a user may hold. Role names are stored and sent as these exact strings.</summary>
public static class Roles
{
    /// <summary>Processes travellers at a lane (primary line).</summary>
    public const string Officer = "officer";

    /// <summary>Supervises a crossing; confirms positive hits (four eyes), sets crossing status.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Works the 24/7 liaison desk: partner messages, requests and replies.</summary>
    public const string LiaisonOfficer = "liaison-officer";

    /// <summary>Reads statistics and reports; sees no person's record unless shared.</summary>
    public const string Analyst = "analyst";

    /// <summary>Member of the joint security committee.</summary>
    public const string CommitteeMember = "committee-member";

    /// <summary>Manages the node's users and reads the audit trail.</summary>
    public const string Administrator = "administrator";

    /// <summary>All roles, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = [Officer, Supervisor, LiaisonOfficer, Analyst, CommitteeMember, Administrator];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (ordinal).</summary>
    /// <param name="role">The role name.</param>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
