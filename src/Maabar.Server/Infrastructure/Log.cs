namespace Maabar.Server.Infrastructure;

/// <summary>
/// Every log template of the server, in one place for review. Templates carry ids, counts, codes and
/// durations only: never names, document numbers, dates of birth or MRZ text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled exception for {Method} {Path} (trace {TraceId})")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(2, LogLevel.Warning, "First administrator '{UserName}' created; its generated password was written to {File}")]
    public static partial void AdminCreatedWithGeneratedPassword(ILogger logger, string userName, string file);

    [LoggerMessage(3, LogLevel.Information, "First administrator '{UserName}' created with the configured password")]
    public static partial void AdminCreated(ILogger logger, string userName);

    [LoggerMessage(21, LogLevel.Information, "The generated first administrator (user id {UserId}) changed its password; credentials.txt deleted")]
    public static partial void CredentialsFileDeleted(ILogger logger, Guid userId);

    [LoggerMessage(4, LogLevel.Information, "Demo data seeded: {Crossings} crossings, {Users} users, {Entries} watchlist entries, {Travellers} travellers, {Passages} passages in {ElapsedMs} ms")]
    public static partial void DemoSeeded(ILogger logger, int crossings, int users, int entries, int travellers, int passages, long elapsedMs);

    [LoggerMessage(5, LogLevel.Warning, "Demo data not seeded: crossings file not found at {Path}")]
    public static partial void DemoCrossingsMissing(ILogger logger, string path);

    [LoggerMessage(6, LogLevel.Information, "Passage {PassageId} recorded at {CrossingId}: {Decision}, {HitCount} hits")]
    public static partial void PassageRecorded(ILogger logger, Guid passageId, string crossingId, string decision, int hitCount);

    [LoggerMessage(7, LogLevel.Warning, "Sign-in failed for user id {UserId}: {Code}")]
    public static partial void SignInFailed(ILogger logger, Guid userId, string code);

    [LoggerMessage(8, LogLevel.Information, "Storage: {Provider}; node agency {Agency}")]
    public static partial void StorageSelected(ILogger logger, string provider, string agency);

    [LoggerMessage(9, LogLevel.Warning, "Network:RequireHttps is off in {Environment}: cookies are not Secure and plain HTTP is served; run behind a TLS proxy listed in Network:KnownProxies")]
    public static partial void HttpsNotRequired(ILogger logger, string environment);

    [LoggerMessage(10, LogLevel.Warning, "No DataProtection:Certificate in {Environment}: the data-protection keys are stored in the database unencrypted; configure a certificate before any other environment (there the node refuses to start without one)")]
    public static partial void KeyRingNotEncrypted(ILogger logger, string environment);

    [LoggerMessage(31, LogLevel.Information, "Screening index loaded: {Count} entries in {Milliseconds} ms")]
    public static partial void ScreeningIndexLoaded(ILogger logger, int count, long milliseconds);

    [LoggerMessage(32, LogLevel.Warning, "Screening index could not be loaded yet ({Error}); trying again in {Delay}")]
    public static partial void ScreeningIndexLoadFailed(ILogger logger, string error, TimeSpan delay);
}
