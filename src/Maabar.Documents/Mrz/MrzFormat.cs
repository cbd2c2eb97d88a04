namespace Maabar.Documents.Mrz;

/// <summary>The layout of a machine-readable zone (ICAO 9303 Parts 4 to 7, plus two national layouts).</summary>
public enum MrzFormat
{
    /// <summary>Not a layout this parser knows.</summary>
    Unknown = 0,

    /// <summary>TD1: identity cards, 3 lines of 30 characters (ICAO 9303 Part 5).</summary>
    Td1 = 1,

    /// <summary>TD2: 2 lines of 36 characters (ICAO 9303 Part 6).</summary>
    Td2 = 2,

    /// <summary>TD3: passports, 2 lines of 44 characters (ICAO 9303 Part 4).</summary>
    Td3 = 3,

    /// <summary>MRV-A: full-size visa, 2 lines of 44 characters, no composite check digit (ICAO 9303 Part 7).</summary>
    MrvA = 4,

    /// <summary>MRV-B: small visa, 2 lines of 36 characters, no composite check digit (ICAO 9303 Part 7).</summary>
    MrvB = 5,

    /// <summary>The French national identity card of 1988: 2 lines of 36 characters in a national layout.</summary>
    FrenchIdentityCard1988 = 6,

    /// <summary>The Swiss driving licence: lines of 9, 30 and 30 characters, without check digits.</summary>
    SwissDrivingLicence = 7,
}

/// <summary>The names formats are written under in the CLI's JSON and the API.</summary>
public static class MrzFormatNames
{
    /// <summary>The stable name: TD1, TD2, TD3, MRVA, MRVB, FRA_ID_1988, SWISS_DL or UNKNOWN.</summary>
    /// <param name="format">The format.</param>
    public static string Of(MrzFormat format) => format switch
    {
        MrzFormat.Td1 => "TD1",
        MrzFormat.Td2 => "TD2",
        MrzFormat.Td3 => "TD3",
        MrzFormat.MrvA => "MRVA",
        MrzFormat.MrvB => "MRVB",
        MrzFormat.FrenchIdentityCard1988 => "FRA_ID_1988",
        MrzFormat.SwissDrivingLicence => "SWISS_DL",
        MrzFormat.Unknown => "UNKNOWN",
    };
}
