using System.Collections.Frozen;

namespace Maabar.Documents;

/// <summary>
/// ISO 3166-1 alpha-3 country codes and the additional codes of ICAO 9303 Part 3 (§5). Lookups are
/// ordinal and case-sensitive: codes are upper-case ASCII as printed in the MRZ. Thread-safe.
/// </summary>
public static class CountryCodes
{
    // ISO 3166-1 alpha-3, officially assigned codes (249), in the order of the standard's English names.
    private const string Iso3166Alpha3 =
        "AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN " +
        "BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD " +
        "COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF " +
        "PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND " +
        "IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU " +
        "LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL " +
        "NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU " +
        "ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS " +
        "SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE " +
        "GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE";

    // ICAO 9303-3 §5: codes for travel documents that are not ISO 3166-1 alpha-3 country codes.
    // "D" is Germany's code as printed (D<<); RKS is the code Kosovo's documents carry; UTO (Utopia) is
    // the fictitious state of ICAO's specimens, which test documents and training material carry; ASU is the
    // specimen state of ICAO 9303-3's example of Arabic transliteration (Mahmud Abd al-Rahim).
    private const string IcaoSpecials =
        "D GBD GBN GBO GBP GBS UNO UNA UNK XBA XIM XCC XCE XCO XEC XPO XES XMP XOM XDC XXA XXB XXC XXX EUE RKS UTO ASU";

    private static readonly FrozenSet<string> Iso = Iso3166Alpha3.Split(' ').ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Icao = IcaoSpecials.Split(' ').ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IsoLookup = Iso.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IcaoLookup = Icao.GetAlternateLookup<ReadOnlySpan<char>>();

    // Three upper-case letters index a table directly (26^3 slots): the MRZ parser's common case without hashing.
    private static readonly (string? Code, CountryCodeKind Kind)[] ByLetters = BuildLetterTable();

    private static (string?, CountryCodeKind)[] BuildLetterTable()
    {
        var table = new (string?, CountryCodeKind)[26 * 26 * 26];
        foreach ((FrozenSet<string> set, CountryCodeKind kind) in new[] { (Icao, CountryCodeKind.IcaoSpecial), (Iso, CountryCodeKind.Iso3166) })
        {
            foreach (string code in set.Where(c => c.Length == 3))
            {
                table[LetterIndex(code)] = (code, kind);
            }
        }

        return table;
    }

    private static int LetterIndex(ReadOnlySpan<char> code) => ((code[0] - 'A') * 676) + ((code[1] - 'A') * 26) + (code[2] - 'A');

    /// <summary>Every ISO 3166-1 alpha-3 code this table knows (249 codes).</summary>
    public static IReadOnlyCollection<string> AllIso3166 => Iso;

    /// <summary>Classifies a code as printed; trailing MRZ fillers ('&lt;') are ignored (<c>D&lt;&lt;</c> is Germany).</summary>
    /// <param name="code">One to three upper-case ASCII letters, optionally padded with '&lt;'.</param>
    public static CountryCodeKind Classify(ReadOnlySpan<char> code)
    {
        code = code.TrimEnd('<');
        if (IsoLookup.Contains(code))
        {
            return CountryCodeKind.Iso3166;
        }

        return IcaoLookup.Contains(code) ? CountryCodeKind.IcaoSpecial : CountryCodeKind.Unknown;
    }

    /// <summary>
    /// Classifies a code like <see cref="Classify(ReadOnlySpan{char})"/> and, when it is known, returns the table's own string
    /// for it, so callers holding a span need not allocate one.
    /// </summary>
    /// <param name="code">The code, fillers already removed.</param>
    /// <param name="canonical">The table's string for the code, or null when unknown.</param>
    public static CountryCodeKind Classify(ReadOnlySpan<char> code, out string? canonical)
    {
        if (code.Length == 3 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]))
        {
            (canonical, CountryCodeKind kind) = ByLetters[LetterIndex(code)];
            return canonical is null ? CountryCodeKind.Unknown : kind;
        }

        if (IsoLookup.TryGetValue(code, out canonical))
        {
            return CountryCodeKind.Iso3166;
        }

        return IcaoLookup.TryGetValue(code, out canonical) ? CountryCodeKind.IcaoSpecial : CountryCodeKind.Unknown;
    }

    /// <summary>True for an ISO 3166-1 alpha-3 code (exactly three upper-case letters).</summary>
    /// <param name="code">The code to test.</param>
    public static bool IsIso3166Alpha3(ReadOnlySpan<char> code) => code.Length == 3 && IsoLookup.Contains(code);
}
