using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Sectors;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Pages.Crossings;

/// <summary>The board for staff: lanes with service time, load and wait; supervisors set their side's or a lane's status.</summary>
public sealed class ManageModel(CrossingBoard board, SetCrossingStatus setStatus, SectorBoard sectors, SetSectorImpact setSector, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<BoardCrossing> Crossings { get; private set; } = [];

    public IReadOnlyList<SectorView> Sectors { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Crossings = await board.HandleAsync(User.FindFirst(Core.Data.MaabarClaims.Agency)?.Value ?? node.Value.Agency, ct);
        Sectors = await sectors.HandleAsync(ct);
    }

    /// <summary>A supervisor assesses a border sector's impact level for their agency.</summary>
    public async Task<IActionResult> OnPostSectorAsync(string sectorId, string? impact, string? reason, CancellationToken ct)
    {
        (SectorAssessmentView? assessment, IReadOnlyList<ValidationError> errors, bool notFound) = await setSector.HandleAsync(User.ToActor(), sectorId, impact, reason, ct);
        if (notFound)
        {
            return NotFound();
        }

        if (assessment is not null)
        {
            return RedirectToPage("/Crossings/Manage");
        }

        Errors = errors;
        Response.StatusCode = errors.Any(e => e.Code == ErrorCodes.Forbidden) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string crossingId, string? lane, string? status, string? reason, string? expectedReopening, List<string>? allowed, CancellationToken ct)
    {
        (SideView? side, IReadOnlyList<ValidationError> errors, bool notFound) = await setStatus.HandleAsync(User.ToActor(), crossingId, lane, status, reason, expectedReopening, allowed, ct);
        if (notFound)
        {
            return NotFound();
        }

        if (side is not null)
        {
            return RedirectToPage("/Crossings/Manage");
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }
}
