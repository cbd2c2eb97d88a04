using Maabar.Core.Data;
using Maabar.Server.Features.Auth;
using Maabar.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Account;

[RequestSizeLimit(8 * 1024)]
public sealed class LoginModel(AuditedSignIn signIn) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorCode { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            ErrorCode = ErrorCodes.SignInFailed;
            return Page();
        }

        (Microsoft.AspNetCore.Identity.SignInResult result, _) = await signIn.PasswordSignInAsync(UserName.Trim(), Password, "ui.login", ct);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsNotAllowed)
        {
            // The password was right but set by someone else: the user chooses their own first (issue 21 point 1).
            return RedirectToPage("/Account/ChangePassword", new { userName = UserName.Trim(), required = true });
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }

        ErrorCode = ErrorCodes.SignInFailed;
        return Page();
    }
}
