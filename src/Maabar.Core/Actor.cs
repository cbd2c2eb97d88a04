using Maabar.Domain;

namespace Maabar.Core;

/// <summary>Who is acting: the signed-in user, their agency and roles. Built by the host from the principal.</summary>
public sealed record Actor(Guid UserId, string UserName, string Agency, IReadOnlySet<string> Roles)
{
    /// <summary>The node itself (seeding, background work).</summary>
    public static Actor System(string agency) => new(Guid.Empty, "system", agency, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>An operator at the command line, recorded by their operating-system user name (<c>os:</c> and the name).</summary>
    /// <param name="agency">The agency acted for.</param>
    /// <param name="operatingSystemUser">The operating-system user running the command.</param>
    public static Actor CommandLine(string agency, string operatingSystemUser) =>
        new(Guid.Empty, "os:" + operatingSystemUser, agency, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Someone without an account (the public clearance check), recorded against the node's agency.</summary>
    public static Actor Public(string agency) => new(Guid.Empty, "public", agency, new HashSet<string>(StringComparer.Ordinal));

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsAdministrator => IsInRole(Domain.Roles.Administrator);
}
