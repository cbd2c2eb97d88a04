using Maabar.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Users;

/// <summary>The users of the actor's agency with their roles.</summary>
public sealed class ListUsers(MaabarDbContext db)
{
    public async Task<IReadOnlyList<UserView>> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rows = await (from u in db.Users.AsNoTracking()
                          where u.Agency == actor.Agency
                          orderby u.UserName
                          select new { u.Id, u.UserName, u.Agency, u.DisplayName, u.Disabled, u.MustChangePassword }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return [.. rows.Select(r => new UserView(r.Id, r.UserName!, r.Agency, r.DisplayName, [.. byUser[r.Id].Order(StringComparer.Ordinal)], r.Disabled, r.MustChangePassword))];
    }
}
