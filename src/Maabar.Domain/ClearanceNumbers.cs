using System.Security.Cryptography;

namespace Maabar.Domain;

/// <summary>
/// Clearance numbers: the issuing agency, eight random Crockford base-32 symbols (40 bits, so a number
/// cannot be guessed) and a check symbol, as <c>TUN-7K3Q-X9PM-S</c>. The check symbol is a Damm check over
/// the field of 32 elements (the quasigroup <c>x ∘ y = 2x + y</c> in GF(2⁵), which is totally anti-symmetric):
/// it catches every single slip, in the body or the check symbol, and every swap of neighbours. (A mod-29
/// check, used before, let a slip between symbols 29 apart through: 0 for X, 1 for Y, 2 for Z.) Read back forgivingly:
/// case, spaces and hyphens do not matter, O reads as 0, I and L as 1, as Crockford intends for numbers
/// read out over a counter or a telephone.
/// </summary>
public static class ClearanceNumbers
{
    private const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new number for <paramref name="agency"/>.</summary>
    /// <param name="agency">The issuing agency (alpha-3).</param>
    public static string New(string agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        ulong value = 0;
        foreach (byte b in random)
        {
            value = (value << 8) | b;
        }

        Span<char> body = stackalloc char[8];
        for (int i = 7; i >= 0; i--)
        {
            body[i] = Symbols[(int)(value & 31)];
            value >>= 5;
        }

        return $"{agency}-{body[..4]}-{body[4..]}-{Check(body)}";
    }

    /// <summary>The canonical form of a number as typed, or null when it is not a well-formed number (wrong shape or check symbol).</summary>
    /// <param name="text">The number as typed.</param>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length > 40)
        {
            return null;
        }

        Span<char> chars = stackalloc char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            char u = char.ToUpperInvariant(c);
            chars[n++] = u;
        }

        // Agency (3 letters), 8 symbols, 1 check symbol.
        if (n != 12)
        {
            return null;
        }

        ReadOnlySpan<char> agency = chars[..3];
        foreach (char c in agency)
        {
            if (c is < 'A' or > 'Z')
            {
                return null;
            }
        }

        Span<char> body = chars.Slice(3, 8);
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = body[i] switch { 'O' => '0', 'I' or 'L' => '1', char other => other };
            if (!Symbols.Contains(body[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        char check = chars[11] switch { 'O' => '0', 'I' or 'L' => '1', char other => other };
        return check == Check(body) ? $"{agency}-{body[..4]}-{body[4..]}-{check}" : null;
    }

    private static char Check(ReadOnlySpan<char> body)
    {
        // Damm: interim = interim ∘ symbol over the body; the check symbol c brings interim ∘ c back to 0,
        // and with x ∘ y = 2x + y in characteristic 2 that is c = 2 · interim.
        int interim = 0;
        foreach (char c in body)
        {
            interim = TimesTwo(interim) ^ Symbols.IndexOf(c, StringComparison.Ordinal);
        }

        return Symbols[TimesTwo(interim)];
    }

    /// <summary>Multiplication by the generator x in GF(2⁵) = GF(2)[x] / (x⁵ + x² + 1).</summary>
    private static int TimesTwo(int value)
    {
        int shifted = value << 1;
        return (shifted & 0b10_0000) != 0 ? shifted ^ 0b10_0101 : shifted;
    }
}
