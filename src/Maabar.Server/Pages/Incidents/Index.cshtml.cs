using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Incidents;

/// <summary>The incident log: report, follow up, close; partners' high and critical incidents alongside.</summary>
public sealed class IndexModel(IncidentLog log, ListCrossings crossings, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IncidentPolicy> policy) : PageModel
{
    public IncidentPolicy Policy => policy.Value;

    /// <summary>The agency's attachments of the listed incidents.</summary>
    public ILookup<Guid, AttachmentView> Attachments { get; private set; } = Array.Empty<AttachmentView>().ToLookup(a => a.IncidentId);

    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];

    public IReadOnlyList<CrossingView> Crossings { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Incidents = await log.ListAsync(User.ToActor(), false, null, 200, ct);
        Crossings = await crossings.HandleAsync(User.ToActor(), ct);
        Attachments = await log.AttachmentsAsync(User.ToActor(), [.. Incidents.Select(i => i.Id)], ct);
    }

    public async Task<IActionResult> OnPostReportAsync(string? type, string? impact, string? crossingId, string? sectorId, string? latitude, string? longitude, string? title, string? description, CancellationToken ct)
    {
        // Coordinates are read the same in every language: a decimal point or comma, nothing else.
        double? lat = Coordinate(latitude, out bool latOk), lon = Coordinate(longitude, out bool lonOk);
        if (!latOk || !lonOk)
        {
            return await AfterAsync(false, [new ValidationError(ErrorCodes.CoordinatesInvalid, latOk ? "longitude" : "latitude")], ct);
        }

        (IncidentView? incident, IReadOnlyList<ValidationError> errors) = await log.ReportAsync(User.ToActor(), new IncidentInput(type, impact, crossingId, lat, lon, title, description, null, sectorId), ct);
        return await AfterAsync(incident is not null, errors, ct);
    }

    private static double? Coordinate(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ok = double.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
        return ok ? value : null;
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, string? text, string? impact, bool close, CancellationToken ct)
    {
        (IncidentView? incident, string? error) = await log.FollowUpAsync(User.ToActor(), id, text, impact, close, ct);
        return await AfterAsync(incident is not null, error is null ? [] : [new ValidationError(error, "text")], ct);
    }

    /// <summary>Attaches a photo or a document (multipart form, field <c>file</c>).</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return await AfterAsync(false, [new ValidationError(ErrorCodes.AttachmentEmpty, "file")], ct);
        }

        byte[] content;
        await using (Stream stream = file.OpenReadStream())
        {
            content = await Features.Incidents.IncidentEndpoints.ReadUpToAsync(stream, AttachmentRules.MaxBytes + 1, ct);
        }

        (AttachmentView? attachment, string? error) = await log.AttachAsync(User.ToActor(), id, file.FileName, content, ct);
        return await AfterAsync(attachment is not null, error is null ? [] : [new ValidationError(error, "file")], ct);
    }

    /// <summary>Downloads an attachment (as a file, never inline); audited.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        if (await log.ReadAttachmentAsync(User.ToActor(), id, attachmentId, ct) is not { } found)
        {
            return NotFound();
        }

        Features.Incidents.IncidentEndpoints.AttachmentHeaders(Response);
        return File(found.Content, found.Attachment.ContentType, found.Attachment.FileName);
    }

    private async Task<IActionResult> AfterAsync(bool done, IReadOnlyList<ValidationError> errors, CancellationToken ct)
    {
        if (done)
        {
            return RedirectToPage("/Incidents/Index");
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }
}
