namespace Maabar.Documents;

/// <summary>
/// The Libyan National Number (al-raqm al-watani): 12 digits; the first is the holder's sex (1 male,
/// 2 female) and digits 2 to 5 the year of birth. Pure and thread-safe.
/// </summary>
public static class LibyanNationalNumber
{
    /// <summary>The number of digits.</summary>
    public const int Length = 12;

    /// <summary>Reads sex (<c>M</c> or <c>F</c>) and year of birth from a well-formed number.</summary>
    /// <param name="number">The number, digits only.</param>
    /// <param name="sex"><c>M</c> or <c>F</c> when the result is true.</param>
    /// <param name="birthYear">The year of birth when the result is true.</param>
    /// <returns>False when the number is not 12 ASCII digits starting with 1 or 2 and a year from 1900.</returns>
    public static bool TryRead(ReadOnlySpan<char> number, out char sex, out int birthYear)
    {
        sex = '<';
        birthYear = 0;
        if (number.Length != Length || number.ContainsAnyExceptInRange('0', '9') || number[0] is not ('1' or '2'))
        {
            return false;
        }

        birthYear = ((number[1] - '0') * 1000) + ((number[2] - '0') * 100) + ((number[3] - '0') * 10) + (number[4] - '0');
        sex = number[0] == '1' ? 'M' : 'F';
        return birthYear >= 1900;
    }
}

/// <summary>The Tunisian national identity card number (CIN): 8 digits. Pure and thread-safe.</summary>
public static class TunisianIdNumber
{
    /// <summary>The number of digits.</summary>
    public const int Length = 8;

    /// <summary>True for exactly 8 ASCII digits.</summary>
    /// <param name="number">The number as written.</param>
    public static bool IsWellFormed(ReadOnlySpan<char> number) => number.Length == Length && !number.ContainsAnyExceptInRange('0', '9');
}
