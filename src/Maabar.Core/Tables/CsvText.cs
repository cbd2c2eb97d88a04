using System.Text;

namespace Maabar.Core.Tables;

/// <summary>Writing CSV for people who open it in a spreadsheet: safe fields, UTF-8 with a byte-order mark.</summary>
public static class CsvText
{
    /// <summary>
    /// One field as RFC 4180 writes it (quoted when it holds a comma, quote or line break, quotes doubled),
    /// with a leading =, +, - or @ prefixed by an apostrophe so that a spreadsheet never runs it as a formula.
    /// </summary>
    /// <param name="value">The value.</param>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>The text as UTF-8 with a byte-order mark (spreadsheets then read Arabic and accents right).</summary>
    /// <param name="csv">The CSV text.</param>
    public static byte[] Utf8WithBom(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
}
