namespace Maabar.Documents.Mrz;

/// <summary>The fields to write into a zone. Text is upper-case A-Z and digits; spaces in names become '&lt;'.</summary>
/// <param name="DocumentCode">One or two characters (P, PO, I, ID...).</param>
/// <param name="IssuingState">Issuing state code (TUN, D...).</param>
/// <param name="Surname">Primary identifier.</param>
/// <param name="GivenNames">Secondary identifier; may be empty.</param>
/// <param name="DocumentNumber">Document number; TD1 writes numbers longer than 9 with the overflow of ICAO 9303-5.</param>
/// <param name="Nationality">Nationality code.</param>
/// <param name="BirthDate">YYMMDD; '&lt;&lt;' for an unknown part.</param>
/// <param name="Sex">M, F, X or '&lt;'.</param>
/// <param name="ExpiryDate">YYMMDD.</param>
/// <param name="OptionalData">Personal number (TD3) or optional data (TD1 line 1).</param>
/// <param name="OptionalData2">TD1 line 2 optional data.</param>
public sealed record MrzFields(
    string DocumentCode,
    string IssuingState,
    string Surname,
    string GivenNames,
    string DocumentNumber,
    string Nationality,
    string BirthDate,
    char Sex,
    string ExpiryDate,
    string OptionalData = "",
    string OptionalData2 = "");

/// <summary>
/// Writes zones from fields with every check digit computed (ICAO 9303-3 §4.9): used to print test
/// documents and demo data, and to check the parser by round trip. Pure and thread-safe.
/// </summary>
public static class MrzWriter
{
    /// <summary>A TD3 zone (two lines of 44, separated by LF). Names longer than the field are cut.</summary>
    /// <param name="f">The fields; document number up to 9 characters.</param>
    public static string Td3(MrzFields f)
    {
        ArgumentNullException.ThrowIfNull(f);
        string line1 = Pad(f.DocumentCode, 2) + Pad(f.IssuingState, 3) + Name(f.Surname, f.GivenNames, 39);
        string number = Pad(f.DocumentNumber, 9);
        string personal = Pad(f.OptionalData, 14);
        string personalCheck = f.OptionalData.Length == 0 ? "<" : Digit(personal);
        string line2 = number + Digit(number) + Pad(f.Nationality, 3) + f.BirthDate + Digit(f.BirthDate) + f.Sex
            + f.ExpiryDate + Digit(f.ExpiryDate) + personal + personalCheck;
        string composite = line2[..10] + line2[13..20] + line2[21..43];
        return line1 + "\n" + line2 + Digit(composite);
    }

    /// <summary>A TD1 zone (three lines of 30, separated by LF).</summary>
    /// <param name="f">The fields; a document number of 10 to 22 characters is written with the overflow.</param>
    public static string Td1(MrzFields f)
    {
        ArgumentNullException.ThrowIfNull(f);
        string numberAndOptional;
        if (f.DocumentNumber.Length <= 9)
        {
            string number = Pad(f.DocumentNumber, 9);
            numberAndOptional = number + Digit(number) + Pad(f.OptionalData, 15);
        }
        else
        {
            // ICAO 9303-5 note j: nine characters, '<' in the check digit's place, the rest and the check digit in the optional data.
            string overflow = f.DocumentNumber[9..] + Digit(f.DocumentNumber);
            numberAndOptional = f.DocumentNumber[..9] + "<" + Pad(overflow + (f.OptionalData.Length > 0 ? "<" + f.OptionalData : string.Empty), 15);
        }

        string line1 = Pad(f.DocumentCode, 2) + Pad(f.IssuingState, 3) + numberAndOptional;
        string line2 = f.BirthDate + Digit(f.BirthDate) + f.Sex + f.ExpiryDate + Digit(f.ExpiryDate) + Pad(f.Nationality, 3) + Pad(f.OptionalData2, 11);
        string composite = line1[5..30] + line2[..7] + line2[8..15] + line2[18..29];
        return line1 + "\n" + line2 + Digit(composite) + "\n" + Name(f.Surname, f.GivenNames, 30);
    }

    private static string Digit(string data) => ((char)('0' + CheckDigit.Compute(data))).ToString();

    private static string Pad(string value, int length) => value.Length >= length ? value[..length] : value.PadRight(length, '<');

    private static string Name(string surname, string given, int length) =>
        Pad(surname.Replace(' ', '<') + (given.Length == 0 ? string.Empty : "<<" + given.Replace(' ', '<')), length);
}
