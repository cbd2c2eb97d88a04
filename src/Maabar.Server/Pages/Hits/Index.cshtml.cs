using Maabar.Core.Features.Hits;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Hits;

/// <summary>The hit queues: secondary (open), supervisor (awaiting confirmation), liaison desk (awaiting the owner), decided.</summary>
public sealed class IndexModel(ListHits listHits, CrossingNames crossings) : PageModel
{
    public static readonly string[] Tabs = ["open", "awaiting-confirmation", "awaiting-owner", "closed"];

    public string Status { get; private set; } = "open";

    public IReadOnlyList<HitQueueItem> Hits { get; private set; } = [];

    /// <summary>Crossings by name in the page's language (the queue shows names, not codes).</summary>
    public CrossingNames Crossings => crossings;

    public async Task<IActionResult> OnGetAsync(string? status, CancellationToken ct)
    {
        // The liaison desk opens on its own queue.
        Status = status ?? (User.IsInRole(Roles.LiaisonOfficer) && !User.IsInRole(Roles.Officer) ? "awaiting-owner" : "open");
        if (!Tabs.Contains(Status) || ListHits.ParseStatus(Status) is not HitStatus parsed)
        {
            return BadRequest();
        }

        var actor = User.ToActor();
        Hits = await listHits.HandleAsync(actor, parsed, 200, ct);
        await crossings.LoadAsync(actor, ct);
        return Page();
    }
}
