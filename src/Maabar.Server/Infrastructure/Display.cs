using System.Globalization;
using Maabar.Core;

namespace Maabar.Server.Infrastructure;

/// <summary>Formats values for pages: times in the node's time zone and the current culture; identifiers invariant.</summary>
public sealed class Display(NodeCalendar calendar)
{
    public string Time(DateTime utc) => Time(utc, CultureInfo.CurrentCulture);

    /// <summary>The time in the node's zone, formatted for <paramref name="culture"/> (a bilingual slip prints each half in its language).</summary>
    public string Time(DateTime utc, CultureInfo culture) =>
        calendar.ToLocal(utc).ToString("g", culture);

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static string Direction => Language == "ar" ? "rtl" : "ltr";

    public static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);
}
