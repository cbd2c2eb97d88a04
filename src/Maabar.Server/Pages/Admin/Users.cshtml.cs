using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Admin;

/// <summary>
/// The administrator's agency's accounts: create, disable / enable, set roles, reset a password (issue 21
/// point 1). The same use cases as <c>/api/v1/users</c>; a one-time password is shown once, in the answer to
/// the reset, which no cache keeps.
/// </summary>
public sealed class UsersModel(ListUsers listUsers, CreateUser createUser, UpdateUser updateUser, ResetPassword resetPassword) : PageModel
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Created { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Updated { get; set; }

    public string? TemporaryPassword { get; private set; }

    public string? ResetUserName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await listUsers.HandleAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostAsync(string? userName, string? displayName, string? password, List<string>? selectedRoles, CancellationToken ct)
    {
        var actor = User.ToActor();
        CreateUserResult result = await createUser.HandleAsync(actor, new CreateUserRequest(userName, password, actor.Agency, selectedRoles ?? [], displayName), ct);
        if (result.Outcome == CreateUserOutcome.Created)
        {
            return RedirectToPage(new { created = true });
        }

        return await ShowAsync(result.Errors, ct);
    }

    public Task<IActionResult> OnPostDisableAsync(string? userName, CancellationToken ct) => UpdateAsync(userName, new UpdateUserRequest(true, null), ct);

    public Task<IActionResult> OnPostEnableAsync(string? userName, CancellationToken ct) => UpdateAsync(userName, new UpdateUserRequest(false, null), ct);

    public Task<IActionResult> OnPostRolesAsync(string? userName, List<string>? selectedRoles, CancellationToken ct) =>
        UpdateAsync(userName, new UpdateUserRequest(null, selectedRoles ?? []), ct);

    public async Task<IActionResult> OnPostResetAsync(string? userName, CancellationToken ct)
    {
        ResetPasswordResult result = await resetPassword.HandleAsync(User.ToActor(), userName, ct);
        if (result.Outcome != ResetPasswordOutcome.Reset)
        {
            return await ShowAsync([new ValidationError(ErrorCodes.UserNotFound, "username")], ct);
        }

        Response.Headers.CacheControl = "no-store";
        TemporaryPassword = result.TemporaryPassword;
        ResetUserName = userName?.Trim();
        return await ShowAsync(null, ct);
    }

    private async Task<IActionResult> UpdateAsync(string? userName, UpdateUserRequest request, CancellationToken ct)
    {
        UpdateUserResult result = await updateUser.HandleAsync(User.ToActor(), userName, request, ct);
        return result.Outcome == UpdateUserOutcome.Updated ? RedirectToPage(new { updated = true }) : await ShowAsync(result.Errors, ct);
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<ValidationError>? errors, CancellationToken ct)
    {
        Errors = errors ?? [];
        Users = await listUsers.HandleAsync(User.ToActor(), ct);
        return Page();
    }
}
