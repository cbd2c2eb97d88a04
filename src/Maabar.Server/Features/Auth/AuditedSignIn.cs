using Maabar.Core.Data;
using Maabar.Core.Features.Auth;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// Signs a user in with a password through the given sign-in manager (cookie or bearer scheme) and writes
/// the attempt to the audit trail when the account exists. Used by the API token endpoint and the UI login.
/// Every failure costs one password-hash verification — against a dummy hash for an unknown name or a locked
/// account — and is answered after the same delay, so that the time of the answer does not tell which names
/// exist or which accounts are locked (ASVS 4 §2.2.1, issue 21).
/// </summary>
public sealed class AuditedSignIn(
    SignInManager<MaabarUser> signIn, IPasswordHasher<MaabarUser> hasher, DummyPasswordHash dummy, RecordSignIn audit, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>The sign-in manager, for the caller to choose its scheme before signing in.</summary>
    public SignInManager<MaabarUser> Manager => signIn;

    /// <returns>
    /// The result and the account (null when no account has that name). <see cref="SignInResult.IsNotAllowed"/>:
    /// the password was right but must be changed first; nobody was signed in.
    /// </returns>
    public async Task<(SignInResult Result, MaabarUser? User)> PasswordSignInAsync(string userName, string password, string channel, CancellationToken cancellationToken)
    {
        long start = clock.GetTimestamp();
        (SignInResult result, MaabarUser? user) = await SignInAsync(userName, password, channel, cancellationToken);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            if (!result.IsNotAllowed)
            {
                Core.MaabarMetrics.SignInFailed(channel); // a right password that must be changed first is not a failure
            }

            // Every failure ends at the same moment after it began: the time tells nothing (Auth:FailedSignInDelay).
            TimeSpan remaining = options.Value.FailedSignInDelay - clock.GetElapsedTime(start);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, clock, cancellationToken);
            }
        }

        return (result, user);
    }

    private async Task<(SignInResult Result, MaabarUser? User)> SignInAsync(string userName, string password, string channel, CancellationToken cancellationToken)
    {
        MaabarUser? user = await signIn.UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            dummy.Verify(hasher, password);
            return (SignInResult.Failed, null);
        }

        SignInResult result;
        if (user.Disabled || await signIn.UserManager.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before hashing; hash anyway so a lock cannot be told by the time.
            dummy.Verify(hasher, password);
            result = SignInResult.LockedOut;
        }
        else if (user.MustChangePassword)
        {
            result = await CheckBeforePasswordChangeAsync(user, password);
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        }

        // A bearer sign-in held back for want of an enrolled second factor issued no token: not a sign-in.
        SignInOutcome outcome = result.Succeeded && signIn is MaabarSignInManager { EnrolmentRequired: true } ? SignInOutcome.TwoFactorEnrolmentRequired
            : result.Succeeded ? SignInOutcome.Succeeded
            : user.Disabled ? SignInOutcome.Disabled
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : result.IsNotAllowed ? SignInOutcome.PasswordChangeRequired
            : result.RequiresTwoFactor ? SignInOutcome.TwoFactorRequired
            : SignInOutcome.WrongPassword;
        await audit.HandleAsync(user, outcome, channel, cancellationToken);
        return (result, user);
    }

    /// <summary>
    /// A password set by someone else (new account, reset, generated administrator) is checked, with the
    /// lockout counting as for any sign-in, but signs nobody in: when it is right the answer is
    /// <see cref="SignInResult.NotAllowed"/> (the caller asks for a new password, issue 21 point 1); when it is
    /// wrong the answer is the ordinary failure, so nothing is revealed to someone without the password.
    /// </summary>
    private async Task<SignInResult> CheckBeforePasswordChangeAsync(MaabarUser user, string password)
    {
        SignInResult check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return check.Succeeded ? SignInResult.NotAllowed : check;
    }
}

/// <summary>A password hash made once per process with the node's hasher, to verify against when there is no real one.</summary>
public sealed class DummyPasswordHash
{
    private static readonly MaabarUser Nobody = new() { UserName = "-", Agency = "---" };
    private string? hash;

    /// <summary>Verifies the password against the dummy hash and throws the answer away: it only spends the time.</summary>
    public void Verify(IPasswordHasher<MaabarUser> hasher, string password)
    {
        hash ??= hasher.HashPassword(Nobody, System.Security.Cryptography.RandomNumberGenerator.GetHexString(32));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
