using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.Playwright;

namespace Maabar.Browser.Tests;

/// <summary>
/// The server on a real Kestrel port with a throwaway SQLite database, and Debian's Chromium driven by
/// Playwright (it cannot download browsers here: <c>MAABAR_CHROMIUM</c> or <c>/usr/bin/chromium</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private IPlaywright? playwright;

    public MaabarFactory Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where screenshots go: <c>MAABAR_SCREENSHOTS</c> (scripts/test.sh sets <c>TestResults/screenshots</c>, kept with the results), else beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("MAABAR_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Factory = new MaabarFactory(database);
        BaseUrl = Factory.BaseAddress.ToString().TrimEnd('/');
        await TestData.SeedAsync(Factory.Services);

        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }

    public static string UserName(string role, string agency = AgencyCode.Tunisia) => TestData.UserName(agency, role);

    /// <summary>Debian's Chromium, headless, kept off the network.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        string chromium = Environment.GetEnvironmentVariable("MAABAR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}. Install Debian's 'chromium' package (scripts/test.sh does) or set MAABAR_CHROMIUM.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Running as root needs --no-sandbox; the rest keeps Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context on <paramref name="baseUrl"/>, signed in as <paramref name="userName"/>; in English unless <paramref name="chooseEnglish"/> is false (then the node's default, Arabic).</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string userName, string locale = "en-US", bool chooseEnglish = true, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = locale, ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 } });
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(chooseEnglish ? "/culture?lang=en&returnUrl=/Account/Login" : "/Account/Login");
        await page.Locator("input[name=UserName]").FillAsync(userName);
        await page.Locator("input[name=Password]").FillAsync(TestData.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName);
        return page;
    }
}
