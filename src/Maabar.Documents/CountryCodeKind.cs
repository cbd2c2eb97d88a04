namespace Maabar.Documents;

/// <summary>What a three-letter state code in a travel document stands for.</summary>
public enum CountryCodeKind
{
    /// <summary>Not a code that ISO 3166-1 or ICAO 9303 assigns.</summary>
    Unknown = 0,

    /// <summary>An ISO 3166-1 alpha-3 country code (e.g. <c>TUN</c>, <c>LBY</c>).</summary>
    Iso3166 = 1,

    /// <summary>
    /// A code ICAO 9303 Part 3 adds for travel documents: Germany's <c>D</c>, the British national
    /// categories (<c>GBD</c>...), United Nations and other organisations (<c>UNO</c>, <c>EUE</c>...),
    /// and stateless persons and refugees (<c>XXA</c>, <c>XXB</c>, <c>XXC</c>, <c>XXX</c>).
    /// </summary>
    IcaoSpecial = 2,
}
