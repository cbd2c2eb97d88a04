using System.Globalization;
using Maabar.Documents.Mrz;

namespace Maabar.Documents.Tests;

public sealed class MrzParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private const string Td3Specimen = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private const string Td1Specimen = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";

    private static readonly MrzFields Tunisian = new("P", "TUN", "BEN SALAH", "MOHAMED LAMINE", "Z1234567", "TUN", "850315", 'M', "300101");

    [Fact]
    public void Parse_Td3Specimen_ReadsEveryField()
    {
        MrzResult r = MrzParser.Parse(Td3Specimen, Today);

        Assert.True(r.IsValid);
        Assert.Equal(MrzFormat.Td3, r.Format);
        Assert.Equal(("P", "UTO", "L898902C3", "ERIKSSON", "ANNA MARIA", "UTO", 'F'), (r.DocumentCode, r.IssuingState, r.DocumentNumber, r.Surname, r.GivenNames, r.Nationality, r.Sex));
        Assert.Equal("1974-08-12", r.BirthDate.Iso);
        Assert.Equal("2012-04-15", r.ExpiryDate.Iso);
        Assert.Equal("ZE184226B", r.OptionalData);
        Assert.Equal("ANNA MARIA ERIKSSON", r.FullName);
        Assert.Contains(r.Warnings, w => w.Code == MrzCodes.Expired);
    }

    [Theory]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\r\n")]
    [InlineData("  P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<   \n\n  L898902C36UTO7408122F1204159ZE184226B<<<<<10  ")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10")]
    public void Parse_ScannerVariants_ReadTheSameZone(string text)
    {
        MrzResult r = MrzParser.Parse(text, Today);

        Assert.True(r.IsValid);
        Assert.Equal("L898902C3", r.DocumentNumber);
    }

    [Theory]
    [InlineData("", MrzCodes.Empty)]
    [InlineData("   \n \r\n", MrzCodes.Empty)]
    [InlineData("P<UTOERIKSSON", MrzCodes.FormatUnknown)]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", MrzCodes.FormatUnknown)]
    public void Parse_NoZoneOrUnknownLayout_IsOneLayoutError(string text, string code)
    {
        MrzResult r = MrzParser.Parse(text, Today);

        Assert.False(r.IsValid);
        Assert.Equal(MrzFormat.Unknown, r.Format);
        MrzProblem problem = Assert.Single(r.Errors);
        Assert.Equal((code, MrzField.Layout), (problem.Code, problem.Field));
    }

    [Fact]
    public void Parse_OversizedInput_IsRefusedWithoutReadingIt() =>
        Assert.Equal(MrzCodes.FormatUnknown, Assert.Single(MrzParser.Parse(new string('<', MrzParser.MaxInputLength + 1), Today).Errors).Code);

    public static TheoryData<string> ValidZones => new() { Td3Specimen, Td1Specimen, MrzWriter.Td3(Tunisian), MrzWriter.Td1(Tunisian with { DocumentCode = "ID", DocumentNumber = "12345678" }) };

    [Theory]
    [MemberData(nameof(ValidZones))]
    public void Parse_IllegalCharacterAtAnyPosition_ReportsThatPosition(string zone)
    {
        string[] lines = zone.Split('\n');
        for (int line = 0; line < lines.Length; line++)
        {
            for (int column = 0; column < lines[line].Length; column++)
            {
                foreach (char bad in "#a\u00C9")
                {
                    string[] copy = (string[])lines.Clone();
                    copy[line] = copy[line][..column] + bad + copy[line][(column + 1)..];

                    MrzResult r = MrzParser.Parse(string.Join('\n', copy), Today);

                    Assert.False(r.IsValid);
                    MrzProblem first = r.Errors[0];
                    Assert.True(
                        (first.Code, first.Line, first.Position) == (MrzCodes.CharacterInvalid, line + 1, column + 1),
                        $"'{bad}' at line {line + 1} position {column + 1}: first error was {first}");
                }
            }
        }
    }

    [Fact]
    public void Parse_RandomInput_NeverThrows()
    {
        var random = new Random(9303);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<\n \r#\u0627\u00E9";
        int[] lengths = [30, 36, 44, 9, 1, 0, 45];
        for (int i = 0; i < 20_000; i++)
        {
            int lineCount = random.Next(1, 4);
            var lines = new string[lineCount];
            for (int l = 0; l < lineCount; l++)
            {
                int length = random.Next(3) == 0 ? random.Next(0, 50) : lengths[random.Next(lengths.Length)];
                lines[l] = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            }

            MrzResult r = MrzParser.Parse(string.Join('\n', lines), Today);

            Assert.NotNull(r.Errors);
            Assert.All(r.Errors, e => Assert.False(string.IsNullOrEmpty(e.Code)));
        }
    }

    [Fact]
    public void Parse_MutatedValidZones_NeverThrowAndReportEveryBrokenCheck()
    {
        var random = new Random(44);
        string zone = MrzWriter.Td3(Tunisian);
        for (int i = 0; i < 5_000; i++)
        {
            char[] chars = zone.ToCharArray();
            int at = random.Next(chars.Length);
            if (chars[at] == '\n')
            {
                continue;
            }

            char original = chars[at];
            chars[at] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"[random.Next(37)];
            MrzResult r = MrzParser.Parse(new string(chars), Today);

            if (chars[at] != original && r.IsValid)
            {
                // Check digits cannot see every change: fields they do not cover (name, state codes, sex), and a
                // substitution whose value differs by a multiple of 10 (6 and Q: 20 x weight is 0 mod 10).
                int column = at > 44 ? at - 45 : at;
                bool uncovered = at < 44 || column is >= 10 and <= 12 || column == 20;
                bool invisibleToIcao = CheckDigit.ValueOf(chars[at]) % 10 == CheckDigit.ValueOf(original) % 10;
                Assert.True(uncovered || invisibleToIcao, $"Changed position {at} from '{original}' to '{chars[at]}' went unnoticed.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RoundTripFields))]
    public void Write_ThenParse_GivesTheFieldsBack(MrzFields fields, bool td1)
    {
        string zone = td1 ? MrzWriter.Td1(fields) : MrzWriter.Td3(fields);

        MrzResult r = MrzParser.Parse(zone, Today);

        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal(td1 ? MrzFormat.Td1 : MrzFormat.Td3, r.Format);
        Assert.Equal((fields.DocumentNumber, fields.Surname, fields.GivenNames, fields.IssuingState, fields.Nationality), (r.DocumentNumber, r.Surname, r.GivenNames, r.IssuingState, r.Nationality));
        Assert.Equal((fields.BirthDate, fields.ExpiryDate, fields.Sex, fields.OptionalData), (r.BirthDate.Printed, r.ExpiryDate.Printed, r.Sex, r.OptionalData));
    }

    public static TheoryData<MrzFields, bool> RoundTripFields => new()
    {
        { Tunisian, false },
        { Tunisian with { OptionalData = "07654321" }, false },
        { new MrzFields("P", "LBY", "AL MABROUK", "FATIMA ALI", "LY0001234", "LBY", "920707", 'F', "310520", "219920012345"), false },
        { new MrzFields("P", "LBY", "ABD ALLAH", "SALEM", "LY0009876", "LBY", "55<<<<", 'M', "300101"), false },
        { new MrzFields("ID", "TUN", "TRABELSI", "AMIRA", "12345678", "TUN", "900101", 'F', "340101"), true },
        { new MrzFields("ID", "BEL", "PEETERS", "AN", "000590240601", "BEL", "851201", 'F', "311104"), true },
        { new MrzFields("I", "D", "MUSTERMANN", "ERIKA", "L01XPVM8J", "D", "830812", '<', "310801"), true },
    };

    [Theory]
    [InlineData("740812", "1974-08-12")]
    [InlineData("261129", "2026-11-29")] // born today
    [InlineData("261130", "1926-11-30")] // tomorrow in this century is impossible: last century
    [InlineData("000101", "2000-01-01")]
    [InlineData("55<<<<", null)]
    public void Parse_BirthCentury_IsTheLatestInThePast(string yymmdd, string? iso)
    {
        string zone = MrzWriter.Td3(Tunisian with { BirthDate = yymmdd });

        MrzResult r = MrzParser.Parse(zone, Today);

        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal(iso, r.BirthDate.Iso);
        if (iso is null)
        {
            Assert.Equal("1955", r.BirthDate.IsoPartial);
        }
    }

    [Theory]
    [InlineData("300101", "2030-01-01", false)]
    [InlineData("120415", "2012-04-15", true)]
    [InlineData("961210", "1996-12-10", true)] // 2096 is not a plausible expiry
    [InlineData("761231", "2076-12-31", false)]
    public void Parse_ExpiryCentury_AndExpiredWarning(string yymmdd, string iso, bool expired)
    {
        MrzResult r = MrzParser.Parse(MrzWriter.Td3(Tunisian with { ExpiryDate = yymmdd }), Today);

        Assert.True(r.IsValid);
        Assert.Equal(iso, r.ExpiryDate.Iso);
        Assert.Equal(expired, r.Warnings.Any(w => w.Code == MrzCodes.Expired));
    }

    [Theory]
    [InlineData("851315", 16)] // month 13
    [InlineData("850230", 18)] // 30 February
    [InlineData("8<0315", 14)] // half-unknown year
    public void Parse_ImpossibleBirthDate_IsDateInvalidAtThatPart(string yymmdd, int position)
    {
        MrzResult r = MrzParser.Parse(MrzWriter.Td3(Tunisian with { BirthDate = yymmdd }), Today);

        Assert.Contains(r.Errors, e => e.Code == MrzCodes.DateInvalid && e.Line == 2 && e.Position == position);
    }

    [Fact]
    public void Parse_LetterOInBirthDate_IsNotNumericWithASuggestion()
    {
        string zone = MrzWriter.Td3(Tunisian).Replace("8503150", "85O3150", StringComparison.Ordinal);

        MrzResult r = MrzParser.Parse(zone, Today);

        Assert.Contains(r.Errors, e => e.Code == MrzCodes.NotNumeric && e.Field == MrzField.BirthDate && e.Line == 2 && e.Position == 16);
        MrzSuggestion s = Assert.Single(r.Suggestions, s => s.Field == MrzField.BirthDate);
        Assert.Equal(('O', '0', 16, "850315"), (s.Found, s.Suggested, s.Position, s.CorrectedValue));
        Assert.Equal("850315", MrzParser.Parse(zone, Today).BirthDate.Printed.Replace('O', '0'));
    }

    [Fact]
    public void Parse_DocumentNumberMisreadAsLetter_SuggestsTheDigitButDoesNotApplyIt()
    {
        // The document number Z1234567 printed; the scanner read the 5 as S.
        string zone = MrzWriter.Td3(Tunisian).Replace("Z1234567<", "Z1234S67<", StringComparison.Ordinal);

        MrzResult r = MrzParser.Parse(zone, Today);

        Assert.Equal("Z1234S67", r.DocumentNumber);
        Assert.Contains(r.Errors, e => e.Code == MrzCodes.CheckDigitMismatch && e.Field == MrzField.DocumentNumberCheckDigit && e.Position == 10);
        Assert.Contains(r.Suggestions, s => s.Field == MrzField.DocumentNumber && s.Found == 'S' && s.Suggested == '5' && s.CorrectedValue == "Z1234567");
    }

    [Fact]
    public void Parse_WrongCheckDigit_SaysWhichDigitWasExpected()
    {
        MrzResult r = MrzParser.Parse(Td3Specimen.Replace("7408122F", "7408125F", StringComparison.Ordinal), Today);

        MrzProblem e = Assert.Single(r.Errors, e => e.Field == MrzField.BirthDateCheckDigit);
        Assert.Equal(("2", 2, 20), (e.Expected, e.Line, e.Position));
    }

    [Fact]
    public void Parse_NameFillingTheField_IsWarnedAsTruncated()
    {
        MrzResult r = MrzParser.Parse(MrzWriter.Td3(Tunisian with { Surname = "BEN ABDALLAH EL HADJ AMOR", GivenNames = "MOHAMED FADHEL" }), Today);

        Assert.True(r.IsValid);
        Assert.True(r.NameTruncated);
        Assert.Equal("MOHAMED FADH", r.GivenNames);
        Assert.Contains(r.Warnings, w => w.Code == MrzCodes.NameTruncated && w.Line == 1 && w.Position == 44);
    }

    [Theory]
    [InlineData("YUG", MrzCodes.StateWithdrawn, false)]
    [InlineData("QQQ", MrzCodes.StateUnknown, true)]
    public void Parse_StateCodes_WithdrawnIsAWarningUnknownAnError(string code, string problem, bool isError)
    {
        MrzResult r = MrzParser.Parse(MrzWriter.Td3(Tunisian with { Nationality = code }), Today);

        Assert.Equal(isError, r.Errors.Any(e => e.Code == problem && e.Field == MrzField.Nationality));
        Assert.Equal(!isError, r.Warnings.Any(w => w.Code == problem && w.Field == MrzField.Nationality));
    }

    [Theory]
    [InlineData("219920012345", 'F', "920707", false)]
    [InlineData("119920012345", 'F', "920707", true)]  // number says male
    [InlineData("219930012345", 'F', "920707", true)]  // number says 1993
    public void Parse_LibyanPassportWithNationalNumber_CrossChecksSexAndYear(string number, char sex, string birth, bool mismatch)
    {
        string zone = MrzWriter.Td3(new MrzFields("P", "LBY", "AL MABROUK", "FATIMA", "LY0001234", "LBY", birth, sex, "310520", number));

        MrzResult r = MrzParser.Parse(zone, Today);

        Assert.True(r.IsValid);
        Assert.Equal(mismatch, r.Warnings.Any(w => w.Code == MrzCodes.NationalNumberMismatch));
    }

    [Theory]
    [InlineData("ar", "\u0631\u0642\u0645 \u0627\u0644\u062A\u062D\u0642\u0642")] // "check digit" in Arabic
    [InlineData("fr", "Chiffre de contr\u00F4le")]
    [InlineData("en", "Check digit")]
    [InlineData("de", "Check digit")] // any other language falls back to English
    public void Message_IsInTheRequestedLanguageWithTheExpectedDigit(string culture, string start)
    {
        var problem = new MrzProblem(MrzCodes.CheckDigitMismatch, MrzField.BirthDateCheckDigit, 2, 20, "7");

        string message = problem.Message(new CultureInfo(culture));

        Assert.StartsWith(start, message, StringComparison.Ordinal);
        Assert.EndsWith("(7)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_ExistForEveryCodeInEveryLanguage()
    {
        string[] codes = [.. typeof(MrzCodes).GetFields().Select(f => (string)f.GetValue(null)!)];
        foreach (string culture in new[] { "ar", "fr", "en" })
        {
            foreach (string code in codes)
            {
                Assert.NotEqual(code, new MrzProblem(code, MrzField.Layout, 0, 0).Message(new CultureInfo(culture)));
            }
        }
    }
}
