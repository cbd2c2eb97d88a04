using Maabar.Documents;

namespace Maabar.Domain;

/// <summary>A listed document as typed: type, number, issuing state.</summary>
public sealed record ListedDocumentInput(string? Type, string? Number, string? IssuingState);

/// <summary>
/// A watchlist entry as submitted (API or form), before validation; every field raw. Field names are
/// the API's. A person entry uses the identity fields of passages.
/// </summary>
public sealed record WatchlistEntryInput(
    string? Kind = null,
    string? Category = null,
    string? Reference = null,
    string? FullNameArabic = null,
    string? FullNameLatin = null,
    string? Sex = null,
    string? Nationality = null,
    string? FatherName = null,
    string? GrandfatherName = null,
    string? MotherName = null,
    IReadOnlyList<string>? Aliases = null,
    IReadOnlyList<string>? BirthDates = null,
    IReadOnlyList<ListedDocumentInput>? Documents = null,
    string? VehiclePlate = null,
    string? VehicleCountry = null,
    string? LegalBasis = null,
    string? ReviewDate = null,
    string? ExpiryDate = null,
    IReadOnlyList<string>? ShareWith = null);

/// <summary>Validates a <see cref="WatchlistEntryInput"/> and writes it onto an entry.</summary>
public static class WatchlistEntryRules
{
    /// <summary>Most aliases per entry.</summary>
    public const int MaxAliases = 50;

    /// <summary>Most dates of birth per entry.</summary>
    public const int MaxBirthDates = 10;

    /// <summary>Most documents per entry.</summary>
    public const int MaxDocuments = 20;

    /// <summary>Longest national reference.</summary>
    public const int MaxReferenceLength = 64;

    /// <summary>Longest legal basis.</summary>
    public const int MaxLegalBasisLength = 500;

    /// <summary>The category as the API spells it (camelCase or kebab-case), or null.</summary>
    /// <param name="text">The text.</param>
    public static WatchlistCategory? ParseCategory(string? text)
    {
        string? key = text?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        return Enum.TryParse(key, ignoreCase: true, out WatchlistCategory c) && Enum.IsDefined(c) && !int.TryParse(key, out _) ? c : null;
    }

    /// <summary>
    /// Checks <paramref name="input"/> and, when it has no errors, writes it onto <paramref name="entry"/>
    /// (not touching id, owner, version or dates of creation). Returns every problem found.
    /// </summary>
    /// <param name="input">The entry as submitted.</param>
    /// <param name="entry">The entry to fill.</param>
    /// <param name="today">Today, for dates of birth.</param>
    /// <param name="owner">The owner agency (cannot share with itself).</param>
    /// <param name="knownAgencies">The agencies this node exchanges with.</param>
    public static IReadOnlyList<ValidationError> Apply(WatchlistEntryInput input, WatchlistEntry entry, DateOnly today, string owner, IReadOnlyCollection<string> knownAgencies)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(knownAgencies);
        var errors = new List<ValidationError>();

        EntryKind kind = EntryKind.Person;
        if (IdentityRules.Blank(input.Kind) is { } kindText)
        {
            if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            {
                errors.Add(new ValidationError(ErrorCodes.EntryKindInvalid, "kind"));
            }
        }

        WatchlistCategory? category = ParseCategory(input.Category);
        if (category is null)
        {
            errors.Add(new ValidationError(input.Category is null ? ErrorCodes.Required : ErrorCodes.CategoryInvalid, "category"));
        }

