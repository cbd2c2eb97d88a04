using Maabar.Core.Features.Watchlists;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Watchlist;

/// <summary>The entries the agency owns or was shared: references and categories only (opening one is audited).</summary>
public sealed class IndexModel(ReadEntries entries) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<EntrySummary> Entries { get; private set; } = [];

    public string? Reference { get; private set; }

    public int Offset { get; private set; }

    public async Task OnGetAsync(string? reference, int offset, CancellationToken ct)
    {
        Reference = reference;
        Offset = Math.Max(0, offset);
        Entries = await entries.ListAsync(User.ToActor(), reference, PageSize, Offset, ct);
    }
}
