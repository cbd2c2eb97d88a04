using Maabar.Core.Features.Users;
using Maabar.Domain;
using Maabar.Server.Features.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Account;

/// <summary>
/// Each user changes their own password here, signed in or not: the login page sends a user whose password
/// must be changed here, and the menu links it. The current password is checked as a sign-in is (same
/// throttling, lockout and single failure message, see <see cref="PasswordChange"/>). A user who changes the
/// password of the account they are signed in with is signed out: the new stamp ends that session anyway.
/// </summary>
[RequestSizeLimit(8 * 1024)]
public sealed class ChangePasswordModel(PasswordChange change) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Arrived from the login page because the password must be changed.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public bool Done { get; private set; }

    /// <summary>Resource keys of the messages to show.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
        if (string.IsNullOrEmpty(UserName) && User.Identity?.IsAuthenticated == true)
        {
            UserName = User.Identity.Name;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(CurrentPassword))
        {
            Errors = ["error." + ErrorCodes.SignInFailed];
            return Page();
        }

        if (string.IsNullOrEmpty(NewPassword) || !string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            Errors = ["password.mismatch"];
            return Page();
        }

        string userName = UserName.Trim();
        ChangePasswordResult result = await change.HandleAsync(userName, CurrentPassword, NewPassword, "ui.password", ct);
        switch (result.Outcome)
        {
            case ChangePasswordOutcome.Changed:
                if (string.Equals(User.Identity?.Name, userName, StringComparison.Ordinal))
                {
                    await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }

                Done = true;
                return Page();
            case ChangePasswordOutcome.WrongPassword:
                Errors = ["error." + ErrorCodes.SignInFailed];
                return Page();
            case ChangePasswordOutcome.Invalid:
                Errors = [.. (result.Errors ?? []).Select(e => "error." + e.Code).Distinct()];
                return Page();
            default:
                throw new InvalidOperationException("Unknown outcome " + result.Outcome);
        }
    }
}
