using System.Security.Claims;
using Maabar.Core;
using Maabar.Core.Data;

namespace Maabar.Server.Infrastructure;

internal static class ActorExtensions
{
    /// <summary>The actor behind an authenticated principal: id, login name, agency claim and roles.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        string id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Principal has no user id.");
        string agency = user.FindFirstValue(MaabarClaims.Agency) ?? throw new InvalidOperationException("Principal has no agency.");
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(Guid.Parse(id), user.Identity?.Name ?? id, agency, roles);
    }
}
