using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Watchlist;

/// <summary>The entry form as posted: lists are typed one item per line.</summary>
public sealed class EntryForm
{
    public string? Kind { get; set; } = "person";
    public string? Category { get; set; }
    public string? Reference { get; set; }
    public string? FullNameArabic { get; set; }
    public string? FullNameLatin { get; set; }
    public string? Sex { get; set; }
    public string? Nationality { get; set; }
    public string? FatherName { get; set; }
    public string? GrandfatherName { get; set; }
    public string? MotherName { get; set; }
    public string? Aliases { get; set; }
    public string? BirthDates { get; set; }

    /// <summary>One document per line: type, number, issuing state, separated by spaces.</summary>
    public string? Documents { get; set; }
    public string? VehiclePlate { get; set; }
    public string? VehicleCountry { get; set; }
    public string? LegalBasis { get; set; }
    public string? ReviewDate { get; set; }
    public string? ExpiryDate { get; set; }
    public List<string> ShareWith { get; set; } = [];

    public WatchlistEntryInput ToInput() => new(
        Kind, Category, Reference, FullNameArabic, FullNameLatin, Sex, Nationality, FatherName, GrandfatherName, MotherName,
        Lines(Aliases), Lines(BirthDates),
        [.. Lines(Documents).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(parts => parts.Length switch
        {
            1 => new ListedDocumentInput(null, parts[0], null),
            2 => new ListedDocumentInput(parts[0], parts[1], null),
            _ => new ListedDocumentInput(parts[0], parts[1], parts[2]),
        })],
        VehiclePlate, VehicleCountry, LegalBasis, ReviewDate, ExpiryDate, ShareWith);

    public static EntryForm From(EntryView e) => new()
    {
        Kind = e.Kind.ToString().ToLowerInvariant(),
        Category = e.Category.ToString(),
        Reference = e.Reference,
        FullNameArabic = e.FullNameArabic,
        FullNameLatin = e.FullNameLatin,
        Sex = e.Sex switch { Domain.Sex.Male => "M", Domain.Sex.Female => "F", Domain.Sex.Unspecified => "X", _ => null },
        Nationality = e.Nationality,
        FatherName = e.FatherName,
        GrandfatherName = e.GrandfatherName,
        MotherName = e.MotherName,
        Aliases = string.Join('\n', e.Aliases),
        BirthDates = string.Join('\n', e.BirthDates),
        Documents = string.Join('\n', e.Documents.Select(d => $"{d.Type} {d.Number} {d.IssuingState}".Trim())),
        VehiclePlate = e.VehiclePlate,
        VehicleCountry = e.VehicleCountry,
        LegalBasis = e.LegalBasis,
        ReviewDate = e.ReviewDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ExpiryDate = e.ExpiryDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ShareWith = [.. e.ShareWith],
    };

    private static string[] Lines(string? text) => text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One entry: read it (audited), and for the owner's supervisors, create or change it; its history below.</summary>
public sealed class EntryModel(ReadEntries read, SaveEntry save) : PageModel
{
    [BindProperty]
    public EntryForm Form { get; set; } = new();

    public EntryView? Entry { get; private set; }

    public IReadOnlyList<EntryRevisionView> History { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public bool CanEdit => User.IsInRole(Roles.Supervisor) && (Entry is null || Entry.OwnerAgency == User.FindFirst(Core.Data.MaabarClaims.Agency)?.Value);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal))?.Code;

    public async Task<IActionResult> OnGetAsync(Guid? id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        if (id is null)
        {
            return CanEdit ? Page() : Forbid();
        }

        Entry = await read.GetAsync(User.ToActor(), id.Value, "ui.watchlist.entry", ct);
        if (Entry is null)
        {
            return NotFound();
        }

        Form = EntryForm.From(Entry);
        History = await read.HistoryAsync(User.ToActor(), id.Value, ct) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        SaveEntryResult result = id is null
            ? await save.CreateAsync(User.ToActor(), Form.ToInput(), ct)
            : await save.UpdateAsync(User.ToActor(), id.Value, Form.ToInput(), ct);
        switch (result.Outcome)
        {
            case SaveEntryOutcome.Saved:
                return RedirectToPage("/Watchlist/Entry", new { id = result.Entry!.Id, saved = true });
            case SaveEntryOutcome.NotFound:
                return NotFound();
            case SaveEntryOutcome.Forbidden:
                return Forbid();
            default:
                Errors = result.Errors ?? [];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                if (id is not null)
                {
                    Entry = await read.GetAsync(User.ToActor(), id.Value, "ui.watchlist.entry", ct);
                    History = await read.HistoryAsync(User.ToActor(), id.Value, ct) ?? [];
                }

                return Page();
        }
    }
}
