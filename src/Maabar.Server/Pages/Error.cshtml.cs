using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int? Status { get; private set; }

    public string TraceId { get; private set; } = string.Empty;

    public void OnGet(int? status)
    {
        Status = status;
        TraceId = HttpContext.TraceIdentifier;
    }
}
