using System.Globalization;

namespace Maabar.Names;

/// <summary>
/// A date of birth known to the year, the month or the day, as documents and lists give it: <c>YYYY</c>,
/// <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>. The matcher compares the parts both dates know (1980 and
/// 1980-05-02 are compatible). Immutable value type; <c>default</c> is not a date (use a nullable).
/// </summary>
public readonly record struct PartialBirthDate
{
    private PartialBirthDate(int year, int? month, int? day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>Year, 1 to 9999.</summary>
    public int Year { get; }

    /// <summary>Month 1 to 12, or null when unknown.</summary>
    public int? Month { get; }

    /// <summary>Day of the month 1 to 31, or null when unknown; never known when <see cref="Month"/> is not.</summary>
    public int? Day { get; }

    /// <summary>A date known to the year, the month or the day.</summary>
    /// <param name="year">1 to 9999.</param>
    /// <param name="month">1 to 12, or null.</param>
    /// <param name="day">1 to 31 (at most the month's days), or null; only with a month.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part out of its range, or a day without a month.</exception>
    public static PartialBirthDate Of(int year, int? month = null, int? day = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1 to 12.");
        }

        if (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "A day needs a month and is within it.");
        }

        return new PartialBirthDate(year, month, day);
    }

    /// <summary>Reads <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> (ASCII digits, white space around ignored). Never throws.</summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="date">The date when true.</param>
    /// <returns>True when the text is such a date and the date exists.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out PartialBirthDate date)
    {
        date = default;
        text = text.Trim();
        if (text.Length is not (4 or 7 or 10) || !Digits(text[..4], out int year) || year < 1)
        {
            return false;
        }

        int? month = null, day = null;
        if (text.Length >= 7)
        {
            if (text[4] != '-' || !Digits(text[5..7], out int m) || m is < 1 or > 12)
            {
                return false;
            }

            month = m;
        }

        if (text.Length == 10)
        {
            if (text[7] != '-' || !Digits(text[8..10], out int d) || d < 1 || d > DateTime.DaysInMonth(year, month!.Value))
            {
                return false;
            }

            day = d;
        }

        date = new PartialBirthDate(year, month, day);
        return true;
    }

    /// <summary>Reads a date as <see cref="TryParse"/> does.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="FormatException">The text is not such a date.</exception>
    public static PartialBirthDate Parse(string text) =>
        TryParse(text, out PartialBirthDate date) ? date : throw new FormatException("A date of birth is YYYY, YYYY-MM or YYYY-MM-DD.");

    /// <summary>Reads a date as <see cref="TryParse"/> does; null for null, blank or unreadable text (an unknown date).</summary>
    /// <param name="text">The text, or null.</param>
    public static PartialBirthDate? ParseOrNull(string? text) => TryParse(text, out PartialBirthDate date) ? date : null;

    /// <summary>The text form: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        (int m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        (int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

/// <summary>A person's sex as the matcher compares it: a known sex in conflict holds a match under possible.</summary>
public enum PersonSex
{
    /// <summary>Not known (or unspecified, X): compares with anything.</summary>
    Unknown = 0,

    /// <summary>Male (M).</summary>
    Male = 1,

    /// <summary>Female (F).</summary>
    Female = 2,
}
