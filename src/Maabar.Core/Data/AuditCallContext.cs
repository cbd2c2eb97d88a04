namespace Maabar.Core.Data;

/// <summary>
/// Where the current call comes from, for its audit rows: the session and the client's address. Set by the host
/// at the start of a request (the server after authentication, the command line at start) and carried by the
/// async flow; every audit row saved in that flow without one of its own takes it. Background work has none.
/// </summary>
/// <param name="SessionId">The session (a non-reversible id of its token, or <c>cli:</c> and the process id).</param>
/// <param name="ClientAddress">The client's address, or <c>local</c>.</param>
public sealed record AuditCallContext(string? SessionId, string? ClientAddress)
{
    private static readonly AsyncLocal<AuditCallContext?> Flow = new();

    /// <summary>The context of the current async flow, or null.</summary>
    public static AuditCallContext? Current
    {
        get => Flow.Value;
        set => Flow.Value = value;
    }

    /// <summary>A value cut to what the audit table keeps.</summary>
    internal static string? Clamp(string? value) =>
        value is { Length: > Domain.AuditEntry.MaxContextLength } ? value[..Domain.AuditEntry.MaxContextLength] : value;
}
