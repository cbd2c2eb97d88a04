namespace Maabar.Documents.Mrz;

/// <summary>
/// Reads the machine-readable zone of a travel document (ICAO 9303 Parts 3 to 7: TD1, TD2, TD3, MRV-A,
/// MRV-B) and two national layouts (French identity card of 1988, Swiss driving licence). Never throws on
/// bad input: every problem is returned as a value with its code, field, line and position, all of them,
/// not only the first. Pure and thread-safe.
/// </summary>
public static class MrzParser
{
    /// <summary>The longest input read, in UTF-16 code units; longer input is refused as an unknown format.</summary>
    public const int MaxInputLength = 512;

    /// <summary>Parses one zone: its lines separated by CR, LF or both; surrounding white space is ignored.</summary>
    /// <param name="text">The zone as scanned or typed.</param>
    /// <param name="today">Today's date, to resolve centuries (births in the past, expiries in the plausible future) and to flag expired documents.</param>
    public static MrzResult Parse(ReadOnlySpan<char> text, DateOnly today)
    {
        var reader = new Reader(today);
        if (text.Length > MaxInputLength)
        {
            return reader.Fail(MrzCodes.FormatUnknown);
        }

        List<string> lines = SplitLines(text);
        if (lines.Count == 0)
        {
            return reader.Fail(MrzCodes.Empty);
        }

        MrzFormat format = Detect(lines);
        if (format == MrzFormat.Unknown)
        {
            return reader.Fail(MrzCodes.FormatUnknown, lines);
        }

        return reader.Read(format, lines);
    }

    /// <summary>Splits on line breaks, trims each line, drops empty lines; a single line of a known total length is cut into the layout's lines.</summary>
    private static List<string> SplitLines(ReadOnlySpan<char> text)
    {
        var lines = new List<string>(3);
        foreach (Range range in text.SplitAny('\r', '\n'))
        {
            ReadOnlySpan<char> line = text[range].Trim();
            if (!line.IsEmpty)
            {
                lines.Add(line.ToString());
            }
        }

        // Some keyboard-wedge scanners send the zone as one line.
        if (lines.Count == 1)
        {
            string only = lines[0];
            int width = only.Length switch
            {
                88 => 44,
                72 => 36,
                90 => 30,
                _ => 0,
            };
            if (width > 0)
            {
                lines.Clear();
                for (int i = 0; i < only.Length; i += width)
                {
                    lines.Add(only.Substring(i, width));
                }
            }
        }

        return lines;
    }

    private static MrzFormat Detect(List<string> lines) => (lines.Count, lines[0].Length, lines[^1].Length) switch
    {
        (3, 30, 30) when lines[1].Length == 30 => MrzFormat.Td1,
        (3, 9, 30) when lines[1].Length == 30 => MrzFormat.SwissDrivingLicence,
        (2, 44, 44) => lines[0][0] == 'V' ? MrzFormat.MrvA : MrzFormat.Td3,
        (2, 36, 36) when lines[0][0] == 'V' => MrzFormat.MrvB,
        (2, 36, 36) when lines[0].StartsWith("IDFRA", StringComparison.Ordinal) && !IsStateCode(lines[1].AsSpan(10, 3)) => MrzFormat.FrenchIdentityCard1988,
        (2, 36, 36) => MrzFormat.Td2,
        _ => MrzFormat.Unknown,
    };

    private static bool IsStateCode(ReadOnlySpan<char> s) =>
        char.IsAsciiLetterUpper(s[0]) && (char.IsAsciiLetterUpper(s[1]) || s[1] == '<') && (char.IsAsciiLetterUpper(s[2]) || s[2] == '<');

    /// <summary>What characters a field may hold.</summary>
    private enum Kind
    {
        /// <summary>A-Z, 0-9, '&lt;'.</summary>
        Alphanumeric,

        /// <summary>A-Z and '&lt;' (state codes).</summary>
        State,

        /// <summary>A-Z and '&lt;' (names).</summary>
        Name,

        /// <summary>0-9, or '&lt;&lt;' for an unknown part.</summary>
        Date,

        /// <summary>0-9, or '&lt;' where the rules allow it.</summary>
        CheckDigit,

        /// <summary>M, F, X or '&lt;'.</summary>
        Sex,
    }

    private readonly record struct Spec(MrzField Field, int Line, int Start, int Length, Kind Kind);

