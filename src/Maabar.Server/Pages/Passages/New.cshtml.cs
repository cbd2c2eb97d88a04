using System.Globalization;
using Maabar.Core;
using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Documents;
using Maabar.Documents.Mrz;
using Microsoft.AspNetCore.Html;
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
public sealed class NewModel(ListCrossings crossings, RecordPassage record, GetPassage getPassage, Problems problems, TimeProvider clock, NodeCalendar calendar) : PageModel
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

    /// <summary>The categories a restricted lane admits, when it refused the traveller's.</summary>
    public IReadOnlyList<string>? Admitted { get; private set; }

    /// <summary>
    /// What the page's script does with the tab's draft of the form (sessionStorage): <c>restore</c> it on an
    /// empty form (after a sign-in that expired mid-form), <c>clear</c> it once the passage is recorded, <c>keep</c>
    /// saving it while the server shows what was posted.
    /// </summary>
    public string DraftMode { get; private set; } = "keep";

    /// <summary>True when the form was filled from an earlier passage, for the officer to add the document it lacked.</summary>
    public bool Again { get; private set; }

    /// <param name="again">
    /// An earlier passage of this agency whose negative decision issued no clearance (no document): the form is
    /// filled with its traveller (read audited as <c>ui.passage.again</c>) for the officer to add the document.
    /// </param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnGetAsync(Guid? again, CancellationToken ct)
    {
        DraftMode = Cleared is null ? "restore" : "clear";
        await LoadAsync(ct);
        if (Request.Cookies.TryGetValue(LaneCookie, out string? saved))
        {
            Input.Post = saved;
        }

        if (again is Guid earlierId)
        {
            if (await getPassage.HandleAsync(User.ToActor(), earlierId, "ui.passage.again", ct) is not { } earlier)
            {
                return NotFound();
            }

            TravellerView t = earlier.Traveller;
            Input.FullNameArabic = t.FullNameArabic;
            Input.FullNameLatin = t.FullNameLatin;
            Input.BirthDate = t.BirthDate;
            Input.Sex = t.Sex switch { Sex.Male => "M", Sex.Female => "F", Sex.Unknown => null, _ => "X" };
            Input.Nationality = t.Nationality;
            Input.FatherName = t.FatherName;
            Input.GrandfatherName = t.GrandfatherName;
            Input.MotherName = t.MotherName;
            Input.NationalNumber = t.NationalNumber;
            Input.DocumentNumber = t.DocumentNumber;
            Again = true;
            DraftMode = "keep";
        }

        Input.RequestKey = Guid.CreateVersion7().ToString();
        return Page();
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
            Input.DocumentNumber is null ? null : Input.DocumentType, Input.DocumentNumber, Input.DocumentNumber is null ? null : Input.DocumentIssuingState, Input.DocumentExpiryDate,
            Input.NationalNumber);

        // The form's one-time key makes a double click or a resubmitted page record one passage, not two.
        var request = new RecordPassageRequest(crossingId, laneCode, direction, identity, Input.Mrz, Input.RequestKey, Input.VehiclePlate, Input.VehicleCountry, Input.Category);
        RecordPassageResult result = await record.HandleAsync(User.ToActor(), request, ct);
        switch (result.Outcome)
        {
            case RecordPassageOutcome.Recorded:
            case RecordPassageOutcome.Replayed:
                Response.Cookies.Append(LaneCookie, Input.Post!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(30) });
                PassageView passage = result.Passage!;
                if (result.Outcome == RecordPassageOutcome.Recorded)
                {
                    MaabarMetrics.PassageRecorded(passage.CrossingId, passage.Decision.ToString());
                }

                // A cleared namesake goes through in one action; the banner names the clearance that covered them.
                TempData["clearance"] = passage.ClearanceNumber;

                if (passage.NeedsAttention)
                {
                    // The passage page of a referral drops the tab's draft of this form: it is recorded.
                    TempData["recorded"] = true;
                }
                else
                {
                    // The banner names who went through and on which document (TempData: an encrypted cookie, read once).
                    foreach ((string key, string? value) in new[] { ("clearedNameArabic", passage.Traveller.FullNameArabic), ("clearedNameLatin", passage.Traveller.FullNameLatin), ("clearedDocument", passage.Traveller.DocumentNumber) })
                    {
                        if (!string.IsNullOrEmpty(value))
                        {
                            TempData[key] = value;
                        }
                    }
                }

                // A clear traveller without any warning: straight back to the form for the next one.
                // A hit or a warning (expired document, national number mismatch...): the officer must see it.
                return passage.NeedsAttention
                    ? RedirectToPage("/Passages/Details", new { id = passage.Id })
                    : RedirectToPage("/Passages/New", new { cleared = passage.Id });
            case RecordPassageOutcome.MrzInvalid:
                Mrz = MrzView.From(result.Mrz!, CultureInfo.CurrentUICulture);
                FormErrorCode = ErrorCodes.MrzInvalid;
                Input.RequestKey = Guid.CreateVersion7().ToString();
                return Page();
            case RecordPassageOutcome.Invalid:
            case RecordPassageOutcome.CrossingUnknown:
            case RecordPassageOutcome.LaneUnknown:
            case RecordPassageOutcome.LaneClosed:
            case RecordPassageOutcome.NotAdmitted:
            case RecordPassageOutcome.IdempotencyKeyReused:
                Admitted = result.Admitted;
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

    /// <summary>The zone as read, shown with its errors' positions; null until read.</summary>
    public MrzView? Mrz { get; private set; }

    /// <summary>
    /// "Read MRZ": parses the pasted or scanned zone without recording anything and fills the form with what
    /// it says, for the officer to confirm with "Record passage".
    /// </summary>
    public async Task<IActionResult> OnPostReadMrzAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.RequestKey = Guid.CreateVersion7().ToString();
        if (string.IsNullOrWhiteSpace(Input.Mrz))
        {
            FieldErrors["Mrz"] = problems.Message(ErrorCodes.Required);
            return Page();
        }

        MrzResult parsed = MrzParser.Parse(Input.Mrz, calendar.Today(clock));
        Mrz = MrzView.From(parsed, CultureInfo.CurrentUICulture);
        if (!parsed.IsValid)
        {
            FormErrorCode = ErrorCodes.MrzInvalid;
            return Page();
        }

        IdentityInput read = MrzIdentity.Fill(null, parsed);
        Input.FullNameLatin = read.FullNameLatin;
        Input.BirthDate = read.BirthDate;
        Input.Sex = read.Sex;
        Input.Nationality = read.Nationality;
        Input.DocumentType = read.DocumentType is "P" or "I" ? read.DocumentType : Input.DocumentType;
        Input.DocumentNumber = read.DocumentNumber;
        Input.DocumentIssuingState = read.DocumentIssuingState;
        Input.DocumentExpiryDate = read.DocumentExpiryDate;
        ModelState.Clear();
        return Page();
    }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    /// <summary>One MRZ line as spans, the characters at error positions marked; no white space between characters.</summary>
    public static IHtmlContent MarkLine(string line, int lineNumber, IReadOnlySet<(int Line, int Position)> bad)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(bad);
        var html = new HtmlContentBuilder(line.Length * 3);
        for (int i = 0; i < line.Length; i++)
        {
            if (bad.Contains((lineNumber, i + 1)))
            {
                html.AppendHtml("<span class=\"bad\" data-testid=\"mrz-bad\">");
                html.Append(line[i].ToString());
                html.AppendHtml("</span>");
            }
            else
            {
                html.Append(line[i].ToString());
            }
        }

        return html;
    }

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

    public string? NationalNumber { get; set; }

    public string? DocumentType { get; set; } = "P";

    public string? DocumentNumber { get; set; }

    public string? DocumentIssuingState { get; set; }

    public string? VehiclePlate { get; set; }

    public string? VehicleCountry { get; set; }

    /// <summary>The traveller's category (humanitarian, medical, diplomatic, freight), empty for an ordinary traveller.</summary>
    public string? Category { get; set; }

    public string? DocumentExpiryDate { get; set; }

    public string? Mrz { get; set; }

    public string? RequestKey { get; set; }
}
