using System.Security.Cryptography;

namespace Maabar.Testing;

/// <summary>
/// What a phone's authenticator app does, written here from RFC 6238 and RFC 4226 (HOTP dynamic truncation) and
/// RFC 4648 (base 32), independently of the server's code and of ASP.NET Core Identity, so that a test signing in
/// with it shows the server speaks the standard and not merely agrees with itself.
/// </summary>
public static class AuthenticatorApp
{
    /// <summary>The 6-digit code for a base-32 key (as shown on the enrolment page, spaces and case ignored) at an instant.</summary>
    public static string Code(string base32Key, DateTimeOffset at, int digits = 6) =>
        CodeForKey(DecodeBase32(base32Key), at.ToUnixTimeSeconds() / 30, digits);

    /// <summary>The code of a raw key at a 30-second time step (T in RFC 6238).</summary>
    public static string CodeForKey(byte[] key, long timeStep, int digits = 6)
    {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--)
        {
            message[i] = (byte)(timeStep & 0xFF);
            timeStep >>= 8;
        }

#pragma warning disable CA5350 // RFC 6238's default and every authenticator app's algorithm.
        byte[] hmac = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        int offset = hmac[19] & 0x0F;
        int value = ((hmac[offset] & 0x7F) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3];
        int modulus = 1;
        for (int i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (value % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static byte[] DecodeBase32(string text)
    {
        string clean = new([.. text.Where(c => c != ' ' && c != '=').Select(char.ToUpperInvariant)]);
        var output = new List<byte>();
        long bits = 0;
        int count = 0;
        foreach (char c in clean)
        {
            int v = c is >= 'A' and <= 'Z' ? c - 'A' : c is >= '2' and <= '7' ? c - '2' + 26 : throw new FormatException($"'{c}' is not base 32.");
            bits = (bits << 5) | (long)v;
            count += 5;
            if (count >= 8)
            {
                output.Add((byte)((bits >> (count - 8)) & 0xFF));
                count -= 8;
            }
        }

        return [.. output];
    }
}
