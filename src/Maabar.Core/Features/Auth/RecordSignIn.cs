using Maabar.Core.Data;
using Maabar.Domain;

namespace Maabar.Core.Features.Auth;

/// <summary>The closed set of sign-in outcomes that are audited.</summary>
public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    LockedOut,

    /// <summary>The account is disabled by an administrator (the password was not checked).</summary>
    Disabled,

    /// <summary>The password was right but must be changed before signing in; nobody was signed in.</summary>
    PasswordChangeRequired,

    /// <summary>The password was right; the second factor is still to come.</summary>
    TwoFactorRequired,

    /// <summary>The password was right, the second factor's code was wrong.</summary>
    WrongCode,

    /// <summary>The password was right, but the role requires a second factor not yet enrolled: no token was issued.</summary>
    TwoFactorEnrolmentRequired,
}

/// <summary>
/// Writes a sign-in or a failed sign-in of a known account to the audit trail: who (user id, agency),
/// through which door (API token or UI), and the outcome. Attempts on unknown user names are not written:
/// the name typed could be anything, a person's name included.
/// </summary>
public sealed class RecordSignIn(MaabarDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(MaabarUser user, SignInOutcome outcome, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = new Actor(user.Id, user.UserName ?? user.Id.ToString(), user.Agency, new HashSet<string>(StringComparer.Ordinal));
        string action = outcome == SignInOutcome.Succeeded ? AuditActions.SignedIn : AuditActions.SignInFailed;
        string details = outcome switch
        {
            SignInOutcome.Succeeded => "outcome=succeeded",
            SignInOutcome.WrongPassword => "outcome=wrong-password",
            SignInOutcome.LockedOut => "outcome=locked-out",
            SignInOutcome.Disabled => "outcome=disabled",
            SignInOutcome.PasswordChangeRequired => "outcome=password-change-required",
            SignInOutcome.TwoFactorRequired => "outcome=two-factor-required",
            SignInOutcome.WrongCode => "outcome=wrong-code",
            SignInOutcome.TwoFactorEnrolmentRequired => "outcome=two-factor-enrolment-required",
        };
        db.Audit(actor, clock.GetUtcNow().UtcDateTime, action, "user", user.Id.ToString(), channel, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}
