namespace Maabar.Domain;

/// <summary>
/// The code of an agency that runs a node: the ISO 3166-1 alpha-3 code of its state (<c>TUN</c> is the
/// Tunisian interior ministry, <c>LBY</c> the Libyan one). Immutable; compares ordinally.
/// </summary>
public static class AgencyCode
{
    /// <summary>Tunisia's interior ministry.</summary>
    public const string Tunisia = "TUN";

    /// <summary>Libya's interior ministry.</summary>
    public const string Libya = "LBY";

    /// <summary>True when <paramref name="code"/> is three upper-case ASCII letters.</summary>
    /// <param name="code">The candidate code.</param>
    public static bool IsWellFormed(ReadOnlySpan<char> code) =>
        code.Length == 3 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    /// <summary>The code upper-cased when it is three ASCII letters, else null.</summary>
    /// <param name="code">The text.</param>
    public static string? TryParse(string? code)
    {
        string? upper = code?.Trim().ToUpperInvariant();
        return upper is not null && IsWellFormed(upper) ? upper : null;
    }
}
