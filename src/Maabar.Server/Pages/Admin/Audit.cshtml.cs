using Maabar.Core.Features.Audit;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Admin;

public sealed class AuditModel(QueryAudit queryAudit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    public IReadOnlyList<AuditView> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await queryAudit.HandleAsync(User.ToActor(), new AuditQuery(Action: Action, EntityId: EntityId, Limit: 200), ct);
}
