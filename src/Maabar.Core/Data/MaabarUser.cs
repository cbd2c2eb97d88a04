using Microsoft.AspNetCore.Identity;

namespace Maabar.Core.Data;

/// <summary>A user account. Every user belongs to exactly one agency and works only with its data.</summary>
public sealed class MaabarUser : IdentityUser<Guid>
{
    /// <summary>The agency (alpha-3 code).</summary>
    public required string Agency { get; set; }

    /// <summary>Name shown in the UI; not personal data of a traveller.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// An administrator of the agency disabled the account: it cannot sign in, and its tokens and cookies end
    /// within the revalidation interval (issue 21). Unlike a lockout it does not expire.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// The password was set by someone other than the user (an administrator creating the account or resetting
    /// its password, or the generated first administrator): the right password then only lets the user change
    /// it, not sign in (ASVS 4 §2.3.1).
    /// </summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>A role; names are those of <see cref="Maabar.Domain.Roles"/>.</summary>
public sealed class MaabarRole : IdentityRole<Guid>
{
}

/// <summary>The claim types Maabar adds to a signed-in principal.</summary>
public static class MaabarClaims
{
    /// <summary>The user's agency code.</summary>
    public const string Agency = "maabar:agency";

    /// <summary>Present when the account has enrolled a second factor (authenticator app).</summary>
    public const string TwoFactor = "maabar:two-factor";
}
