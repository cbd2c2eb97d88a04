using Maabar.Core.Data;
using Maabar.Core.Features.Auth;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// Signs a user in with a password through the given sign-in manager (cookie or bearer scheme) and writes
/// the attempt to the audit trail when the account exists. Used by the API token endpoint and the UI login.
/// </summary>
public sealed class AuditedSignIn(SignInManager<MaabarUser> signIn, RecordSignIn audit)
{
    /// <summary>The sign-in manager, for the caller to choose its scheme before signing in.</summary>
    public SignInManager<MaabarUser> Manager => signIn;

    /// <returns>The result and the account (null when no account has that name).</returns>
    public async Task<(SignInResult Result, MaabarUser? User)> PasswordSignInAsync(string userName, string password, string channel, CancellationToken cancellationToken)
    {
        MaabarUser? user = await signIn.UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            return (SignInResult.Failed, null);
        }

        SignInResult result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        SignInOutcome outcome = result.Succeeded ? SignInOutcome.Succeeded : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword;
        await audit.HandleAsync(user, outcome, channel, cancellationToken);
        return (result, user);
    }
}
