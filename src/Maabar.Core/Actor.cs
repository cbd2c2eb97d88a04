using Maabar.Domain;

namespace Maabar.Core;

/// <summary>Who is acting: the signed-in user, their agency and roles. Built by the host from the principal.</summary>
public sealed record Actor(Guid UserId, string UserName, string Agency, IReadOnlySet<string> Roles)
{
    /// <summary>The node itself (seeding, background work).</summary>
    public static Actor System(string agency) => new(Guid.Empty, "system", agency, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Someone without an account (the public clearance check), recorded against the node's agency.</summary>
    public static Actor Public(string agency) => new(Guid.Empty, "public", agency, new HashSet<string>(StringComparer.Ordinal));

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsAdministrator => IsInRole(Domain.Roles.Administrator);
}
