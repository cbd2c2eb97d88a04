using System.Security.Cryptography;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>Two national nodes (TUN and LBY, each a real server with its own database and keys, partnered over HTTP) and Chromium.</summary>
public sealed class TwoNodeBrowserFixture : IAsyncLifetime
{
    private readonly ECDsa tunKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa lbyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestDatabase? tunDb;
    private TestDatabase? lbyDb;
    private IPlaywright? playwright;

    public MaabarFactory Tun { get; private set; } = null!;

    public MaabarFactory Lby { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int tunPort = MaabarFactory.FreePort();
        int lbyPort = MaabarFactory.FreePort();
        tunDb = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        lbyDb = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Tun = new MaabarFactory(tunDb, NodeSettings.Federated(AgencyCode.Tunisia, tunKey, AgencyCode.Libya, lbyKey, lbyPort), tunPort);
        Lby = new MaabarFactory(lbyDb, NodeSettings.Federated(AgencyCode.Libya, lbyKey, AgencyCode.Tunisia, tunKey, tunPort), lbyPort);
        Tun.StartServer();
        Lby.StartServer();
        await TestData.SeedAsync(Tun.Services);
        await TestData.SeedAsync(Lby.Services);
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await Tun.DisposeAsync();
        await Lby.DisposeAsync();
        await tunDb!.DisposeAsync();
        await lbyDb!.DisposeAsync();
        tunKey.Dispose();
        lbyKey.Dispose();
    }

    public static string Url(MaabarFactory node) => node.BaseAddress.ToString().TrimEnd('/');
}