    private static readonly Spec[] Td3Layout =
    [
        new(MrzField.DocumentCode, 0, 0, 2, Kind.Alphanumeric), new(MrzField.IssuingState, 0, 2, 3, Kind.State), new(MrzField.Name, 0, 5, 39, Kind.Name),
        new(MrzField.DocumentNumber, 1, 0, 9, Kind.Alphanumeric), new(MrzField.DocumentNumberCheckDigit, 1, 9, 1, Kind.CheckDigit),
        new(MrzField.Nationality, 1, 10, 3, Kind.State), new(MrzField.BirthDate, 1, 13, 6, Kind.Date), new(MrzField.BirthDateCheckDigit, 1, 19, 1, Kind.CheckDigit),
        new(MrzField.Sex, 1, 20, 1, Kind.Sex), new(MrzField.ExpiryDate, 1, 21, 6, Kind.Date), new(MrzField.ExpiryDateCheckDigit, 1, 27, 1, Kind.CheckDigit),
        new(MrzField.OptionalData, 1, 28, 14, Kind.Alphanumeric), new(MrzField.OptionalDataCheckDigit, 1, 42, 1, Kind.CheckDigit), new(MrzField.CompositeCheckDigit, 1, 43, 1, Kind.CheckDigit),
    ];

    private static readonly Spec[] MrvALayout =
    [
        .. Td3Layout[..11], new(MrzField.OptionalData, 1, 28, 16, Kind.Alphanumeric),
    ];

    private static readonly Spec[] Td2Layout =
    [
        new(MrzField.DocumentCode, 0, 0, 2, Kind.Alphanumeric), new(MrzField.IssuingState, 0, 2, 3, Kind.State), new(MrzField.Name, 0, 5, 31, Kind.Name),
        .. Td3Layout[3..11], new(MrzField.OptionalData, 1, 28, 7, Kind.Alphanumeric), new(MrzField.CompositeCheckDigit, 1, 35, 1, Kind.CheckDigit),
    ];

    private static readonly Spec[] MrvBLayout =
    [
        .. Td2Layout[..11], new(MrzField.OptionalData, 1, 28, 8, Kind.Alphanumeric),
    ];

    private static readonly Spec[] Td1Layout =
    [
        new(MrzField.DocumentCode, 0, 0, 2, Kind.Alphanumeric), new(MrzField.IssuingState, 0, 2, 3, Kind.State),
        new(MrzField.DocumentNumber, 0, 5, 9, Kind.Alphanumeric), new(MrzField.DocumentNumberCheckDigit, 0, 14, 1, Kind.CheckDigit), new(MrzField.OptionalData, 0, 15, 15, Kind.Alphanumeric),
        new(MrzField.BirthDate, 1, 0, 6, Kind.Date), new(MrzField.BirthDateCheckDigit, 1, 6, 1, Kind.CheckDigit), new(MrzField.Sex, 1, 7, 1, Kind.Sex),
        new(MrzField.ExpiryDate, 1, 8, 6, Kind.Date), new(MrzField.ExpiryDateCheckDigit, 1, 14, 1, Kind.CheckDigit), new(MrzField.Nationality, 1, 15, 3, Kind.State),
        new(MrzField.OptionalData2, 1, 18, 11, Kind.Alphanumeric), new(MrzField.CompositeCheckDigit, 1, 29, 1, Kind.CheckDigit),
        new(MrzField.Name, 2, 0, 30, Kind.Name),
    ];

    // French identity card 1988: surname (25) and administrative code (6) on line 1; document number (12:
    // year and month of issue, department, serial), given names (14), birth date and sex on line 2.
    private static readonly Spec[] French1988Layout =
    [
        new(MrzField.DocumentCode, 0, 0, 2, Kind.Alphanumeric), new(MrzField.IssuingState, 0, 2, 3, Kind.State), new(MrzField.Name, 0, 5, 25, Kind.Name),
        new(MrzField.AdministrativeCode, 0, 30, 6, Kind.Alphanumeric),
        new(MrzField.DocumentNumber, 1, 0, 12, Kind.Alphanumeric), new(MrzField.DocumentNumberCheckDigit, 1, 12, 1, Kind.CheckDigit), new(MrzField.Name, 1, 13, 14, Kind.Name),
        new(MrzField.BirthDate, 1, 27, 6, Kind.Date), new(MrzField.BirthDateCheckDigit, 1, 33, 1, Kind.CheckDigit), new(MrzField.Sex, 1, 34, 1, Kind.Sex),
        new(MrzField.CompositeCheckDigit, 1, 35, 1, Kind.CheckDigit),
    ];

