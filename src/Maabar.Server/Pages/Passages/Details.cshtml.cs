using Maabar.Core.Features.Passages;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Passages;

public sealed class DetailsModel(GetPassage getPassage) : PageModel
{
    public PassageView? Passage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Passage = await getPassage.HandleAsync(User.ToActor(), id, "ui.passage.read", ct);
        return Passage is null ? NotFound() : Page();
    }
}
