using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Maabar.Documents;

/// <summary>
/// English country names to ISO 3166-1 alpha-3 codes, for lists that write countries by name (the UN
/// Consolidated List's NATIONALITY). Names come from the platform's region data (ICU) for every specific
/// culture, plus the UN's official forms where they differ ("Democratic Republic of the Congo", "Iran
/// (Islamic Republic of)", "Viet Nam"...). Case, accents, punctuation and spacing do not matter. Thread-safe.
/// </summary>
public static class CountryNames
{
    // The UN terminology's names (and a few older ones lists still carry) that region data spells otherwise.
    private static readonly (string Name, string Code)[] UnNames =
    [
        ("Democratic Republic of the Congo", "COD"), ("Congo", "COG"), ("Republic of the Congo", "COG"),
        ("Democratic People's Republic of Korea", "PRK"), ("Republic of Korea", "KOR"),
        ("Iran (Islamic Republic of)", "IRN"), ("Syrian Arab Republic", "SYR"), ("Russian Federation", "RUS"),
        ("United Republic of Tanzania", "TZA"), ("Viet Nam", "VNM"), ("Lao People's Democratic Republic", "LAO"),
        ("Bolivia (Plurinational State of)", "BOL"), ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Republic of Moldova", "MDA"), ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United Kingdom", "GBR"), ("United States of America", "USA"), ("United States", "USA"),
        ("State of Palestine", "PSE"), ("Turkiye", "TUR"), ("Turkey", "TUR"), ("Cote d'Ivoire", "CIV"),
        ("Libyan Arab Jamahiriya", "LBY"), ("Micronesia (Federated States of)", "FSM"), ("Brunei Darussalam", "BRN"),
        ("Cabo Verde", "CPV"), ("Czechia", "CZE"), ("Eswatini", "SWZ"), ("North Macedonia", "MKD"), ("Myanmar", "MMR"),
        ("Timor-Leste", "TLS"), ("Holy See", "VAT"), ("Central African Republic", "CAF"), ("South Sudan", "SSD"),
        ("Sudan", "SDN"), ("Somalia", "SOM"), ("Yemen", "YEM"), ("Iraq", "IRQ"), ("Afghanistan", "AFG"),
        ("Tunisia", "TUN"), ("Libya", "LBY"), ("Algeria", "DZA"), ("Egypt", "EGY"), ("Niger", "NER"), ("Chad", "TCD"),
        ("Mali", "MLI"), ("Morocco", "MAR"), ("Mauritania", "MRT"),
    ];

    private static readonly FrozenDictionary<string, string> Codes = Build();

    /// <summary>The alpha-3 code of <paramref name="name"/>, or null when the name is not a country this table knows.</summary>
    /// <param name="name">An English country name as a list writes it.</param>
    public static string? ToAlpha3(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return Codes.TryGetValue(Key(name), out string? code) ? code : null;
    }

    private static FrozenDictionary<string, string> Build()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CultureInfo culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            string code = region.ThreeLetterISORegionName;
            if (CountryCodes.AllIso3166.Contains(code))
            {
                codes.TryAdd(Key(region.EnglishName), code);
            }
        }

        foreach ((string name, string code) in UnNames)
        {
            codes[Key(name)] = code;
        }

        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }
}