    // Swiss driving licence: licence number (6) and language on line 1; document code, state and the
    // licence's PIN and version on line 2, then the date of birth; name on line 3. No check digits.
    private static readonly Spec[] SwissLayout =
    [
        new(MrzField.DocumentNumber, 0, 0, 6, Kind.Alphanumeric), new(MrzField.OptionalData, 0, 6, 3, Kind.Alphanumeric),
        new(MrzField.DocumentCode, 1, 0, 2, Kind.Alphanumeric), new(MrzField.IssuingState, 1, 2, 3, Kind.State), new(MrzField.OptionalData2, 1, 5, 14, Kind.Alphanumeric),
        new(MrzField.BirthDate, 1, 19, 6, Kind.Date), new(MrzField.OptionalData2, 1, 25, 5, Kind.Alphanumeric),
        new(MrzField.Name, 2, 0, 30, Kind.Name),
    ];

    /// <summary>A layout's specs indexed by field (length 0 where the layout lacks the field); the first spec of a field wins.</summary>
    private static Spec[] IndexOf(Spec[] layout)
    {
        var index = new Spec[Enum.GetValues<MrzField>().Length];
        foreach (Spec spec in layout)
        {
            if (index[(int)spec.Field].Length == 0)
            {
                index[(int)spec.Field] = spec;
            }
        }

        return index;
    }

    // What the composite check digit covers: ICAO 9303-4 §4.2.2.2 (TD3), 9303-5 §4.2.4 (TD1),
    // 9303-6 §4.2.2.2 (TD2); the French 1988 card covers both lines.
    private static readonly (int Line, int Start, int End)[] Td3Composite = [(1, 0, 10), (1, 13, 20), (1, 21, 43)];
    private static readonly (int Line, int Start, int End)[] Td2Composite = [(1, 0, 10), (1, 13, 20), (1, 21, 35)];
    private static readonly (int Line, int Start, int End)[] Td1Composite = [(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)];
    private static readonly (int Line, int Start, int End)[] French1988Composite = [(0, 0, 36), (1, 0, 35)];

    private static readonly Spec[] Td3Index = IndexOf(Td3Layout);
    private static readonly Spec[] MrvAIndex = IndexOf(MrvALayout);
    private static readonly Spec[] Td2Index = IndexOf(Td2Layout);
    private static readonly Spec[] MrvBIndex = IndexOf(MrvBLayout);
    private static readonly Spec[] Td1Index = IndexOf(Td1Layout);
    private static readonly Spec[] French1988Index = IndexOf(French1988Layout);
    private static readonly Spec[] SwissIndex = IndexOf(SwissLayout);

    // ISO 3166-3: codes withdrawn from ISO 3166-1 but still printed on documents issued before.
    private static readonly HashSet<string> Withdrawn = new(
        ["ANT", "BUR", "BYS", "CSK", "DDR", "DHY", "HVO", "NHB", "NTZ", "RHO", "SCG", "SKM", "SUN", "TMP", "VDR", "YMD", "YUG", "ZAR"],
        StringComparer.Ordinal);

    /// <summary>The MRZ alphabet: A-Z, 0-9 and the filler.</summary>
    private static readonly System.Buffers.SearchValues<char> MrzAlphabet = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<");

    /// <summary>What the sex field may hold.</summary>
    private static readonly System.Buffers.SearchValues<char> SexValues = System.Buffers.SearchValues.Create("MFX<");

    /// <summary>Likely OCR confusions between letters and digits (ICAO 9303 OCR-B), both ways.</summary>
    private static char OcrTwin(char c) => c switch
    {
        'O' => '0', '0' => 'O',
        'I' => '1', '1' => 'I',
        'B' => '8', '8' => 'B',
        'S' => '5', '5' => 'S',
        'Z' => '2', '2' => 'Z',
        _ => '\0',
    };

    /// <summary>The state of one parse: lines, problems found so far.</summary>
    private sealed class Reader(DateOnly today)
    {
        // Created only when something is found: a clean zone allocates none of them.
        private List<MrzProblem>? errors;
        private List<MrzProblem>? warnings;
        private List<MrzSuggestion>? suggestions;
        private List<string> lines = [];
        private Spec[] layout = [];
        private Spec[] index = [];

