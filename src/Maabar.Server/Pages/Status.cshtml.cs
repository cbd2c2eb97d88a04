using Maabar.Core.Features.Crossings;
using Maabar.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Pages;

/// <summary>The public status page: every crossing, both sides' status and the estimated wait. No sign-in; made for a phone.</summary>
public sealed class StatusModel(CrossingBoard board, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<BoardCrossing> Crossings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Crossings = await board.HandleAsync(node.Value.Agency, ct);
}
