using System.Buffers.Binary;
using System.Security.Claims;
using System.Security.Cryptography;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Core.Features.Auth;
using Maabar.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// The roles whose accounts must sign in with a second factor (issue 21, point 3): setting
/// <c>Auth:RequireTwoFactorForRoles</c>, a list (<c>Auth:RequireTwoFactorForRoles:0 = supervisor</c>...) or one
/// comma-separated value; an empty value requires it of nobody. Unset, it is supervisor, liaison-officer and
/// administrator outside Development and nobody in Development (the demo works without phones). Immutable.
/// </summary>
public sealed class TwoFactorRequirement
{
    public const string Key = "Auth:RequireTwoFactorForRoles";

    /// <summary>The roles that hold the most power over people and accounts.</summary>
    public static readonly IReadOnlyList<string> Default = [Domain.Roles.Supervisor, Domain.Roles.LiaisonOfficer, Domain.Roles.Administrator];

    public TwoFactorRequirement(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        RequiredRoles = roles.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The roles that require a second factor.</summary>
    public IReadOnlySet<string> RequiredRoles { get; }

    /// <summary>True when any of <paramref name="roles"/> requires a second factor.</summary>
    public bool AppliesTo(IEnumerable<string> roles) => roles.Any(RequiredRoles.Contains);

    /// <summary>True when the principal holds a role that requires a second factor.</summary>
    public bool AppliesTo(ClaimsPrincipal principal, string roleClaimType) =>
        AppliesTo(principal.FindAll(roleClaimType).Select(c => c.Value));

    /// <summary>Reads the setting; throws naming it when it lists a role that does not exist.</summary>
    public static TwoFactorRequirement From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        IConfigurationSection section = configuration.GetSection(Key);
        List<IConfigurationSection> items = [.. section.GetChildren()];
        IEnumerable<string> roles = items.Count > 0 ? items.Select(c => c.Value ?? string.Empty)
            : section.Value is { } value ? value.Split(',')
            : environment.IsDevelopment() ? [] : Default;
        List<string> named = [.. roles.Select(r => r.Trim()).Where(r => r.Length > 0)];
        List<string> unknown = [.. named.Where(r => !Domain.Roles.All.Contains(r))];
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(Key, typeof(TwoFactorRequirement), [$"{Key} names unknown roles: {string.Join(", ", unknown)}."]);
        }

        return new TwoFactorRequirement(named);
    }
}

/// <summary>
/// RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), the form every authenticator app
/// reads from an <c>otpauth://totp</c> QR code. Pure and thread-safe.
/// </summary>
internal static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>The time step that contains <paramref name="instant"/>.</summary>
    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The 6-digit code of <paramref name="key"/> at <paramref name="step"/>.</summary>
    public static int Code(ReadOnlySpan<byte> key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1; its use as a MAC is not weakened by SHA-1 collisions.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        int offset = hash[^1] & 0x0F;
        int binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return binary % 1_000_000;
    }

    /// <summary>Decodes RFC 4648 base 32 (the form of Identity's authenticator key); null when it is not base 32.</summary>
    public static byte[]? FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0;
        int bits = 0;
        foreach (char c in text)
        {
            if (c is '=' or ' ')
            {
                continue;
            }

            int value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}

/// <summary>
/// Identity's authenticator token provider (key stored by Identity in AspNetUserTokens), with three changes that
/// ASVS 4 §2.8 asks for: the time comes from the node's <see cref="TimeProvider"/>; a code is accepted one step
/// (30 s) either side of now, not two; and each code is used once: the last step accepted is stored with the
/// account and a code of that step or an earlier one is refused, so a code seen over a shoulder or in a log
/// cannot be replayed. Two requests racing with one code: the second save fails on Identity's concurrency stamp.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<MaabarUser>
{
    /// <summary>Where the last accepted step is kept (AspNetUserTokens: login provider, name).</summary>
    internal const string StoreProvider = "Maabar";
    internal const string LastStepName = "AuthenticatorLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<MaabarUser> manager, MaabarUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        string? key = await manager.GetAuthenticatorKeyAsync(user);
        if (key is null || token is not { Length: 6 } || !token.All(char.IsAsciiDigit) || Totp.FromBase32(key) is not { Length: > 0 } secret)
        {
            return false;
        }

        int code = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        long now = Totp.StepAt(clock.GetUtcNow());
        long? matched = null;
        for (long step = now - 1; step <= now + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(BitConverter.GetBytes(Totp.Code(secret, step)), BitConverter.GetBytes(code)))
            {
                matched = step;
            }
        }

        if (matched is not { } used)
        {
            return false;
        }

        string? last = await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastStepName);
        if (long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out long lastStep) && used <= lastStep)
        {
            return false;
        }

        IdentityResult stored = await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastStepName, used.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return stored.Succeeded;
    }
}