        // Per line, a bit for each column (at most 44) that holds a character outside the MRZ alphabet.
        private ulong invalid0, invalid1, invalid2;

        private ref ulong Invalid(int line)
        {
            switch (line)
            {
                case 0:
                    return ref invalid0;
                case 1:
                    return ref invalid1;
                default:
                    return ref invalid2;
            }
        }

        private List<MrzProblem> Errors => errors ??= [];

        private List<MrzProblem> Warnings => warnings ??= [];

        private List<MrzSuggestion> Suggestions => suggestions ??= [];

        public MrzResult Fail(string code, List<string>? read = null)
        {
            Errors.Add(new MrzProblem(code, MrzField.Layout, 0, 0));
            return new MrzResult { Format = MrzFormat.Unknown, Lines = read ?? [], Errors = Errors };
        }

        public MrzResult Read(MrzFormat format, List<string> read)
        {
            lines = read;
            (layout, index) = format switch
            {
                MrzFormat.Td1 => (Td1Layout, Td1Index),
                MrzFormat.Td2 => (Td2Layout, Td2Index),
                MrzFormat.Td3 => (Td3Layout, Td3Index),
                MrzFormat.MrvA => (MrvALayout, MrvAIndex),
                MrzFormat.MrvB => (MrvBLayout, MrvBIndex),
                MrzFormat.FrenchIdentityCard1988 => (French1988Layout, French1988Index),
                MrzFormat.SwissDrivingLicence => (SwissLayout, SwissIndex),
                MrzFormat.Unknown => throw new InvalidOperationException("Unknown formats do not reach the reader."),
            };

            CheckAlphabet();
            foreach (Spec spec in layout)
            {
                CheckKind(spec);
            }

            CheckDocumentCode(format);
            string documentCode = Slice(MrzField.DocumentCode).TrimEnd('<').ToString();
            string issuingState = CheckState(MrzField.IssuingState);
            string nationality = format is MrzFormat.FrenchIdentityCard1988 or MrzFormat.SwissDrivingLicence ? issuingState : CheckState(MrzField.Nationality);
            MrzDate birth = ReadDate(MrzField.BirthDate, isBirth: true);
            MrzDate expiry = Has(MrzField.ExpiryDate) ? ReadDate(MrzField.ExpiryDate, isBirth: false) : default;
            char sex = Has(MrzField.Sex) ? Slice(MrzField.Sex)[0] : '<';

            string documentNumber;
            char documentCheck = '<';
            string optional = Has(MrzField.OptionalData) ? Slice(MrzField.OptionalData).Trim('<').ToString() : string.Empty;
            switch (format)
            {
                case MrzFormat.Td1:
                case MrzFormat.Td2:
                    documentNumber = VerifyDocumentNumberWithOverflow(ref optional, ref documentCheck);
                    break;
                case MrzFormat.SwissDrivingLicence:
                    documentNumber = Slice(MrzField.DocumentNumber).TrimEnd('<').ToString();
                    break;
                default:
                    documentNumber = Slice(MrzField.DocumentNumber).TrimEnd('<').ToString();
                    documentCheck = Slice(MrzField.DocumentNumberCheckDigit)[0];
                    Verify(MrzField.DocumentNumber, MrzField.DocumentNumberCheckDigit, emptyMayBeFiller: false);
                    break;
            }

            if (format != MrzFormat.SwissDrivingLicence)
            {
                Verify(MrzField.BirthDate, MrzField.BirthDateCheckDigit, emptyMayBeFiller: false);
            }

            if (Has(MrzField.ExpiryDate))
            {
                Verify(MrzField.ExpiryDate, MrzField.ExpiryDateCheckDigit, emptyMayBeFiller: false);
            }

            if (format == MrzFormat.Td3)
            {
                // ICAO 9303-4 §4.2.2: an empty personal number's check digit is '<' or 0.
                Verify(MrzField.OptionalData, MrzField.OptionalDataCheckDigit, emptyMayBeFiller: true);
            }

            VerifyComposite(format);

            (string surname, string given, bool truncated) = ReadName(format);
            if (truncated)
            {
                Spec name = format == MrzFormat.FrenchIdentityCard1988 ? French1988Layout[6] : Find(MrzField.Name);
                Warnings.Add(new MrzProblem(MrzCodes.NameTruncated, MrzField.Name, name.Line + 1, name.Start + name.Length));
            }

            if (expiry.Date is DateOnly expires && expires < today)
            {
                Spec spec = Find(MrzField.ExpiryDate);
                Warnings.Add(new MrzProblem(MrzCodes.Expired, MrzField.ExpiryDate, spec.Line + 1, spec.Start + 1));
            }

            if (issuingState == "LBY" && format is MrzFormat.Td3 or MrzFormat.Td1 && optional.Length == LibyanNationalNumber.Length)
            {
                CrossCheckLibyanNumber(optional, sex, birth);
            }

            return new MrzResult
            {
                Format = format,
                Lines = lines,
                DocumentCode = documentCode,
                IssuingState = issuingState,
                DocumentNumber = documentNumber,
                DocumentNumberCheckDigit = documentCheck,
                OptionalDataCheckDigit = format == MrzFormat.Td3 ? Slice(MrzField.OptionalDataCheckDigit)[0] : '<',
                Surname = surname,
                GivenNames = given,
                NameTruncated = truncated,
                Nationality = nationality,
                BirthDate = birth,
                ExpiryDate = expiry,
                Sex = sex,
                OptionalData = optional,
                OptionalData2 = Has(MrzField.OptionalData2) ? Slice(MrzField.OptionalData2).Trim('<').ToString() : string.Empty,
                Errors = SortedErrors() is { } sorted ? sorted : [],
                Warnings = warnings is null ? [] : warnings,
                Suggestions = suggestions is null ? [] : suggestions,
            };
        }

