using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Core.Features.Users;

public sealed record CreateUserRequest(string? UserName, string? Password, string? Agency, IReadOnlyList<string>? Roles, string? DisplayName = null);

public enum CreateUserOutcome
{
    Created,
    Invalid,
    AgencyForbidden,
    UserNameTaken,
}

/// <summary>An account as administrators see it; <see cref="MustChangePassword"/> while a password set by someone else is unchanged.</summary>
public sealed record UserView(Guid Id, string UserName, string Agency, string DisplayName, IReadOnlyList<string> Roles, bool Disabled = false, bool MustChangePassword = false);

public sealed record CreateUserResult(CreateUserOutcome Outcome, UserView? User = null, IReadOnlyList<ValidationError>? Errors = null);

/// <summary>
/// Creates a user account with roles, in the administrator's own agency. The account, its roles and the
/// audit row are written in one transaction. The administrator chose the password, so the user must change
/// it before signing in (issue 21 point 1).
/// </summary>
public sealed class CreateUser(MaabarDbContext db, UserManager<MaabarUser> users, TimeProvider clock)
{
    public async Task<CreateUserResult> HandleAsync(Actor actor, CreateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "username"));
        }
        else if (request.UserName.Length > 64)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "username"));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "password"));
        }

        if (request.DisplayName is { Length: > 100 })
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "displayName"));
        }

        string? agency = request.Agency?.Trim();
        if (string.IsNullOrEmpty(agency))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "agency"));
        }
        else if (!AgencyCode.IsWellFormed(agency))
        {
            errors.Add(new ValidationError(ErrorCodes.AgencyUnknown, "agency"));
        }

        IReadOnlyList<string> roles = request.Roles ?? [];
        if (roles.Count == 0)
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "roles"));
        }
        else if (roles.Any(r => !Domain.Roles.IsKnown(r)))
        {
            errors.Add(new ValidationError(ErrorCodes.RoleUnknown, "roles"));
        }

        if (errors.Count > 0)
        {
            return new CreateUserResult(CreateUserOutcome.Invalid, Errors: errors);
        }

        if (agency != actor.Agency)
        {
            return new CreateUserResult(CreateUserOutcome.AgencyForbidden, Errors: [new ValidationError(ErrorCodes.AgencyForbidden, "agency")]);
        }

        string userName = request.UserName!.Trim();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new CreateUserResult(CreateUserOutcome.UserNameTaken, Errors: [new ValidationError(ErrorCodes.UserNameTaken, "username")]);
        }

        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var user = new MaabarUser { UserName = userName, Agency = agency!, DisplayName = request.DisplayName?.Trim() ?? userName, CreatedUtc = nowUtc, MustChangePassword = true };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityResult result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            bool duplicate = result.Errors.Any(e => e.Code is "DuplicateUserName");
            return duplicate
                ? new CreateUserResult(CreateUserOutcome.UserNameTaken, Errors: [new ValidationError(ErrorCodes.UserNameTaken, "username")])
                : new CreateUserResult(CreateUserOutcome.Invalid, Errors: [.. result.Errors.Select(e => new ValidationError(
                    e.Code.StartsWith("Password", StringComparison.Ordinal) ? ErrorCodes.PasswordWeak : ErrorCodes.ValidationFailed,
                    e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "username")).Distinct()]);
        }

        string[] distinctRoles = [.. roles.Distinct(StringComparer.Ordinal)];
        IdentityResult rolesResult = await users.AddToRolesAsync(user, distinctRoles);
        if (!rolesResult.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new CreateUserResult(CreateUserOutcome.Invalid, Errors: [new ValidationError(ErrorCodes.RoleUnknown, "roles")]);
        }

        db.Audit(actor, nowUtc, AuditActions.UserCreated, "user", user.Id.ToString(), "user.create", "roles=" + string.Join('|', distinctRoles));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreateUserResult(CreateUserOutcome.Created, new UserView(user.Id, userName, user.Agency, user.DisplayName, distinctRoles, user.Disabled, user.MustChangePassword));
    }
}
