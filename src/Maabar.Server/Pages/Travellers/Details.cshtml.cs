using Maabar.Core.Features.Travellers;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Travellers;

/// <summary>A traveller's record with their passages and hits at this agency (linked from the passage page and the search).</summary>
public sealed class DetailsModel(GetTravellerHistory history, CrossingNames crossings) : PageModel
{
    public TravellerHistory History { get; private set; } = null!;

    public CrossingNames Crossings => crossings;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        TravellerHistory? found = await history.HandleAsync(actor, id, ct);
        if (found is null)
        {
            return NotFound();
        }

        History = found;
        await crossings.LoadAsync(actor, ct);
        return Page();
    }
}
