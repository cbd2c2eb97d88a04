using System.Globalization;

namespace Maabar.Domain;

/// <summary>
/// A calendar date that may be known only to the year or the month, as travel documents and watchlists
/// record dates of birth (ICAO 9303 allows unknown day and month). Written <c>YYYY</c>, <c>YYYY-MM</c> or
/// <c>YYYY-MM-DD</c>; this text form sorts chronologically. Immutable value type.
/// </summary>
public readonly record struct PartialDate
{
    private PartialDate(int year, int? month, int? day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>Year, 1 to 9999.</summary>
    public int Year { get; }

    /// <summary>Month 1 to 12, or null when unknown.</summary>
    public int? Month { get; }

    /// <summary>Day of month 1 to 31, or null when unknown; never known when <see cref="Month"/> is unknown.</summary>
    public int? Day { get; }

    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Day is not null;

    /// <summary>A full date.</summary>
    /// <param name="date">The date.</param>
    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>
    /// Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> (ASCII digits only). Never throws.
    /// </summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="value">The date when the result is null.</param>
    /// <returns>Null on success, else <see cref="ErrorCodes.DateFormat"/> or <see cref="ErrorCodes.DateNotExisting"/>.</returns>
    public static string? TryParse(ReadOnlySpan<char> text, out PartialDate value)
    {
        value = default;
        text = text.Trim();
        if (text.Length is not (4 or 7 or 10) || !AllDigits(text[..4]))
        {
            return ErrorCodes.DateFormat;
        }

        int year = int.Parse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture);
        int? month = null, day = null;
        if (text.Length >= 7)
        {
            if (text[4] != '-' || !AllDigits(text[5..7]))
            {
                return ErrorCodes.DateFormat;
            }

            month = int.Parse(text[5..7], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (text.Length == 10)
        {
            if (text[7] != '-' || !AllDigits(text[8..10]))
            {
                return ErrorCodes.DateFormat;
            }

            day = int.Parse(text[8..10], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (year < 1 || month is < 1 or > 12)
        {
            return ErrorCodes.DateNotExisting;
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            return ErrorCodes.DateNotExisting;
        }

        value = new PartialDate(year, month, day);
        return null;
    }

    /// <summary>The earliest full date this partial date may stand for.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The latest full date this partial date may stand for.</summary>
    public DateOnly Latest
    {
        get
        {
            int month = Month ?? 12;
            return new DateOnly(Year, month, Day ?? DateTime.DaysInMonth(Year, month));
        }
    }

    /// <summary>
    /// True when both dates may stand for the same day: every known part agrees (1980 and 1980-05-02 are
    /// compatible; 1980-05 and 1980-06-01 are not).
    /// </summary>
    /// <param name="other">The other date.</param>
    public bool IsCompatibleWith(PartialDate other) =>
        Year == other.Year
        && (Month is null || other.Month is null || Month == other.Month)
        && (Day is null || other.Day is null || Day == other.Day);

    /// <summary>The ISO 8601 text form: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        (int m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        (int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