        string? reference = IdentityRules.CleanText(input.Reference, "reference", MaxReferenceLength, errors);
        if (reference is null && !errors.Exists(e => e.Field == "reference"))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "reference"));
        }

        string? legalBasis = IdentityRules.CleanText(input.LegalBasis, "legalBasis", MaxLegalBasisLength, errors);
        DateOnly? reviewDate = ParseDay(input.ReviewDate, "reviewDate", errors);
        DateOnly? expiryDate = ParseDay(input.ExpiryDate, "expiryDate", errors);

        // Person fields: the passage identity's rules (names, first date of birth, sex, nationality, parents).
        IReadOnlyList<string> birthDates = input.BirthDates ?? [];
        TravellerIdentity? identity = null;
        if (kind == EntryKind.Person)
        {
            IdentityValidation person = IdentityRules.Validate(
                new IdentityInput(input.FullNameArabic, input.FullNameLatin, birthDates.Count > 0 ? birthDates[0] : null, input.Sex, input.Nationality, input.FatherName, input.GrandfatherName, input.MotherName),
                today,
                fieldPrefix: string.Empty);
            errors.AddRange(person.Errors.Select(e => e.Field == "birthDate" ? e with { Field = "birthDates[0]" } : e));
            identity = person.Identity;
        }

        var aliases = new List<string>();
        IReadOnlyList<string> aliasInput = input.Aliases ?? [];
        if (aliasInput.Count > MaxAliases)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "aliases"));
        }
        else
        {
            for (int i = 0; i < aliasInput.Count; i++)
            {
                if (IdentityRules.CleanText(aliasInput[i], $"aliases[{i}]", IdentityRules.MaxNameLength, errors) is { } alias && !aliases.Contains(alias, StringComparer.Ordinal))
                {
                    aliases.Add(alias);
                }
            }
        }

        var otherBirthDates = new List<string>();
        if (birthDates.Count > MaxBirthDates)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "birthDates"));
        }
        else
        {
            for (int i = 1; i < birthDates.Count; i++)
            {
                string? code = PartialDate.TryParse((birthDates[i] ?? string.Empty).Trim(), out PartialDate date);
                if (code is not null)
                {
                    errors.Add(new ValidationError(code, $"birthDates[{i}]"));
                }
                else if (date.Earliest > today)
                {
                    errors.Add(new ValidationError(ErrorCodes.BirthDateInFuture, $"birthDates[{i}]"));
                }
                else
                {
                    otherBirthDates.Add(date.ToString());
                }
            }
        }

        var documents = new List<ListedDocument>();
        IReadOnlyList<ListedDocumentInput> documentInput = input.Documents ?? [];
        if (documentInput.Count > MaxDocuments)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, "documents"));
        }
        else
        {
            for (int i = 0; i < documentInput.Count; i++)
            {
                ListedDocumentInput d = documentInput[i];
                string? number = IdentityRules.UpperAscii(IdentityRules.Blank(d.Number)?.Replace(" ", string.Empty, StringComparison.Ordinal));
                if (number is null)
                {
                    errors.Add(new ValidationError(ErrorCodes.Required, $"documents[{i}].number"));
                    continue;
                }

                if (number.Length > 30 || !number.All(char.IsAsciiLetterOrDigit))
                {
                    errors.Add(new ValidationError(ErrorCodes.InvalidCharacters, $"documents[{i}].number"));
                    continue;
                }

                string? state = IdentityRules.UpperAscii(IdentityRules.Blank(d.IssuingState));
                if (state is not null && CountryCodes.Classify(state) == CountryCodeKind.Unknown)
                {
                    errors.Add(new ValidationError(ErrorCodes.CountryCodeInvalid, $"documents[{i}].issuingState"));
                    continue;
                }

                string type = IdentityRules.Blank(d.Type) is { } t && t.Length <= 20 ? t : "other";
                documents.Add(new ListedDocument { Type = type, Number = number, IssuingState = state });
            }
        }

        string? plate = IdentityRules.UpperAscii(IdentityRules.Blank(input.VehiclePlate)?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal));
        string? plateCountry = IdentityRules.UpperAscii(IdentityRules.Blank(input.VehicleCountry));
        if (kind == EntryKind.Vehicle)
        {
            if (plate is null)
            {
                errors.Add(new ValidationError(ErrorCodes.EntryIncomplete, "vehiclePlate"));
            }
            else if (plate.Length > 20)
            {
                errors.Add(new ValidationError(ErrorCodes.TooLong, "vehiclePlate"));
            }

            if (plateCountry is not null && CountryCodes.Classify(plateCountry) == CountryCodeKind.Unknown)
            {
                errors.Add(new ValidationError(ErrorCodes.CountryCodeInvalid, "vehicleCountry"));
            }
        }

        if (kind == EntryKind.Document && documents.Count == 0 && !errors.Exists(e => e.Field.StartsWith("documents", StringComparison.Ordinal)))
        {
            errors.Add(new ValidationError(ErrorCodes.EntryIncomplete, "documents"));
        }

        var share = new List<string>();
        foreach (string agency in input.ShareWith ?? [])
        {
            string code = (agency ?? string.Empty).Trim().ToUpperInvariant();
            if (code == owner)
            {
                continue;
            }

            if (!knownAgencies.Contains(code))
            {
                errors.Add(new ValidationError(ErrorCodes.ShareAgencyUnknown, "shareWith"));
                break;
            }

            if (!share.Contains(code, StringComparer.Ordinal))
            {
                share.Add(code);
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        entry.Kind = kind;
        entry.Category = category!.Value;
        entry.Reference = reference!;
        entry.LegalBasis = legalBasis;
        entry.ReviewDate = reviewDate;
        entry.ExpiryDate = expiryDate;
        entry.Aliases = aliases;
        entry.OtherBirthDates = otherBirthDates;
        entry.Documents = documents;
        entry.SharedWith = string.Join(',', share);
        if (kind == EntryKind.Person)
        {
            entry.SetNames(identity!.FullNameArabic, identity.FullNameLatin);
            entry.BirthDate = identity.BirthDate;
            entry.Sex = identity.Sex;
            entry.Nationality = identity.Nationality;
            entry.FatherName = identity.FatherName;
            entry.GrandfatherName = identity.GrandfatherName;
            entry.MotherName = identity.MotherName;
            entry.VehiclePlate = null;
            entry.VehicleCountry = null;
        }
        else
        {
            entry.SetNames(null, null);
            entry.BirthDate = null;
            entry.Sex = Sex.Unknown;
            entry.Nationality = null;
            entry.FatherName = entry.GrandfatherName = entry.MotherName = null;
            entry.VehiclePlate = kind == EntryKind.Vehicle ? plate : null;
            entry.VehicleCountry = kind == EntryKind.Vehicle ? plateCountry : null;
        }

        // A person shared with a partner needs more than a bare name.
        if (kind == EntryKind.Person && share.Count > 0 && !WatchlistRules.HasMinimumIdentifiers(entry))
        {
            return [new ValidationError(ErrorCodes.EntryMinimumIdentifiers, "shareWith")];
        }

        return [];
    }

    private static DateOnly? ParseDay(string? text, string field, List<ValidationError> errors)
    {
        string? value = IdentityRules.Blank(text);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly day))
        {
            return day;
        }

        errors.Add(new ValidationError(ErrorCodes.DateFormat, field));
        return null;
    }
}