/// <summary>
/// A crisis at Ras Jedir, end to end in a real browser on two nodes: the Tunisian supervisor restricts the
/// crossing to humanitarian cases, the public page says so in Arabic, the Libyan board shows it, an ordinary
/// traveller is refused at the lane with a clear message, an incident raised to critical reaches the map and
/// both committees.
/// </summary>
public sealed class CrisisJourneyTests(TwoNodeBrowserFixture nodes) : IClassFixture<TwoNodeBrowserFixture>
{
    private static readonly TimeSpan Exchange = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RasJedirRestrictedToHumanitarianCases_SeenEverywhere_EnforcedAtTheLane_AndACriticalIncidentReachesTheCommittees()
    {
        string tun = TwoNodeBrowserFixture.Url(nodes.Tun);
        string lby = TwoNodeBrowserFixture.Url(nodes.Lby);
        const string reason = "Closed to all but humanitarian cases after the clashes";

        // The Tunisian supervisor sets Ras Jedir to humanitarian-only.
        IPage supervisor = await BrowserFixture.SignInAsync(nodes.Browser, tun, TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        await supervisor.GotoAsync("/Crossings/Manage");
        ILocator form = supervisor.GetByTestId($"status-form-{TestData.Crossing}");
        await form.GetByTestId("status-value").SelectOptionAsync("humanitarian-only");
        await form.GetByTestId("status-reason").FillAsync(reason);
        await form.GetByTestId("status-save").ClickAsync();
        await Expect(supervisor.GetByTestId($"manage-{TestData.Crossing}")).ToContainTextAsync("Humanitarian");

        // The public page, no sign-in, in Arabic and right to left.
        IBrowserContext visitor = await nodes.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = tun, ViewportSize = new ViewportSize { Width = 412, Height = 915 } });
        IPage status = await visitor.NewPageAsync();
        await status.GotoAsync("/culture?lang=ar&returnUrl=/Status");
        await Expect(status.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        ILocator tunSide = status.GetByTestId($"side-{TestData.Crossing}-TUN");
        await Expect(tunSide.GetByTestId("side-status")).ToHaveTextAsync("\u0644\u0644\u062D\u0627\u0644\u0627\u062A \u0627\u0644\u0625\u0646\u0633\u0627\u0646\u064A\u0629 \u0641\u0642\u0637");
        await Expect(tunSide).ToContainTextAsync(reason);
        await status.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "status-ar-phone.png"), FullPage = true });

        // The Libyan node's board shows the Tunisian side as the partner set it.
        IPage libyan = await BrowserFixture.SignInAsync(nodes.Browser, lby, TestData.UserName(AgencyCode.Libya, Roles.Supervisor));
        await EventuallyAsync(libyan, "/Status", libyan.GetByTestId($"side-{TestData.Crossing}-TUN"), "Humanitarian cases only");
        await Expect(libyan.GetByTestId($"side-{TestData.Crossing}-TUN")).ToContainTextAsync(reason);

        // An ordinary traveller is refused at the lane, clearly; a humanitarian case goes through.
        IPage officer = await BrowserFixture.SignInAsync(nodes.Browser, tun, TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        await officer.GotoAsync("/Passages/New");
        await officer.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await officer.GetByTestId("name-latin").FillAsync(TestData.UniqueLatinName("Ordinary"));
        await officer.GetByTestId("birth-date").FillAsync("1984-02-03");
        await officer.GetByTestId("record").ClickAsync();
        await Expect(officer.GetByTestId("form-error")).ToContainTextAsync("this traveller's category is not admitted");
        await Expect(officer.GetByTestId("admitted")).ToHaveTextAsync("Admitted here: humanitarian");
        await officer.GetByTestId("category").SelectOptionAsync("humanitarian");
        await officer.GetByTestId("record").ClickAsync();
        await Expect(officer.GetByTestId("cleared-banner")).ToBeVisibleAsync();

        // An incident at Ras Jedir, raised to critical.
        string title = "Armed clash near the gate " + TestData.UniqueLetters();
        await officer.GotoAsync("/Incidents");
        await officer.GetByTestId("incident-type").SelectOptionAsync("ArmedClash");
        await officer.GetByTestId("incident-impact").SelectOptionAsync("High");
        await officer.GetByTestId("incident-crossing").SelectOptionAsync(TestData.Crossing);
        await officer.GetByTestId("incident-title").FillAsync(title);
        await officer.GetByTestId("incident-save").ClickAsync();
        ILocator card = officer.GetByTestId("incident").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(card.GetByTestId("incident-reactions")).ToContainTextAsync("Inform the joint committee");
        await card.Locator("input[name=text]").FillAsync("Shots fired, lanes evacuated");
        await card.Locator("select[name=impact]").SelectOptionAsync("Critical");
        await card.Locator("[data-testid=follow-up-form] button").ClickAsync();
        await Expect(officer.GetByTestId("incident").Filter(new LocatorFilterOptions { HasText = title })).ToContainTextAsync("Activate the crisis cell");

        // The Tunisian committee sees it on its list and on the map.
        IPage committee = await BrowserFixture.SignInAsync(nodes.Browser, tun, TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        await committee.GetByTestId("nav-committee").ClickAsync();
        // One notice per level reached: high when reported, critical when raised.
        ILocator notices = committee.GetByTestId("committee-notice").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(notices).ToHaveCountAsync(2);
        await Expect(notices.Filter(new LocatorFilterOptions { HasText = "Critical" })).ToHaveCountAsync(1);
        await committee.GotoAsync("/Map?days=1");
        await Expect(committee.GetByTestId("map-incident").Filter(new LocatorFilterOptions { HasText = title })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("impact-critical"));
        await Expect(committee.GetByTestId($"map-crossing-{TestData.Crossing}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-humanitarianonly"));
        byte[] shot = await committee.GetByTestId("border-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "crisis-map.png") });

        // The picture itself: the two countries drawn in their fill, the border line, the crossing in its
        // humanitarian-only colour, the critical incident's marker (no crossing is closed, so that red is the incident).
        PngImage map = PngImage.Read(shot);
        int area = map.Width * map.Height;
        Assert.True(map.Count(0xF7, 0xF3, 0xE8) > area / 20, $"Tunisia and Libya fill: {map.Count(0xF7, 0xF3, 0xE8)} of {area} pixels");
        Assert.True(map.Count(0xD9, 0x9A, 0x00) >= 20, $"humanitarian-only crossing: {map.Count(0xD9, 0x9A, 0x00)} pixels");
        Assert.True(map.Count(0xB3, 0x26, 0x1E) >= 10, $"critical incident marker: {map.Count(0xB3, 0x26, 0x1E)} pixels");
        Assert.True(map.Count(0xDC, 0xEC, 0xF5) > area / 50, $"the sea: {map.Count(0xDC, 0xEC, 0xF5)} pixels");

        // The Libyan committee is notified too: the partner's critical incident is brought to it.
        IPage libyanCommittee = await BrowserFixture.SignInAsync(nodes.Browser, lby, TestData.UserName(AgencyCode.Libya, Roles.CommitteeMember));
        await EventuallyAsync(libyanCommittee, "/Committee", libyanCommittee.GetByTestId("committee-notices"), title);

        foreach (IPage page in new[] { supervisor, status, libyan, officer, committee, libyanCommittee })
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Reloads <paramref name="path"/> until <paramref name="locator"/> contains <paramref name="text"/> (the exchange between nodes is asynchronous).</summary>
    private static async Task EventuallyAsync(IPage page, string path, ILocator locator, string text)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await page.GotoAsync(path);
            if (await locator.CountAsync() > 0 && (await locator.First.InnerTextAsync()).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            if (elapsed.Elapsed > Exchange)
            {
                await Expect(locator.First).ToContainTextAsync(text);
                return;
            }

            await Task.Delay(250);
        }
    }
}
