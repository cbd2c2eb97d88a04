namespace Maabar.Documents.Mrz;

/// <summary>
/// The ICAO 9303 check digit (Part 3 §4.9): each character's value (digits 0-9, letters A-Z as 10-35,
/// filler '&lt;' as 0) is multiplied by 7, 3, 1 repeating; the sum modulo 10 is the check digit.
/// Pure and thread-safe; allocates nothing.
/// </summary>
public static class CheckDigit
{
    /// <summary>The check digit 0-9 of <paramref name="data"/>, or -1 when a character is not A-Z, 0-9 or '&lt;'.</summary>
    /// <param name="data">The characters of the field(s), as printed.</param>
    public static int Compute(ReadOnlySpan<char> data)
    {
        int sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            int value = ValueOf(data[i]);
            if (value < 0)
            {
                return -1;
            }

            sum += value * (i % 3) switch
            {
                0 => 7,
                1 => 3,
                _ => 1,
            };
        }

        return sum % 10;
    }

    /// <summary>Adds <paramref name="data"/> to a running sum whose weights continue at <paramref name="offset"/>; for composite digits over several fields.</summary>
    /// <param name="sum">The running sum.</param>
    /// <param name="offset">How many characters came before.</param>
    /// <param name="data">The next field.</param>
    /// <returns>False when a character is not A-Z, 0-9 or '&lt;'.</returns>
    public static bool Accumulate(ref int sum, ref int offset, ReadOnlySpan<char> data)
    {
        foreach (char c in data)
        {
            int value = ValueOf(c);
            if (value < 0)
            {
                return false;
            }

            sum += value * (offset % 3) switch
            {
                0 => 7,
                1 => 3,
                _ => 1,
            };
            offset++;
        }

        return true;
    }

    /// <summary>The value of one MRZ character (0-35), or -1 for any other character.</summary>
    /// <param name="c">The character.</param>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '<' => 0,
        _ => -1,
    };
}