/// <summary>
/// The second factor of one request: checks an authenticator or recovery code for a user whose password was right,
/// counts a wrong code towards the account's lockout like a wrong password, signs in, and audits. Also the
/// enrolment steps (key, confirmation, recovery codes, reset). Scoped.
/// </summary>
public sealed class SecondFactor(SignInManager<MaabarUser> signIn, RecordSignIn record, MaabarDbContext db, TimeProvider clock, IServiceProvider services)
{
    /// <summary>How many recovery codes a user is given.</summary>
    public const int RecoveryCodeCount = 10;

    private UserManager<MaabarUser> Users => signIn.UserManager;

    /// <summary>
    /// Completes a sign-in whose password was right with <paramref name="code"/>: 6 digits are an authenticator
    /// code, anything else a recovery code (used up). Signs in through the manager's current scheme on success.
    /// </summary>
    public async Task<SignInResult> SignInAsync(MaabarUser user, string? code, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await Users.IsLockedOutAsync(user))
        {
            await record.HandleAsync(user, SignInOutcome.LockedOut, channel, cancellationToken);
            return SignInResult.LockedOut;
        }

        string typed = new([.. (code ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]);
        bool recovery = !(typed.Length == 6 && typed.All(char.IsAsciiDigit));
        bool valid = typed.Length > 0 && (recovery
            ? (await Users.RedeemTwoFactorRecoveryCodeAsync(user, typed.ToUpperInvariant())).Succeeded
            : await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, typed));
        if (!valid)
        {
            await Users.AccessFailedAsync(user);
            bool locked = await Users.IsLockedOutAsync(user);
            await record.HandleAsync(user, locked ? SignInOutcome.LockedOut : SignInOutcome.WrongCode, channel, cancellationToken);
            return locked ? SignInResult.LockedOut : SignInResult.Failed;
        }

        await Users.ResetAccessFailedCountAsync(user);
        if (recovery)
        {
            int left = await Users.CountRecoveryCodesAsync(user);
            await AuditAsync(user, AuditActions.RecoveryCodeUsed, channel, $"left={left}", cancellationToken);
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await record.HandleAsync(user, SignInOutcome.Succeeded, channel, cancellationToken);
        return SignInResult.Success;
    }

