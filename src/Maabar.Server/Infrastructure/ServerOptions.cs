using System.ComponentModel.DataAnnotations;

namespace Maabar.Server.Infrastructure;

/// <summary>Sign-in and token settings. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Lifetime of an API access token; default and most 15 minutes (ASVS 4 §3.5: short-lived tokens), then sign in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:15:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Absolute lifetime of a UI session from sign-in, which activity does not extend; default one 12-hour shift.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "24:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a token or cookie is trusted before its account is read again (security stamp, lock, roles);
    /// default and most one minute, so a lock, a role removal or a stamp change ends sessions within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>
    /// Password sign-ins (API token and login page together) allowed per client address per
    /// <see cref="SignInWindow"/>; more are answered 429 before any password is checked. Default 10.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SignInPermitsPerWindow { get; set; } = 10;

    /// <summary>The window of <see cref="SignInPermitsPerWindow"/>; default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A failed password sign-in is answered no sooner than this after it began, whatever failed (unknown name,
    /// wrong password, locked account), so that the time of the answer does not tell them apart even when the
    /// database writes of a real account's failure take long; default one second, 0 to turn off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan FailedSignInDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "24:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The first administrator. Section <c>Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    [Required]
    public string AdminUserName { get; set; } = "admin";

    /// <summary>The first administrator's password; when unset one is generated and written to the data folder, never to a log.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>Demo data. Section <c>Demo</c>; refused outside Development.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Password of every demo user; generated and written to the credentials file when unset.</summary>
    public string? Password { get; set; }

    /// <summary>The crossings file (<c>shared/data/geo/crossings.json</c>), relative to the content root.</summary>
    public string? CrossingsFile { get; set; }

    /// <summary>How many synthetic travellers to create.</summary>
    [Range(0, 10000)]
    public int Travellers { get; set; } = 300;
}

/// <summary>The public clearance check's rate limit, per client address. Section <c>PublicCheck</c>.</summary>
public sealed class PublicCheckOptions
{
    public const string SectionName = "PublicCheck";

    /// <summary>Checks allowed per window; default 10.</summary>
    [Range(1, 10000)]
    public int PermitsPerWindow { get; set; } = 10;

    /// <summary>The window; default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Rate limits of the anonymous endpoints other than sign-in (section <c>Auth</c>) and the public clearance
/// check (section <c>PublicCheck</c>), per client address (ASVS 4 §11.1.4; issue 21 point 5). Section
/// <c>RateLimits</c>. Beyond a limit the answer is 429 and nothing is read or written.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// Requests of the public crossing board (<c>/Status</c>, <c>GET /api/v1/status</c>, <c>/api/v1/public/crossings</c>)
    /// per address per <see cref="StatusWindow"/>; default 120 (a post's terminals may share one address).
    /// </summary>
    [Range(1, 1_000_000)]
    public int StatusPermitsPerWindow { get; set; } = 120;

    /// <summary>The window of <see cref="StatusPermitsPerWindow"/>; default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StatusWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Deliveries to the federation inbox per source address per <see cref="FederationInboxWindow"/>, counted before
    /// the envelope is read or its signature checked; default 6000 (100 a second: a partner draining a backlog after
    /// an outage). A partner's dispatcher takes 429 as transient and retries after its back-off.
    /// </summary>
    [Range(1, 10_000_000)]
    public int FederationInboxPermitsPerWindow { get; set; } = 6000;

    /// <summary>The window of <see cref="FederationInboxPermitsPerWindow"/>; default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FederationInboxWindow { get; set; } = TimeSpan.FromMinutes(1);
}
