using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Server.Features.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Account;

/// <summary>
/// The second step of signing in, for an account with a second factor: the password was right (Identity keeps
/// the user in its short-lived two-factor cookie), the authenticator code or a recovery code completes it.
/// </summary>
[RequestSizeLimit(8 * 1024)]
public sealed class LoginTwoFactorModel(SignInManager<MaabarUser> signIn, SecondFactor secondFactor) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorCode { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        MaabarUser? user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The two-factor cookie expired (five minutes) or was never there: start again from the password.
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        Microsoft.AspNetCore.Identity.SignInResult result = await secondFactor.SignInAsync(user, Code, "ui.login", ct);
        if (result.Succeeded)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        }

        ErrorCode = ErrorCodes.SignInFailed;
        return Page();
    }
}
