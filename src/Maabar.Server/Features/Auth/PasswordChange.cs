using Maabar.Core.Data;
using Maabar.Core.Features.Auth;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Maabar.Server.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// A user changes their own password with their user name and current password, signed in or not (the API's
/// <c>POST /api/v1/auth/password</c> and the change-password page): the way out of a password that must be
/// changed. The current password is checked as a sign-in is — the same throttling (the caller's rate-limit
/// policy), lockout, audit rows, dummy hash and failure delay, and the one answer <c>auth.failed</c> for an
/// unknown name, a wrong password, a locked or a disabled account — and only then is the new one judged, so
/// that its rules tell nothing to someone without the current one. When the generated first administrator
/// has changed its password, <c>credentials.txt</c> is deleted: the password in it is void.
/// </summary>
public sealed class PasswordChange(
    UserManager<MaabarUser> users,
    SignInManager<MaabarUser> signIn,
    IPasswordHasher<MaabarUser> hasher,
    DummyPasswordHash dummy,
    RecordSignIn audit,
    ChangeOwnPassword change,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<NodeOptions> node,
    DataDirectory data,
    TimeProvider clock,
    IOptions<AuthOptions> options,
    ILogger<PasswordChange> logger)
{
    /// <summary>
    /// <see cref="ChangePasswordOutcome.WrongPassword"/> stands for every sign-in failure (answer <c>auth.failed</c>);
    /// <see cref="ChangePasswordOutcome.Invalid"/> comes only after the current password was right.
    /// </summary>
    public async Task<ChangePasswordResult> HandleAsync(string userName, string currentPassword, string newPassword, string channel, CancellationToken cancellationToken)
    {
        long start = clock.GetTimestamp();
        ChangePasswordResult result = await ChangeAsync(userName, currentPassword, newPassword, channel, cancellationToken);
        if (result.Outcome == ChangePasswordOutcome.WrongPassword)
        {
            // The sign-in's floor (Auth:FailedSignInDelay): a failure's time tells nothing.
            TimeSpan remaining = options.Value.FailedSignInDelay - clock.GetElapsedTime(start);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, clock, cancellationToken);
            }
        }

        return result;
    }

    private async Task<ChangePasswordResult> ChangeAsync(string userName, string currentPassword, string newPassword, string channel, CancellationToken cancellationToken)
    {
        var failed = new ChangePasswordResult(ChangePasswordOutcome.WrongPassword);
        MaabarUser? user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            dummy.Verify(hasher, currentPassword);
            return failed;
        }

        if (user.Disabled || await users.IsLockedOutAsync(user))
        {
            dummy.Verify(hasher, currentPassword);
            await audit.HandleAsync(user, user.Disabled ? SignInOutcome.Disabled : SignInOutcome.LockedOut, channel, cancellationToken);
            return failed;
        }

        SignInResult check = await signIn.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await audit.HandleAsync(user, check.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword, channel, cancellationToken);
            return failed;
        }

        bool wasRequired = user.MustChangePassword;
        ChangePasswordResult result = await change.HandleAsync(user, currentPassword, newPassword, cancellationToken);
        if (result.Outcome == ChangePasswordOutcome.Changed && wasRequired && IsGeneratedAdministrator(user))
        {
            new CredentialsFile(data).Delete();
            Log.CredentialsFileDeleted(logger, user.Id);
        }

        return result;
    }

    /// <summary>The first administrator whose password the node generated into credentials.txt (not one set by Bootstrap:AdminPassword).</summary>
    private bool IsGeneratedAdministrator(MaabarUser user) =>
        string.IsNullOrEmpty(bootstrap.Value.AdminPassword)
        && string.Equals(user.UserName, bootstrap.Value.AdminUserName, StringComparison.Ordinal)
        && string.Equals(user.Agency, node.Value.Agency, StringComparison.Ordinal);
}
