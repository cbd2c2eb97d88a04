using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages;

public sealed class IndexModel(ListRecentPassages recent, ListCrossings crossings) : PageModel
{
    public IReadOnlyList<PassageSummary>? Passages { get; private set; }

    public Dictionary<string, string> CrossingNames { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!(User.IsInRole(Roles.Officer) || User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Analyst)))
        {
            return;
        }

        var actor = User.ToActor();
        Passages = await recent.HandleAsync(actor, 50, ct);
        foreach (CrossingView c in await crossings.HandleAsync(actor, ct))
        {
            CrossingNames[c.Id] = c.NameIn(Display.Language);
        }
    }
}
