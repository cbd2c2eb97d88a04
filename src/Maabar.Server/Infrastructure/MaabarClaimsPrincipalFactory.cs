using System.Security.Claims;
using Maabar.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Infrastructure;

/// <summary>Adds the user's agency to the cookie and bearer-token principal.</summary>
internal sealed class MaabarClaimsPrincipalFactory(UserManager<MaabarUser> users, RoleManager<MaabarRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<MaabarUser, MaabarRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(MaabarUser user)
    {
        ClaimsIdentity identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MaabarClaims.Agency, user.Agency));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(MaabarClaims.TwoFactor, "enrolled"));
        }
        return identity;
    }
}