        /// <summary>Errors in the order of the zone (line, then position).</summary>
        private List<MrzProblem>? SortedErrors()
        {
            errors?.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Position.CompareTo(b.Position));
            return errors;
        }

        private bool Has(MrzField field) => index[(int)field].Length > 0;

        private Spec Find(MrzField field) => index[(int)field];

        private ReadOnlySpan<char> Slice(MrzField field) => Slice(Find(field));

        private ReadOnlySpan<char> Slice(Spec spec) => lines[spec.Line].AsSpan(spec.Start, spec.Length);

        private void Error(string code, Spec spec, int offset, string? expected = null) =>
            Errors.Add(new MrzProblem(code, spec.Field, spec.Line + 1, spec.Start + offset + 1, expected));

        private bool IsInvalid(int line, int column) => (Invalid(line) & (1UL << column)) != 0;

        /// <summary>Every character outside A-Z, 0-9 and '&lt;', wherever it stands.</summary>
        private void CheckAlphabet()
        {
            for (int line = 0; line < lines.Count; line++)
            {
                string text = lines[line];

                // A clean line (nearly all of them) is passed over in one vectorised search.
                int first = text.AsSpan().IndexOfAnyExcept(MrzAlphabet);
                for (int column = first < 0 ? text.Length : first; column < text.Length; column++)
                {
                    if (CheckDigit.ValueOf(text[column]) < 0)
                    {
                        Invalid(line) |= 1UL << column;
                        MrzField field = MrzField.Layout;
                        foreach (Spec spec in layout)
                        {
                            if (spec.Line == line && column >= spec.Start && column < spec.Start + spec.Length)
                            {
                                field = spec.Field;
                                break;
                            }
                        }

                        Errors.Add(new MrzProblem(MrzCodes.CharacterInvalid, field, line + 1, column + 1));
                    }
                }
            }
        }

        private bool IsClean(Spec spec)
        {
            ulong mask = spec.Length >= 64 ? ulong.MaxValue : ((1UL << spec.Length) - 1) << spec.Start;
            return (Invalid(spec.Line) & mask) == 0;
        }