    /// <summary>The user's authenticator key, made on first asking (which rotates the stamp: the session is renewed).</summary>
    public async Task<string> KeyAsync(MaabarUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await Users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        await Users.ResetAuthenticatorKeyAsync(user);
        await RenewSessionAsync(user);
        return (await Users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Turns the second factor on when <paramref name="code"/> is right for the key shown; returns the recovery codes to show once, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(MaabarUser user, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        string typed = new([.. (code ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]);
        if (user.TwoFactorEnabled || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, typed))
        {
            return null;
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        List<string> codes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await AuditAsync(user, AuditActions.TwoFactorEnrolled, "ui.two-factor", $"recoveryCodes={codes.Count}", cancellationToken);
        await RenewSessionAsync(user);
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working), to show once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(MaabarUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<string> codes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await AuditAsync(user, AuditActions.RecoveryCodesGenerated, "ui.two-factor", $"recoveryCodes={codes.Count}", cancellationToken);
        return codes;
    }

    /// <summary>
    /// Removes the second factor when <paramref name="code"/> (authenticator or recovery) is right: a new key is made
    /// at the next enrolment, the recovery codes are voided. False, and nothing changed, on a wrong code.
    /// </summary>
    public async Task<bool> ResetAsync(MaabarUser user, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        string typed = new([.. (code ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]);
        bool valid = user.TwoFactorEnabled && typed.Length > 0 && (typed.Length == 6 && typed.All(char.IsAsciiDigit)
            ? await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, typed)
            : (await Users.RedeemTwoFactorRecoveryCodeAsync(user, typed.ToUpperInvariant())).Succeeded);
        if (!valid)
        {
            return false;
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await Users.RemoveAuthenticationTokenAsync(user, OneTimeAuthenticatorTokenProvider.StoreProvider, OneTimeAuthenticatorTokenProvider.LastStepName);
        await Users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(user, AuditActions.TwoFactorReset, "ui.two-factor", null, cancellationToken);
        await RenewSessionAsync(user);
        return true;
    }

    /// <summary>
    /// An administrator removes the second factor of a user of their own agency (lost phone and recovery codes):
    /// the stamp rotates, so the user's sessions end within a minute. False when there is no such user in the agency.
    /// </summary>
    public async Task<bool> ResetByAdministratorAsync(Actor administrator, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        MaabarUser? user = await Users.FindByNameAsync(userName.Trim());
        if (user is null || user.Agency != administrator.Agency)
        {
            return false;
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await Users.RemoveAuthenticationTokenAsync(user, OneTimeAuthenticatorTokenProvider.StoreProvider, OneTimeAuthenticatorTokenProvider.LastStepName);
        await Users.ResetAuthenticatorKeyAsync(user);
        services.GetRequiredService<AccountSessions>().Forget(user.Id);
        db.Audit(administrator, clock.GetUtcNow().UtcDateTime, AuditActions.TwoFactorReset, "user", user.Id.ToString(), "api.users.two-factor", "by=administrator");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The stamp changed: forgets the cached account state and reissues this browser's cookie with the new stamp.</summary>
    private async Task RenewSessionAsync(MaabarUser user)
    {
        services.GetRequiredService<AccountSessions>().Forget(user.Id);
        if (signIn.Context.User.Identity?.IsAuthenticated == true)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }

    private async Task AuditAsync(MaabarUser user, string action, string channel, string? details, CancellationToken cancellationToken)
    {
        var actor = new Actor(user.Id, user.UserName ?? user.Id.ToString(), user.Agency, new HashSet<string>(StringComparer.Ordinal));
        db.Audit(actor, clock.GetUtcNow().UtcDateTime, action, "user", user.Id.ToString(), channel, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Holds back a bearer token from an account whose role requires a second factor it has not enrolled
/// (<see cref="TwoFactorRequirement"/>): Identity would otherwise write the token as soon as the password is right.
/// The token endpoint reads <see cref="EnrolmentRequired"/> and answers 403 <c>auth.two_factor_enrolment_required</c>.
/// The cookie sign-in is not held back: the page gate sends such a user to enrolment before anything else.
/// </summary>
public sealed class MaabarSignInManager(
    UserManager<MaabarUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<MaabarUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<MaabarUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<MaabarUser> confirmation,
    TwoFactorRequirement requirement)
    : SignInManager<MaabarUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>True after a bearer sign-in was held back for want of an enrolled second factor.</summary>
    public bool EnrolmentRequired { get; private set; }

    public override async Task SignInWithClaimsAsync(MaabarUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AuthenticationScheme == IdentityConstants.BearerScheme && !user.TwoFactorEnabled && requirement.AppliesTo(await UserManager.GetRolesAsync(user)))
        {
            EnrolmentRequired = true;
            return;
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}

/// <summary>Sends a signed-in user whose role requires a second factor to enrolment before any other page.</summary>
internal static class TwoFactorEnrolmentGate
{
    public const string EnrolmentPath = "/Account/TwoFactor";

    public static IApplicationBuilder UseTwoFactorEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        PathString path = context.Request.Path;
        bool exempt = path.StartsWithSegments("/api") || path.StartsWithSegments("/Account") || path.StartsWithSegments("/culture")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/Error");
        if (!exempt && context.User.Identity?.IsAuthenticated == true && !context.User.HasClaim(c => c.Type == MaabarClaims.TwoFactor))
        {
            TwoFactorRequirement requirement = context.RequestServices.GetRequiredService<TwoFactorRequirement>();
            string roleClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType;
            if (requirement.AppliesTo(context.User, roleClaim))
            {
                context.Response.Redirect(EnrolmentPath + QueryString.Create("returnUrl", path + context.Request.QueryString));
                return;
            }
        }

        await next(context);
    });
}
