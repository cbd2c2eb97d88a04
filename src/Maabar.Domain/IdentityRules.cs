using Maabar.Documents;
using Maabar.Names;

namespace Maabar.Domain;

/// <summary>The outcome of validating an <see cref="IdentityInput"/>: either an identity or a non-empty list of errors.</summary>
/// <param name="Identity">The validated identity; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, not only the first.</param>
public sealed record IdentityValidation(TravellerIdentity? Identity, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>True when the input is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates identities presented at a crossing. Pure and thread-safe; never throws on bad input.
/// </summary>
public static class IdentityRules
{
    /// <summary>Longest accepted name field, in UTF-16 code units.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest accepted document number (ICAO 9303 TD1 allows 9 digits plus an overflow of up to 15 more).</summary>
    public const int MaxDocumentNumberLength = 30;

    /// <summary>The earliest year of birth accepted.</summary>
    public const int EarliestBirthYear = 1900;

    /// <summary>
    /// Validates <paramref name="input"/>. Names are trimmed and must hold letters; dates must exist; a date
    /// of birth may not lie after <paramref name="today"/>; state codes must be ISO 3166-1 alpha-3 (or ICAO
    /// travel-document codes for issuing states); a document needs a number and an issuing state.
    /// </summary>
    /// <param name="input">The raw input.</param>
    /// <param name="today">Today's date at the crossing, from the caller's clock.</param>
    /// <param name="fieldPrefix">Prefix for error field names (e.g. <c>identity</c>).</param>
    public static IdentityValidation Validate(IdentityInput input, DateOnly today, string fieldPrefix = "identity")
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        string F(string name) => fieldPrefix.Length == 0 ? name : fieldPrefix + "." + name;

        string? arabic = CleanText(input.FullNameArabic, F("fullNameArabic"), MaxNameLength, errors);
        string? latin = CleanText(input.FullNameLatin, F("fullNameLatin"), MaxNameLength, errors);
        string? father = CleanText(input.FatherName, F("fatherName"), MaxNameLength, errors);
        string? grandfather = CleanText(input.GrandfatherName, F("grandfatherName"), MaxNameLength, errors);
        string? mother = CleanText(input.MotherName, F("motherName"), MaxNameLength, errors);

        bool hasArabic = arabic is not null && NameNormalizer.CompactKey(arabic).Length > 0;
        bool hasLatin = latin is not null && NameNormalizer.CompactKey(latin).Length > 0;
        if (!hasArabic && !hasLatin && !errors.Exists(e => e.Field == F("fullNameArabic") || e.Field == F("fullNameLatin")))
        {
            errors.Add(new ValidationError(ErrorCodes.NameRequired, F("fullNameArabic")));
        }

        PartialDate? birthDate = null;
        string? birthText = Blank(input.BirthDate);
        if (birthText is not null)
        {
            string? code = PartialDate.TryParse(birthText, out PartialDate parsed);
            if (code is not null)
            {
                errors.Add(new ValidationError(code, F("birthDate")));
            }
            else if (parsed.Earliest > today)
            {
                errors.Add(new ValidationError(ErrorCodes.BirthDateInFuture, F("birthDate")));
            }
            else if (parsed.Year < EarliestBirthYear)
            {
                errors.Add(new ValidationError(ErrorCodes.BirthDateTooEarly, F("birthDate")));
            }
            else
            {
                birthDate = parsed;
            }
        }

        Sex sex = Sex.Unknown;
        string? sexText = Blank(input.Sex);
        if (sexText is not null)
        {
            sex = sexText switch
            {
                "M" or "m" => Sex.Male,
                "F" or "f" => Sex.Female,
                "X" or "x" => Sex.Unspecified,
                _ => Sex.Unknown,
            };
            if (sex == Sex.Unknown)
            {
                errors.Add(new ValidationError(ErrorCodes.SexInvalid, F("sex")));
            }
        }

        string? nationality = UpperAscii(Blank(input.Nationality));
        if (nationality is not null && CountryCodes.Classify(nationality) == CountryCodeKind.Unknown)
        {
            errors.Add(new ValidationError(ErrorCodes.CountryCodeInvalid, F("nationality")));
        }

        TravelDocumentInfo? document = ValidateDocument(input, F, errors);
        string? nationalNumber = UpperAscii(Blank(input.NationalNumber)?.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (nationalNumber is not null && !NationalNumberIsWellFormed(nationalNumber, nationality))
        {
            errors.Add(new ValidationError(ErrorCodes.NationalNumberInvalid, F("nationalNumber")));
        }

        if (errors.Count > 0)
        {
            return new IdentityValidation(null, errors);
        }

        var identity = new TravellerIdentity
        {
            FullNameArabic = hasArabic ? arabic : null,
            FullNameLatin = hasLatin ? latin : null,
            BirthDate = birthDate,
            Sex = sex,
            Nationality = nationality,
            FatherName = father,
            GrandfatherName = grandfather,
            MotherName = mother,
            NationalNumber = nationalNumber,
            Document = document,
        };
        return new IdentityValidation(identity, errors);
    }

    /// <summary>The national number's form by nationality: 8 digits for Tunisia, the Libyan rule for Libya, 1 to 20 letters or digits elsewhere.</summary>
    private static bool NationalNumberIsWellFormed(string number, string? nationality) => nationality switch
    {
        AgencyCode.Tunisia => TunisianIdNumber.IsWellFormed(number),
        AgencyCode.Libya => LibyanNationalNumber.TryRead(number, out _, out _),
        _ => number.Length <= 20 && IsAsciiAlphanumeric(number),
    };

    /// <summary>
    /// Warnings for the officer when a national number disagrees with the rest of the identity: a Libyan
    /// National Number whose sex digit or year of birth differs; a Tunisian CIN that differs from the
    /// number of the Tunisian identity card presented. Pure; never throws.
    /// </summary>
    /// <param name="nationalNumber">The national number, or null.</param>
    /// <param name="nationality">Nationality, alpha-3.</param>
    /// <param name="sex">Sex.</param>
    /// <param name="birthDate">Date of birth, possibly partial.</param>
    /// <param name="document">The document presented, or null.</param>
    public static IReadOnlyList<ValidationError> CrossCheckNationalNumber(string? nationalNumber, string? nationality, Sex sex, PartialDate? birthDate, TravelDocumentInfo? document)
    {
        if (nationalNumber is null)
        {
            return [];
        }

        bool mismatch = nationality switch
        {
            AgencyCode.Libya => LibyanNationalNumber.TryRead(nationalNumber, out char numberSex, out int year)
                && ((sex == Sex.Male && numberSex != 'M') || (sex == Sex.Female && numberSex != 'F') || (birthDate is { } b && b.Year != year)),
            AgencyCode.Tunisia => document is { IssuingState: AgencyCode.Tunisia } d && d.Type.StartsWith('I') && d.Number != nationalNumber,
            _ => false,
        };
        return mismatch ? [new ValidationError(ErrorCodes.NationalNumberMismatch, "identity.nationalNumber")] : [];
    }

    private static TravelDocumentInfo? ValidateDocument(IdentityInput input, Func<string, string> f, List<ValidationError> errors)
    {
        string? type = UpperAscii(Blank(input.DocumentType));
        string? number = UpperAscii(Blank(input.DocumentNumber)?.Replace(" ", string.Empty, StringComparison.Ordinal));
        string? state = UpperAscii(Blank(input.DocumentIssuingState));
        string? expiryText = Blank(input.DocumentExpiryDate);
        if (type is null && number is null && state is null && expiryText is null)
        {
            return null;
        }

        int before = errors.Count;
        if (number is null)
        {
            errors.Add(new ValidationError(ErrorCodes.DocumentIncomplete, f("documentNumber")));
        }
        else if (number.Length > MaxDocumentNumberLength)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, f("documentNumber")));
        }
        else if (!IsAsciiAlphanumeric(number))
        {
            errors.Add(new ValidationError(ErrorCodes.InvalidCharacters, f("documentNumber")));
        }

        if (state is null)
        {
            errors.Add(new ValidationError(ErrorCodes.DocumentIncomplete, f("documentIssuingState")));
        }
        else if (CountryCodes.Classify(state) == CountryCodeKind.Unknown)
        {
            errors.Add(new ValidationError(ErrorCodes.CountryCodeInvalid, f("documentIssuingState")));
        }

        if (type is not null && (type.Length > 2 || !IsAsciiAlphanumeric(type)))
        {
            errors.Add(new ValidationError(ErrorCodes.InvalidCharacters, f("documentType")));
        }

        DateOnly? expiry = null;
        if (expiryText is not null)
        {
            string? code = PartialDate.TryParse(expiryText, out PartialDate parsed);
            if (code is not null)
            {
                errors.Add(new ValidationError(code, f("documentExpiryDate")));
            }
            else if (!parsed.IsComplete)
            {
                errors.Add(new ValidationError(ErrorCodes.DateFormat, f("documentExpiryDate")));
            }
            else
            {
                expiry = parsed.Earliest;
            }
        }

        return errors.Count > before ? null : new TravelDocumentInfo(type ?? "P", number!, state!, expiry);
    }

    /// <summary>
    /// Trims a free-text field; null when blank. Rejects control characters and bidi embeddings or
    /// overrides (they can disguise a name on screen); drops the harmless directional marks LRM, RLM, ALM.
    /// </summary>
    internal static string? CleanText(string? value, string field, int maxLength, List<ValidationError> errors)
    {
        if (value is null)
        {
            return null;
        }

        string cleaned = value.Replace("\u200E", string.Empty, StringComparison.Ordinal) // LEFT-TO-RIGHT MARK
            .Replace("\u200F", string.Empty, StringComparison.Ordinal) // RIGHT-TO-LEFT MARK
            .Replace("\u061C", string.Empty, StringComparison.Ordinal) // ARABIC LETTER MARK
            .Trim();
        if (cleaned.Length == 0)
        {
            return null;
        }

        if (cleaned.Length > maxLength)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, field));
            return null;
        }

        foreach (char c in cleaned)
        {
            if (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                errors.Add(new ValidationError(ErrorCodes.InvalidCharacters, field));
                return null;
            }
        }

        return cleaned;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static string? UpperAscii(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return string.Create(value.Length, value, static (span, v) =>
        {
            for (int i = 0; i < v.Length; i++)
            {
                char c = v[i];
                span[i] = char.IsAsciiLetterLower(c) ? (char)(c - 32) : c;
            }
        });
    }

    private static bool IsAsciiAlphanumeric(string value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