        /// <summary>Letters where digits belong, digits where letters belong, an impossible sex.</summary>
        private void CheckKind(Spec spec)
        {
            if (spec.Kind == Kind.Alphanumeric)
            {
                // Any MRZ character may stand here; CheckAlphabet has reported the others.
                return;
            }

            ReadOnlySpan<char> value = Slice(spec);
            if (IsClean(spec))
            {
                // The common case: one vectorised search for the first character of the wrong kind.
                int wrong = spec.Kind switch
                {
                    Kind.State or Kind.Name => value.IndexOfAnyInRange('0', '9'),
                    Kind.Date or Kind.CheckDigit => value.IndexOfAnyInRange('A', 'Z'),
                    _ => value.IndexOfAnyExcept(SexValues),
                };
                if (wrong >= 0)
                {
                    Error(spec.Kind switch { Kind.State or Kind.Name => MrzCodes.NotAlphabetic, Kind.Date or Kind.CheckDigit => MrzCodes.NotNumeric, _ => MrzCodes.SexInvalid }, spec, wrong);
                }

                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (IsInvalid(spec.Line, spec.Start + i))
                {
                    continue;
                }

                switch (spec.Kind)
                {
                    case Kind.State or Kind.Name when char.IsAsciiDigit(c):
                        Error(MrzCodes.NotAlphabetic, spec, i);
                        return;
                    case Kind.Date or Kind.CheckDigit when char.IsAsciiLetter(c):
                        Error(MrzCodes.NotNumeric, spec, i);
                        return;
                    case Kind.Sex when c is not ('M' or 'F' or 'X' or '<'):
                        Error(MrzCodes.SexInvalid, spec, i);
                        return;
                }
            }
        }

        private void CheckDocumentCode(MrzFormat format)
        {
            ReadOnlySpan<char> code = Slice(MrzField.DocumentCode);
            bool ok = format switch
            {
                MrzFormat.Td3 => code[0] == 'P',
                MrzFormat.MrvA or MrzFormat.MrvB => code[0] == 'V',
                MrzFormat.Td1 or MrzFormat.Td2 => code[0] is 'A' or 'C' or 'I',
                MrzFormat.FrenchIdentityCard1988 => code is "ID",
                MrzFormat.SwissDrivingLicence => true,
                MrzFormat.Unknown => false,
            };
            if (!ok && IsClean(Find(MrzField.DocumentCode)))
            {
                Error(MrzCodes.DocumentCodeInvalid, Find(MrzField.DocumentCode), 0);
            }
        }

        /// <summary>ICAO 9303-3 §5: ISO 3166-1 alpha-3 or an ICAO code; a withdrawn ISO code is a warning, anything else an error.</summary>
        private string CheckState(MrzField field)
        {
            Spec spec = Find(field);
            ReadOnlySpan<char> printed = Slice(spec).TrimEnd('<');
            if (!IsClean(spec) || printed.ContainsAnyInRange('0', '9'))
            {
                return printed.ToString();
            }

            // A known code comes back as the table's own string: no allocation on the common path.
            if (CountryCodes.Classify(printed, out string? canonical) != CountryCodeKind.Unknown)
            {
                return canonical!;
            }

            string code = printed.ToString();
            if (Withdrawn.Contains(code))
            {
                Warnings.Add(new MrzProblem(MrzCodes.StateWithdrawn, field, spec.Line + 1, spec.Start + 1));
            }
            else
            {
                Error(MrzCodes.StateUnknown, spec, 0);
            }

            return code;
        }

        /// <summary>
        /// Reads YYMMDD. A birth year goes to the latest century that puts the date in the past; an expiry
        /// year to this century unless that lies more than 50 years ahead. '&lt;&lt;' parts stay unknown.
        /// </summary>
        private MrzDate ReadDate(MrzField field, bool isBirth)
        {
            Spec spec = Find(field);
            ReadOnlySpan<char> s = Slice(spec);
            string line = lines[spec.Line];
            if (!IsClean(spec))
            {
                return new MrzDate(line, spec.Start, null, null, null);
            }

            int? yy = Pair(s[..2]), mm = Pair(s[2..4]), dd = Pair(s[4..6]);
            if (yy == -1 || mm == -1 || dd == -1)
            {
                // A letter was reported by CheckKind already; a lone '<' beside a digit is a malformed part.
                if (s.ContainsAnyInRange('A', 'Z'))
                {
                    return new MrzDate(line, spec.Start, null, null, null);
                }

                Error(MrzCodes.DateInvalid, spec, yy == -1 ? 0 : mm == -1 ? 2 : 4);
                return new MrzDate(line, spec.Start, null, null, null);
            }

            if (mm is < 1 or > 12)
            {
                Error(MrzCodes.DateInvalid, spec, 2);
                return new MrzDate(line, spec.Start, null, null, null);
            }

            int? year = null;
            if (yy is int y2)
            {
                int year4 = 2000 + y2;
                if (isBirth)
                {
                    // Compared as yyyymmdd numbers: an unknown month or day counts as the first.
                    if ((year4 * 10000) + ((mm ?? 1) * 100) + (dd ?? 1) > (today.Year * 10000) + (today.Month * 100) + today.Day)
                    {
                        year4 -= 100;
                    }
                }
                else if (year4 > today.Year + 50)
                {
                    year4 -= 100;
                }

                year = year4;
            }

            if (dd is int day && (day < 1 || day > (mm is int m && year is int yr ? DateTime.DaysInMonth(yr, m) : 31)))
            {
                Error(MrzCodes.DateInvalid, spec, 4);
                return new MrzDate(line, spec.Start, null, null, null);
            }

            return new MrzDate(line, spec.Start, year, mm, dd);
        }

