using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Passages;

/// <summary>
/// The officer's screen: choose crossing and lane once (remembered in a cookie), enter or paste the
/// traveller's data, one action records a clear traveller. A referral opens the passage with the candidate.
/// </summary>
public sealed class NewModel(ListCrossings crossings, RecordPassage record, Problems problems) : PageModel
{
    private const string LaneCookie = "maabar.lane";

    public IReadOnlyList<CrossingView> Crossings { get; private set; } = [];

    [BindProperty]
    public PassageForm Input { get; set; } = new();

    /// <summary>The passage just cleared (after the redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Cleared { get; set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The code of a problem with the request as a whole (closed lane...), shown above the form.</summary>
    public string? FormErrorCode { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Request.Cookies.TryGetValue(LaneCookie, out string? saved))
        {
            Input.Post = saved;
        }

        Input.RequestKey = Guid.CreateVersion7().ToString();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // One select gives crossing and lane ("TN-LY-RASJEDIR|CAR-IN-1"); the lane gives the direction.
        await LoadAsync(ct);
        string[] post = (Input.Post ?? string.Empty).Split('|');
        string? crossingId = post.Length == 2 ? post[0] : null;
        string? laneCode = post.Length == 2 ? post[1] : null;
        LaneView? laneView = Crossings.FirstOrDefault(c => c.Id == crossingId)?.Lanes.FirstOrDefault(l => l.Code == laneCode);
        string direction = laneView?.Direction == PassageDirection.Exit ? "exit" : "entry";
        var identity = new IdentityInput(
            Input.FullNameArabic, Input.FullNameLatin, Input.BirthDate, Input.Sex, Input.Nationality,
            Input.FatherName, Input.GrandfatherName, Input.MotherName,
            Input.DocumentNumber is null ? null : Input.DocumentType, Input.DocumentNumber, Input.DocumentNumber is null ? null : Input.DocumentIssuingState, Input.DocumentExpiryDate);

        // The form's one-time key makes a double click or a resubmitted page record one passage, not two.
        var request = new RecordPassageRequest(crossingId, laneCode, direction, identity, Input.Mrz, Input.RequestKey);
        RecordPassageResult result = await record.HandleAsync(User.ToActor(), request, ct);
        switch (result.Outcome)
        {
            case RecordPassageOutcome.Recorded:
            case RecordPassageOutcome.Replayed:
                Response.Cookies.Append(LaneCookie, Input.Post!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(30) });
                PassageView passage = result.Passage!;
                return passage.Decision == PassageDecision.Cleared
                    ? RedirectToPage("/Passages/New", new { cleared = passage.Id })
                    : RedirectToPage("/Passages/Details", new { id = passage.Id });
            case RecordPassageOutcome.Invalid:
            case RecordPassageOutcome.CrossingUnknown:
            case RecordPassageOutcome.LaneUnknown:
            case RecordPassageOutcome.LaneClosed:
            case RecordPassageOutcome.IdempotencyKeyReused:
                foreach (ValidationError error in result.Errors!)
                {
                    FieldErrors.TryAdd(FormFieldOf(error.Field), problems.Message(error.Code));
                }

                FormErrorCode = result.Outcome == RecordPassageOutcome.Invalid ? null : result.Errors![0].Code;
                Input.RequestKey = Guid.CreateVersion7().ToString();
                return Page();
            default:
                throw new InvalidOperationException($"Unhandled outcome {result.Outcome}.");
        }
    }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    private async Task LoadAsync(CancellationToken ct) => Crossings = await crossings.HandleAsync(User.ToActor(), ct);

    /// <summary>Maps an API field name (<c>identity.fullNameArabic</c>) to the form property (<c>FullNameArabic</c>).</summary>
    private static string FormFieldOf(string field)
    {
        if (field is "crossingId" or "lane" or "direction")
        {
            return nameof(PassageForm.Post);
        }

        string name = field.StartsWith("identity.", StringComparison.Ordinal) ? field["identity.".Length..] : field;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }
}

/// <summary>The fields of the passage form.</summary>
public sealed class PassageForm
{
    /// <summary>Crossing and lane as <c>CROSSING-ID|LANE-CODE</c>.</summary>
    public string? Post { get; set; }

    public string? FullNameArabic { get; set; }

    public string? FullNameLatin { get; set; }

    public string? BirthDate { get; set; }

    public string? Sex { get; set; }

    public string? Nationality { get; set; }

    public string? FatherName { get; set; }

    public string? GrandfatherName { get; set; }

    public string? MotherName { get; set; }

    public string? DocumentType { get; set; } = "P";

    public string? DocumentNumber { get; set; }

    public string? DocumentIssuingState { get; set; }

    public string? DocumentExpiryDate { get; set; }

    public string? Mrz { get; set; }

    public string? RequestKey { get; set; }
}
