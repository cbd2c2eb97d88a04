using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages;

public sealed class IndexModel(ListRecentPassages recent, CrossingNames crossings) : PageModel
{
    public IReadOnlyList<PassageSummary>? Passages { get; private set; }

    /// <summary>Crossings by name in the page's language.</summary>
    public CrossingNames Crossings => crossings;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!(User.IsInRole(Roles.Officer) || User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Analyst)))
        {
            return;
        }

        var actor = User.ToActor();
        Passages = await recent.HandleAsync(actor, 50, ct);
        await crossings.LoadAsync(actor, ct);
    }
}
