using System.Globalization;
using System.Text.Encodings.Web;
using Maabar.Core;
using Microsoft.AspNetCore.Html;

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

    /// <summary>
    /// An identifier, ISO date or code written left to right as one unit (<c>&lt;bdi dir="ltr" class="id"&gt;</c>,
    /// site.css keeps it on one line): on an Arabic page, a clearance number or a birth date neither moves its
    /// hyphens nor breaks across lines. Nothing for a missing value.
    /// </summary>
    public static IHtmlContent Id(string? value) =>
        string.IsNullOrEmpty(value) ? HtmlString.Empty : new HtmlString($"<bdi dir=\"ltr\" class=\"id\">{HtmlEncoder.Default.Encode(value)}</bdi>");

    /// <summary>
    /// A date or time written in the page's culture (<see cref="Time(DateTime)"/>), isolated and kept on one line but in
    /// its own direction: an Arabic date carries its own right-to-left marks, which a forced left-to-right would scramble.
    /// </summary>
    public static IHtmlContent Local(string? value) =>
        string.IsNullOrEmpty(value) ? HtmlString.Empty : new HtmlString($"<bdi class=\"id\">{HtmlEncoder.Default.Encode(value)}</bdi>");
}
