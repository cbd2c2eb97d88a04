using System.Security.Cryptography;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Users;

/// <summary>What an administrator changes on an account: either or both; null leaves it as it is.</summary>
public sealed record UpdateUserRequest(bool? Disabled, IReadOnlyList<string>? Roles);

public enum UpdateUserOutcome
{
    Updated,
    Invalid,
    NotFound,
    LastAdministrator,
}

public sealed record UpdateUserResult(UpdateUserOutcome Outcome, UserView? User = null, IReadOnlyList<ValidationError>? Errors = null);

public enum ResetPasswordOutcome
{
    Reset,
    NotFound,
}

/// <summary>The one-time password is returned once to the administrator and stored only as a hash.</summary>
public sealed record ResetPasswordResult(ResetPasswordOutcome Outcome, string? TemporaryPassword = null);

public enum ChangePasswordOutcome
{
    Changed,
    WrongPassword,
    Invalid,
}

public sealed record ChangePasswordResult(ChangePasswordOutcome Outcome, IReadOnlyList<ValidationError>? Errors = null);

/// <summary>Finds an account of the administrator's agency; another agency's accounts are not there for them.</summary>
internal static class AgencyUsers
{
    public static async Task<MaabarUser?> FindAsync(UserManager<MaabarUser> users, Actor actor, string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }

