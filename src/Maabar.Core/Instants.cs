using System.Globalization;

namespace Maabar.Core;

/// <summary>Instants as clients send them: ISO 8601, any offset; without one, UTC.</summary>
internal static class Instants
{
    /// <summary>Reads an instant as UTC; false when the text is not one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="utc">The instant, kind UTC.</param>
    public static bool TryParseUtc(string? text, out DateTime utc)
    {
        bool ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime at);
        utc = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return ok;
    }
}
