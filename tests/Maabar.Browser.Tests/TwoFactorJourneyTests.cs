using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>Issue 21 point 3 in a real browser: enrol an authenticator app, then sign in with its code.</summary>
public sealed partial class TwoFactorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Supervisor_EnrolsAnAuthenticatorThenSignsInWithItsCode()
    {
        string name = "mfa" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Factory.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            var user = new MaabarUser { UserName = name, Agency = AgencyCode.Tunisia, DisplayName = name };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded);
            return 0;
        });
        TimeProvider clock = TestClock.Machine;
        IPage page = await BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, name);

        // Enrolment: the key and its QR code are on the page; the code is computed here as a phone would.
        await page.GetByTestId("nav-two-factor").ClickAsync();
        await Expect(page.GetByTestId("mfa-qr")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("mfa-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        string key = await page.GetByTestId("mfa-key").InnerTextAsync();
        DateTimeOffset enrolledAt = clock.GetUtcNow();
        await page.GetByTestId("mfa-code").FillAsync(AuthenticatorApp.Code(key, enrolledAt));
        await page.Locator("form button.primary").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("mfa-status")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "two-factor-enrolled.png") });

        // Sign out, sign in again: the password, then the code of the next 30-second step (a code is used once).
        await page.Locator("form.userbox button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.Locator("input[name=UserName]").FillAsync(name);
        await page.Locator("input[name=Password]").FillAsync(TestData.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginTwoFactor"));
        await Expect(page.GetByTestId("current-user")).ToHaveCountAsync(0);
        await page.GetByTestId("mfa-code").FillAsync(AuthenticatorApp.Code(key, enrolledAt.AddSeconds(30)));
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(name);
        await page.Context.CloseAsync();
    }
}
