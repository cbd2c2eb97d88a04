using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Admin;

public sealed class UsersModel(ListUsers listUsers, CreateUser createUser) : PageModel
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Created { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await listUsers.HandleAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostAsync(string? userName, string? displayName, string? password, List<string>? selectedRoles, CancellationToken ct)
    {
        var actor = User.ToActor();
        CreateUserResult result = await createUser.HandleAsync(actor, new CreateUserRequest(userName, password, actor.Agency, selectedRoles ?? [], displayName), ct);
        if (result.Outcome == CreateUserOutcome.Created)
        {
            return RedirectToPage(new { created = true });
        }

        Errors = result.Errors ?? [];
        Users = await listUsers.HandleAsync(actor, ct);
        return Page();
    }
}
