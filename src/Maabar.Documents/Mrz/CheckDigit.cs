namespace Maabar.Documents.Mrz;

/// <summary>
/// The ICAO 9303 check digit (Part 3 §4.9): each character's value (digits 0-9, letters A-Z as 10-35,
/// filler '&lt;' as 0) is multiplied by 7, 3, 1 repeating; the sum modulo 10 is the check digit.
/// Pure and thread-safe; allocates nothing.
/// </summary>
public static class CheckDigit
{
    // Value of each ASCII character, 255 for characters outside the MRZ alphabet.
    private static readonly byte[] Values = BuildValues();

    /// <summary>The check digit 0-9 of <paramref name="data"/>, or -1 when a character is not A-Z, 0-9 or '&lt;'.</summary>
    /// <param name="data">The characters of the field(s), as printed.</param>
    public static int Compute(ReadOnlySpan<char> data)
    {
        int sum = 0, offset = 0;
        return Accumulate(ref sum, ref offset, data) ? sum % 10 : -1;
    }

    /// <summary>Adds <paramref name="data"/> to a running sum whose weights continue at <paramref name="offset"/>; for composite digits over several fields.</summary>
    /// <param name="sum">The running sum.</param>
    /// <param name="offset">How many characters came before.</param>
    /// <param name="data">The next field.</param>
    /// <returns>False when a character is not A-Z, 0-9 or '&lt;'.</returns>
    public static bool Accumulate(ref int sum, ref int offset, ReadOnlySpan<char> data)
    {
        ReadOnlySpan<byte> values = Values;
        int total = sum;

        // Valid values are 0-35; an invalid character reads 255, so any high bit in 'seen' means one was met.
        int seen = 0;
        int i = 0;
        int phase = offset % 3;

        // Up to the next multiple of three, then whole groups weighted 7, 3, 1 without a branch per character.
        for (; phase != 0 && i < data.Length; i++, phase = (phase + 1) % 3)
        {
            int v = Value(values, data[i]);
            seen |= v;
            total += v * (phase == 1 ? 3 : 1);
        }

        for (; i + 2 < data.Length; i += 3)
        {
            int a = Value(values, data[i]), b = Value(values, data[i + 1]), c = Value(values, data[i + 2]);
            seen |= a | b | c;
            total += (7 * a) + (3 * b) + c;
        }

        for (int weight = 7; i < data.Length; i++, weight = weight == 7 ? 3 : 1)
        {
            int v = Value(values, data[i]);
            seen |= v;
            total += v * weight;
        }

        if ((seen & ~0x3F) != 0)
        {
            return false;
        }

        sum = total;
        offset += data.Length;
        return true;
    }

    private static int Value(ReadOnlySpan<byte> values, char c) => c < 128 ? values[c] : 255;

    /// <summary>The value of one MRZ character (0-35), or -1 for any other character.</summary>
    /// <param name="c">The character.</param>
    public static int ValueOf(char c) => c < 128 && Values[c] != 255 ? Values[c] : -1;

    private static byte[] BuildValues()
    {
        byte[] values = new byte[128];
        Array.Fill(values, (byte)255);
        for (char c = '0'; c <= '9'; c++)
        {
            values[c] = (byte)(c - '0');
        }

        for (char c = 'A'; c <= 'Z'; c++)
        {
            values[c] = (byte)(c - 'A' + 10);
        }

        values['<'] = 0;
        return values;
    }
}