        /// <summary>Two digits as a number; null for '&lt;&lt;'; -1 for anything else.</summary>
        private static int? Pair(ReadOnlySpan<char> s) =>
            s is "<<" ? null
            : char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) ? ((s[0] - '0') * 10) + (s[1] - '0')
            : -1;

        /// <summary>Checks a field against its check digit; suggests OCR corrections when it fails.</summary>
        private void Verify(MrzField field, MrzField checkField, bool emptyMayBeFiller)
        {
            Spec data = Find(field), check = Find(checkField);
            if (!IsClean(data) || !IsClean(check))
            {
                return;
            }

            ReadOnlySpan<char> value = Slice(data);
            char digit = Slice(check)[0];
            int expected = CheckDigit.Compute(value);
            if (emptyMayBeFiller && !value.ContainsAnyExcept('<') && digit is '<' or '0')
            {
                return;
            }

            if (digit - '0' == expected)
            {
                return;
            }

            Error(MrzCodes.CheckDigitMismatch, check, 0, ((char)('0' + expected)).ToString());
            Suggest(data, check, value, digit, numericOnly: data.Kind == Kind.Date);
        }

        /// <summary>
        /// TD1 and TD2 hold a document number longer than 9 characters by putting '&lt;' in the check digit's
        /// place and continuing in the optional data, ending with the check digit (ICAO 9303-5 §4.2.4 note j,
        /// 9303-6 §4.2.2). States disagree on whether that '&lt;' counts toward the check digit; both readings
        /// are accepted.
        /// </summary>
        private string VerifyDocumentNumberWithOverflow(ref string optional, ref char documentCheck)
        {
            Spec number = Find(MrzField.DocumentNumber), check = Find(MrzField.DocumentNumberCheckDigit), extra = Find(MrzField.OptionalData);
            ReadOnlySpan<char> first = Slice(number);
            documentCheck = Slice(check)[0];
            if (documentCheck != '<' || !IsClean(check))
            {
                Verify(MrzField.DocumentNumber, MrzField.DocumentNumberCheckDigit, emptyMayBeFiller: false);
                return first.TrimEnd('<').ToString();
            }

            ReadOnlySpan<char> tail = Slice(extra);
            int end = tail.IndexOf('<');
            if (end < 0)
            {
                end = tail.Length;
            }

            if (end == 0 || !IsClean(extra))
            {
                // '<' in the check digit's place with nothing after it: the check digit is missing.
                if (IsClean(extra))
                {
                    Error(MrzCodes.CheckDigitMismatch, check, 0, ((char)('0' + CheckDigit.Compute(first))).ToString());
                }

                return first.TrimEnd('<').ToString();
            }

            ReadOnlySpan<char> overflow = tail[..(end - 1)];
            char digit = tail[end - 1];
            documentCheck = digit;
            string full = string.Concat(first, overflow);
            string withFiller = string.Concat(first, "<", overflow);
            int expected = CheckDigit.Compute(full);
            var digitSpec = new Spec(MrzField.DocumentNumberCheckDigit, extra.Line, extra.Start + end - 1, 1, Kind.CheckDigit);
            if (!char.IsAsciiDigit(digit))
            {
                Error(MrzCodes.NotNumeric, digitSpec, 0);
            }
            else if (digit - '0' != expected && digit - '0' != CheckDigit.Compute(withFiller))
            {
                Error(MrzCodes.CheckDigitMismatch, digitSpec, 0, ((char)('0' + expected)).ToString());
            }

            optional = tail[end..].Trim('<').ToString();
            return full.TrimEnd('<');
        }

        private void VerifyComposite(MrzFormat format)
        {
            if (!Has(MrzField.CompositeCheckDigit))
            {
                return;
            }

            (int Line, int Start, int End)[] parts = format switch
            {
                MrzFormat.Td3 => Td3Composite,
                MrzFormat.Td2 => Td2Composite,
                MrzFormat.Td1 => Td1Composite,
                MrzFormat.FrenchIdentityCard1988 => French1988Composite,
                _ => [],
            };
            Spec check = Find(MrzField.CompositeCheckDigit);
            int sum = 0, offset = 0;
            foreach ((int line, int start, int end) in parts)
            {
                if (!CheckDigit.Accumulate(ref sum, ref offset, lines[line].AsSpan(start, end - start)))
                {
                    return;
                }
            }

            char digit = Slice(check)[0];
            if (IsClean(check) && digit - '0' != sum % 10)
            {
                Error(MrzCodes.CheckDigitMismatch, check, 0, ((char)('0' + (sum % 10))).ToString());
            }
        }

        /// <summary>Offers single-character OCR corrections (O/0, I/1, B/8, S/5, Z/2) that make the check digit pass.</summary>
        private void Suggest(Spec data, Spec check, ReadOnlySpan<char> value, char digit, bool numericOnly)
        {
            Span<char> candidate = stackalloc char[value.Length];

            // The check digit itself read as a letter.
            if (OcrTwin(digit) is char d && char.IsAsciiDigit(d) && d - '0' == CheckDigit.Compute(value))
            {
                Suggestions.Add(new MrzSuggestion(check.Field, check.Line + 1, check.Start + 1, digit, d, d.ToString()));
            }

            if (!char.IsAsciiDigit(digit))
            {
                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char twin = OcrTwin(value[i]);
                if (twin == '\0' || (numericOnly && !char.IsAsciiDigit(twin)))
                {
                    continue;
                }

                value.CopyTo(candidate);
                candidate[i] = twin;
                if (CheckDigit.Compute(candidate) == digit - '0')
                {
                    Suggestions.Add(new MrzSuggestion(data.Field, data.Line + 1, data.Start + i + 1, value[i], twin, candidate.TrimEnd('<').ToString()));
                }
            }
        }

        /// <summary>ICAO 9303-3 §4.6: primary and secondary identifiers separated by '&lt;&lt;'; a name that reaches the field's end may be truncated.</summary>
        private (string Surname, string Given, bool Truncated) ReadName(MrzFormat format)
        {
            if (format == MrzFormat.FrenchIdentityCard1988)
            {
                ReadOnlySpan<char> surnameField = Slice(French1988Layout[2]), givenField = Slice(French1988Layout[6]);
                return (Words(surnameField), Words(givenField), surnameField[^1] != '<' || givenField[^1] != '<');
            }

            ReadOnlySpan<char> field = Slice(MrzField.Name);
            bool truncated = field[^1] != '<';
            ReadOnlySpan<char> name = field.TrimEnd('<');
            int split = name.IndexOf("<<", StringComparison.Ordinal);
            return split < 0 ? (Words(name), string.Empty, truncated) : (Words(name[..split]), Words(name[(split + 2)..]), truncated);
        }

        /// <summary>Fillers become single spaces; no leading or trailing space.</summary>
        private static string Words(ReadOnlySpan<char> s)
        {
            s = s.Trim('<');
            Span<char> buffer = stackalloc char[s.Length];
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] != '<')
                {
                    buffer[n++] = s[i];
                }
                else if (n > 0 && buffer[n - 1] != ' ')
                {
                    buffer[n++] = ' ';
                }
            }

            return buffer[..n].ToString();
        }

        /// <summary>A Libyan passport may carry the holder's National Number as personal number: sex and year must agree.</summary>
        private void CrossCheckLibyanNumber(string number, char sex, MrzDate birth)
        {
            Spec spec = Find(MrzField.OptionalData);
            if (!LibyanNationalNumber.TryRead(number, out char numberSex, out int year))
            {
                Warnings.Add(new MrzProblem(MrzCodes.NationalNumberInvalid, MrzField.NationalNumber, spec.Line + 1, spec.Start + 1));
                return;
            }

            if ((sex is 'M' or 'F' && sex != numberSex) || (birth.Year is int y && y != year))
            {
                Warnings.Add(new MrzProblem(MrzCodes.NationalNumberMismatch, MrzField.NationalNumber, spec.Line + 1, spec.Start + 1));
            }
        }
    }
}