        MaabarUser? user = await users.FindByNameAsync(userName.Trim());
        return user is not null && string.Equals(user.Agency, actor.Agency, StringComparison.Ordinal) ? user : null;
    }

    public static Actor ActorOf(MaabarUser user) =>
        new(user.Id, user.UserName ?? user.Id.ToString(), user.Agency, new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>
/// Disables or enables an account of the administrator's agency and sets its roles (issue 21 point 1). Every
/// change rotates the account's security stamp, so its tokens and cookies end within the revalidation
/// interval, and is audited in the same transaction. A change that would leave the agency without an enabled
/// administrator is refused: nobody could then undo it. A request that changes nothing writes nothing.
/// </summary>
public sealed class UpdateUser(MaabarDbContext db, UserManager<MaabarUser> users, TimeProvider clock)
{
    public async Task<UpdateUserResult> HandleAsync(Actor actor, string? userName, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (request.Disabled is null && request.Roles is null)
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "disabled"));
            errors.Add(new ValidationError(ErrorCodes.Required, "roles"));
        }
        else if (request.Roles is { Count: 0 })
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "roles"));
        }
        else if (request.Roles is not null && request.Roles.Any(r => !Roles.IsKnown(r)))
        {
            errors.Add(new ValidationError(ErrorCodes.RoleUnknown, "roles"));
        }

        if (errors.Count > 0)
        {
            return new UpdateUserResult(UpdateUserOutcome.Invalid, Errors: errors);
        }

        MaabarUser? user = await AgencyUsers.FindAsync(users, actor, userName);
        if (user is null)
        {
            return new UpdateUserResult(UpdateUserOutcome.NotFound, Errors: [new ValidationError(ErrorCodes.UserNotFound, "username")]);
        }

        IList<string> current = await users.GetRolesAsync(user);
        string[] roles = request.Roles is null ? [.. current] : [.. request.Roles.Distinct(StringComparer.Ordinal)];
        bool disabled = request.Disabled ?? user.Disabled;
        string[] removed = [.. current.Except(roles, StringComparer.Ordinal)];
        string[] added = [.. roles.Except(current, StringComparer.Ordinal)];
        bool disabledChanged = disabled != user.Disabled;
        if (!disabledChanged && removed.Length == 0 && added.Length == 0)
        {
            return new UpdateUserResult(UpdateUserOutcome.Updated, await ViewAsync(user, cancellationToken));
        }

        bool wasAdministrator = !user.Disabled && current.Contains(Roles.Administrator, StringComparer.Ordinal);
        bool staysAdministrator = !disabled && roles.Contains(Roles.Administrator, StringComparer.Ordinal);
        if (wasAdministrator && !staysAdministrator && !await OtherEnabledAdministratorExistsAsync(user, cancellationToken))
        {
            return new UpdateUserResult(UpdateUserOutcome.LastAdministrator, Errors: [new ValidationError(ErrorCodes.LastAdministrator, "username")]);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (removed.Length > 0)
        {
            await Ensure(users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Length > 0)
        {
            await Ensure(users.AddToRolesAsync(user, added));
        }

        if (removed.Length > 0 || added.Length > 0)
        {
            db.Audit(actor, nowUtc, AuditActions.UserRolesChanged, "user", user.Id.ToString(), "user.update",
                "roles=" + string.Join('|', roles.Order(StringComparer.Ordinal)));
        }

        if (disabledChanged)
        {
            user.Disabled = disabled;
            db.Audit(actor, nowUtc, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "user", user.Id.ToString(), "user.update");
        }

        // ASVS 4 §3.3.4: the account changed, so every session it had ends (AccountSessions reads the stamp).
        await Ensure(users.UpdateSecurityStampAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UpdateUserResult(UpdateUserOutcome.Updated, await ViewAsync(user, cancellationToken));
    }

    private Task<bool> OtherEnabledAdministratorExistsAsync(MaabarUser user, CancellationToken cancellationToken) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.Agency == user.Agency && u.Id != user.Id && !u.Disabled && r.Name == Roles.Administrator
         select u.Id).AnyAsync(cancellationToken);

    private async Task<UserView> ViewAsync(MaabarUser user, CancellationToken cancellationToken)
    {
        List<string> roles = await (from ur in db.UserRoles
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where ur.UserId == user.Id
                                    orderby r.Name
                                    select r.Name!).ToListAsync(cancellationToken);
        return new UserView(user.Id, user.UserName!, user.Agency, user.DisplayName, roles, user.Disabled, user.MustChangePassword);
    }

    internal static async Task Ensure(Task<IdentityResult> operation)
    {
        IdentityResult result = await operation;
        if (!result.Succeeded)
        {
            // Codes only: Identity's descriptions can quote the user name.
            throw new InvalidOperationException("Identity operation failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}

/// <summary>
/// Gives an account of the administrator's agency a one-time password that the user must change at the next
/// sign-in (issue 21 point 1). The stamp rotates (open sessions end), a lockout is lifted, and the audit row
/// says it happened, never the password. The password is returned once and stored only as a hash.
/// </summary>
public sealed class ResetPassword(MaabarDbContext db, UserManager<MaabarUser> users, TimeProvider clock)
{
    public async Task<ResetPasswordResult> HandleAsync(Actor actor, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        MaabarUser? user = await AgencyUsers.FindAsync(users, actor, userName);
        if (user is null)
        {
            return new ResetPasswordResult(ResetPasswordOutcome.NotFound);
        }

        string password = TemporaryPassword.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        db.Audit(actor, clock.GetUtcNow().UtcDateTime, AuditActions.PasswordReset, "user", user.Id.ToString(), "user.password-reset");
        await UpdateUser.Ensure(users.UpdateSecurityStampAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ResetPasswordResult(ResetPasswordOutcome.Reset, password);
    }
}

/// <summary>
/// A user replaces their own password, knowing the current one. The new one passes the node's password rules
/// (length, unique characters, the common-password list) and differs from the current one; the change rotates
/// the security stamp (the user's other sessions end), lifts the must-change requirement and is audited
/// without the password. The host checks the current password first, with the sign-in's lockout and
/// throttling; this checks it again, as Identity does.
/// </summary>
public sealed class ChangeOwnPassword(MaabarDbContext db, UserManager<MaabarUser> users, TimeProvider clock)
{
    public async Task<ChangePasswordResult> HandleAsync(MaabarUser user, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(newPassword))
        {
            return new ChangePasswordResult(ChangePasswordOutcome.Invalid, [new ValidationError(ErrorCodes.Required, "newPassword")]);
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return new ChangePasswordResult(ChangePasswordOutcome.Invalid, [new ValidationError(ErrorCodes.PasswordUnchanged, "newPassword")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityResult result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? new ChangePasswordResult(ChangePasswordOutcome.WrongPassword)
                : new ChangePasswordResult(ChangePasswordOutcome.Invalid, [new ValidationError(ErrorCodes.PasswordWeak, "newPassword")]);
        }

        // ChangePasswordAsync rotated the security stamp with the new hash.
        user.MustChangePassword = false;
        db.Audit(AgencyUsers.ActorOf(user), clock.GetUtcNow().UtcDateTime, AuditActions.PasswordChanged, "user", user.Id.ToString(), "user.password-change");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChangePasswordResult(ChangePasswordOutcome.Changed);
    }
}

/// <summary>Random passwords a person is given to type once: generated first-administrator and reset passwords.</summary>
public static class TemporaryPassword
{
    /// <summary>
    /// A random password of 20 characters from an unambiguous alphabet (about 114 bits) that meets the node's
    /// password rules: at least one digit, one lower-case letter and five distinct characters (a draw without
    /// them is drawn again).
    /// </summary>
    public static string Generate()
    {
        while (true)
        {
            string password = RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            if (password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower) && password.Distinct().Count() >= 5)
            {
                return password;
            }
        }
    }
}
