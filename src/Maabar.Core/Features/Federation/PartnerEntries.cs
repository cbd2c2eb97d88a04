using System.Globalization;
using Maabar.Core.Features.Watchlists;
using Maabar.Documents;
using Maabar.Domain;

namespace Maabar.Core.Features.Federation;

/// <summary>
/// What a partner sends is raw input: it goes through the rules that input typed here obeys, so a partner's
/// entry or clearance can be no less complete, no longer and no stranger than one of ours. Missing
/// collections (<c>aliases: null</c>) and missing items break the contract and are refused, never an exception.
/// </summary>
internal static class PartnerEntries
{
    /// <summary>True when every list of the entry is present and holds no missing item, as the contract promises.</summary>
    public static bool IsWellFormed(EntryView view) =>
        view.Aliases is not null && view.BirthDates is not null && view.Documents is not null && view.ShareWith is not null
        && !view.Aliases.Contains(null!) && !view.BirthDates.Contains(null!) && !view.Documents.Contains(null!) && !view.ShareWith.Contains(null!);

    /// <summary>The entry as if typed into the entry form, so <see cref="WatchlistEntryRules.Apply"/> judges it.</summary>
    public static WatchlistEntryInput ToInput(EntryView view) => new(
        Kind: view.Kind.ToString(),
        Category: view.Category.ToString(),
        Reference: view.Reference,
        FullNameArabic: view.FullNameArabic,
        FullNameLatin: view.FullNameLatin,
        Sex: view.Sex switch
        {
            Sex.Male => "M",
            Sex.Female => "F",
            Sex.Unspecified => "X",
            _ => null,
        },
        Nationality: view.Nationality,
        FatherName: view.FatherName,
        GrandfatherName: view.GrandfatherName,
        MotherName: view.MotherName,
        Aliases: view.Aliases,
        BirthDates: view.BirthDates,
        Documents: view.Documents,
        VehiclePlate: view.VehiclePlate,
        VehicleCountry: view.VehicleCountry,
        LegalBasis: view.LegalBasis,
        ReviewDate: view.ReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ExpiryDate: view.ExpiryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ShareWith: view.ShareWith);

    /// <summary>Copies what the rules accepted (<paramref name="checkedEntry"/>) onto the stored copy of the partner's entry.</summary>
    public static void Copy(WatchlistEntry checkedEntry, WatchlistEntry entry)
    {
        entry.Kind = checkedEntry.Kind;
        entry.Category = checkedEntry.Category;
        entry.Reference = checkedEntry.Reference;
        entry.SetNames(checkedEntry.FullNameArabic, checkedEntry.FullNameLatin);
        entry.Sex = checkedEntry.Sex;
        entry.Nationality = checkedEntry.Nationality;
        entry.FatherName = checkedEntry.FatherName;
        entry.GrandfatherName = checkedEntry.GrandfatherName;
        entry.MotherName = checkedEntry.MotherName;
        entry.Aliases = [.. checkedEntry.Aliases];
        entry.BirthDate = checkedEntry.BirthDate;
        entry.OtherBirthDates = [.. checkedEntry.OtherBirthDates];
        entry.Documents = [.. checkedEntry.Documents];
        entry.VehiclePlate = checkedEntry.VehiclePlate;
        entry.VehicleCountry = checkedEntry.VehicleCountry;
        entry.LegalBasis = checkedEntry.LegalBasis;
        entry.ReviewDate = checkedEntry.ReviewDate;
        entry.ExpiryDate = checkedEntry.ExpiryDate;
        entry.SharedWith = checkedEntry.SharedWith;
    }

    /// <summary>A clearance notice's fields obey the rules of a clearance issued here: a document, its issuer, a date of birth not in the future.</summary>
    public static bool IsValid(ClearanceNoticePayload notice, DateOnly today)
    {
        if (notice.DocumentNumber is not { Length: > 0 and <= 30 } number || !number.All(char.IsAsciiLetterOrDigit)
            || notice.IssuingState is not { Length: 3 } state || CountryCodes.Classify(state) == CountryCodeKind.Unknown
            || notice.EntryVersion < 1)
        {
            return false;
        }

        return notice.BirthDate is null || (PartialDate.TryParse(notice.BirthDate, out PartialDate birth) is null && birth.Earliest <= today);
    }
}
