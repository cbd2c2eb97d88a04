using System.Globalization;

namespace Maabar.Documents.Mrz;

/// <summary>
/// A date as printed in a zone (YYMMDD), with its century resolved when known. Parts printed as
/// '&lt;&lt;' are unknown (ICAO 9303-3 allows it for dates of birth). Immutable.
/// </summary>
public readonly record struct MrzDate
{
    private readonly string? line;
    private readonly int start;

    /// <summary>A date read from <paramref name="line"/> at <paramref name="start"/>; its text is cut only when asked for.</summary>
    internal MrzDate(string line, int start, int? year, int? month, int? day)
    {
        this.line = line;
        this.start = start;
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The six characters as printed; empty where the layout has no such date.</summary>
    public string Printed => line is null ? string.Empty : line.Substring(start, 6);

    /// <summary>Four-digit year, or null when unknown.</summary>
    public int? Year { get; }

    /// <summary>Month 1-12, or null when unknown.</summary>
    public int? Month { get; }

    /// <summary>Day 1-31, or null when unknown.</summary>
    public int? Day { get; }

    /// <summary>The full date when year, month and day are known.</summary>
    public DateOnly? Date => Year is int y && Month is int m && Day is int d ? new DateOnly(y, m, d) : null;

    /// <summary><c>YYYY-MM-DD</c> when the full date is known, else null.</summary>
    public string? Iso => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The known part as ISO 8601: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>; null when even the year is unknown.</summary>
    public string? IsoPartial => (Year, Month, Day) switch
    {
        (int y, int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}"),
        (int y, int m, null) => string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}"),
        (int y, _, _) => y.ToString("D4", CultureInfo.InvariantCulture),
        _ => null,
    };
}
