using System.Globalization;
using Maabar.Names;

namespace Maabar.Core.Tables;

/// <summary>The identity columns shared by <c>names score</c> (prefixed left_/right_) and <c>screen</c> (no prefix).</summary>
public static class PersonColumns
{
    /// <summary>The first problem of one side's columns, naming the column; null when they can be used.</summary>
    public static string? Check(Func<string, string?> get, string prefix)
    {
        if (get(prefix + "name") is null)
        {
            return $"{prefix}name is empty";
        }

        if (get(prefix + "dob") is string dob && !IsDate(dob))
        {
            return $"{prefix}dob '{dob}' is not YYYY, YYYY-MM or YYYY-MM-DD";
        }

        if (get(prefix + "gender") is string gender && gender is not ("M" or "F" or "m" or "f"))
        {
            return $"{prefix}gender '{gender}' is not M or F";
        }

        if (get(prefix + "nationality") is string nationality && (nationality.Length != 3 || !nationality.All(char.IsAsciiLetter)))
        {
            return $"{prefix}nationality '{nationality}' is not an ISO 3166-1 alpha-3 code";
        }

        return null;
    }

    public static PersonDescription Describe(Func<string, string?> get, string prefix) => new(
        get(prefix + "name")!,
        PartialBirthDate.ParseOrNull(get(prefix + "dob")),
        get(prefix + "gender")?.ToUpperInvariant() switch { "M" => PersonSex.Male, "F" => PersonSex.Female, _ => PersonSex.Unknown },
        get(prefix + "nationality")?.ToUpperInvariant(),
        get(prefix + "father_name"),
        get(prefix + "mother_name"),
        get(prefix + "document_number"));

    public static bool IsDate(string text)
    {
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}
