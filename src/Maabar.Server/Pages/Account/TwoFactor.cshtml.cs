using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Maabar.Server.Pages.Account;

/// <summary>
/// The signed-in user's second factor: enrolment (shared key and a QR code drawn here, confirmed by a code),
/// recovery codes shown once, and removal with a current code. Every signed-in user may come here; those whose
/// role requires a second factor are sent here before anything else (<see cref="TwoFactorRequirement"/>).
/// </summary>
[RequestSizeLimit(8 * 1024)]
public sealed class TwoFactorModel(UserManager<MaabarUser> users, SecondFactor secondFactor, TwoFactorRequirement requirement, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enrolled { get; private set; }

    /// <summary>True when the user's role requires a second factor.</summary>
    public bool Required { get; private set; }

    /// <summary>The shared key, in groups of four for typing.</summary>
    public string? SharedKey { get; private set; }

    /// <summary>The QR code of the otpauth URI, as a PNG data URI.</summary>
    public string? QrCode { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, shown on this one answer only.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? ErrorCode { get; private set; }

    public string Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(await CurrentUserAsync());

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken ct)
    {
        MaabarUser user = await CurrentUserAsync();
        IReadOnlyList<string>? codes = await secondFactor.EnrolAsync(user, Code, ct);
        if (codes is null)
        {
            ErrorCode = ErrorCodes.TwoFactorCodeInvalid;
        }
        else
        {
            RecoveryCodes = codes;
        }

        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        MaabarUser user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            RecoveryCodes = await secondFactor.NewRecoveryCodesAsync(user, ct);
        }

        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        MaabarUser user = await CurrentUserAsync();
        if (!await secondFactor.ResetAsync(user, Code, ct))
        {
            ErrorCode = ErrorCodes.TwoFactorCodeInvalid;
        }

        return await ShowAsync(user);
    }

    private async Task<MaabarUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");

    private async Task<IActionResult> ShowAsync(MaabarUser user)
    {
        Enrolled = user.TwoFactorEnabled;
        Required = requirement.AppliesTo(await users.GetRolesAsync(user));
        if (Enrolled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }

        string key = await secondFactor.KeyAsync(user);
        SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        string issuer = "Maabar " + node.Value.Agency;
        string uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.UserName ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using QRCodeData data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
        return Page();
    }
}
