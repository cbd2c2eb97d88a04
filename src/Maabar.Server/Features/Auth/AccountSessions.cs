using System.Collections.Concurrent;
using System.Security.Claims;
using Maabar.Core.Data;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// Decides whether a signed-in principal (bearer token or cookie) still speaks for its account: the account
/// exists and is not disabled, its security stamp is the one the principal was issued with, it is not locked (an administrator's
/// lock or a lockout), it belongs to the same agency and still holds every role the principal claims.
/// ASVS 4 §3.3: a session ends when the account is changed. The account's state is read from the database at
/// most once per <see cref="AuthOptions.RevalidationInterval"/> per user (a minute by default), so a change
/// takes effect within that interval without a query on every request. Thread-safe; a singleton.
/// </summary>
internal sealed class AccountSessions(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuthOptions> options, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<Guid, AccountState> states = new();

    /// <summary>What the database said about an account, and when; <see cref="Exists"/> false for a deleted account.</summary>
    private sealed record AccountState(bool Exists, bool Disabled, string? Stamp, DateTimeOffset? LockoutEnd, string? Agency, IReadOnlySet<string> Roles, DateTimeOffset ReadUtc);

    /// <summary>True when the principal's account still stands as the principal says.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ClaimsIdentityOptions claims = identity.Value.ClaimsIdentity;
        if (!Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out Guid userId))
        {
            return false;
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (!states.TryGetValue(userId, out AccountState? state) || now - state.ReadUtc >= options.Value.RevalidationInterval || now < state.ReadUtc)
        {
            state = await ReadAsync(userId, now, cancellationToken);
            states[userId] = state;
        }

        return state.Exists
            && !state.Disabled
            && string.Equals(state.Stamp, principal.FindFirstValue(claims.SecurityStampClaimType), StringComparison.Ordinal)
            && (state.LockoutEnd is null || state.LockoutEnd <= now)
            && string.Equals(state.Agency, principal.FindFirstValue(MaabarClaims.Agency), StringComparison.Ordinal)
            && principal.FindAll(claims.RoleClaimType).All(role => state.Roles.Contains(role.Value));
    }

    private async Task<AccountState> ReadAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Disabled, u.SecurityStamp, u.LockoutEnd, u.Agency }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return new AccountState(false, true, null, null, null, new HashSet<string>(), now);
        }

        List<string> roles = await (from ur in db.UserRoles
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where ur.UserId == userId
                                    select r.Name!).ToListAsync(cancellationToken);
        return new AccountState(true, user.Disabled, user.SecurityStamp, user.LockoutEnd, user.Agency, roles.ToHashSet(StringComparer.Ordinal), now);
    }

    /// <summary>Forgets what was read about the account, after a change made here that rotated its stamp (second factor enrolled or reset).</summary>
    public void Forget(Guid userId) => states.TryRemove(userId, out _);
}
