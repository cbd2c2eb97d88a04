using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>
/// Every page a role reaches, in Arabic, on a phone (360 px) and a desktop (1366 px): nothing wider than the
/// window, measured in the DOM (issue 24, points 4 and 7). A wide table may scroll inside its own box; the page
/// itself never scrolls sideways. The screenshots are kept in <c>screenshots/layout</c> beside the test binaries.
/// </summary>
public sealed class LayoutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Every element whose box leaves the window, unless an ancestor clips or scrolls it sideways; and the page's own width.
    private const string Measure = """
        () => {
          const width = document.documentElement.clientWidth;
          const clipped = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX;
              if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
            }
            return false;
          };
          const name = el => el.tagName.toLowerCase()
            + (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '')
            + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const offenders = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
            if ((r.right > width + 1 || r.left < -1) && !clipped(el)) {
              const parent = el.parentElement;
              const pr = parent ? parent.getBoundingClientRect() : null;
              // Name the outermost box that leaves the window, not each of its children.
              if (!pr || (pr.right <= width + 1 && pr.left >= -1) || clipped(parent)) {
                offenders.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
              }
            }
          }
          return { width, scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8) };
        }
        """;

    [Theory]
    [InlineData(360, 780)]
    [InlineData(1366, 900)]
    public async Task EveryPage_InArabic_FitsTheWindowWithoutScrollingSideways(int width, int height)
    {
        var viewport = new ViewportSize { Width = width, Height = height };
        string folder = Path.Combine(BrowserFixture.ScreenshotFolder, "layout");
        Directory.CreateDirectory(folder);
        List<string> problems = [];

        // Something on the pages: a listed person, and an officer who records a namesake of theirs on the phone form.
        string listed = TestData.UniqueLatinName("Layout");
        await TestData.AddEntryAsync(fixture.Factory.Services, AgencyCode.Tunisia, "\u062E\u0627\u0644\u062F \u0628\u0646 \u0635\u0627\u0644\u062D", listed, "1979"); // Khaled ben Salah, Arabic letters
        IPage officer = await BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, BrowserFixture.UserName(Roles.Officer), chooseEnglish: false, viewport: viewport);
        await officer.GotoAsync("/Passages/New");
        await officer.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await officer.GetByTestId("name-latin").FillAsync(listed);
        await officer.GetByTestId("birth-date").FillAsync("1979-08-21");
        await officer.GetByTestId("record").ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/Passages/[0-9a-f-]{36}$"));
        string passage = new Uri(officer.Url).AbsolutePath;
        await officer.Context.CloseAsync();

        // Anonymous pages: the sign-in page, the public board, the clearance check.
        IBrowserContext anonymous = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "ar", ViewportSize = viewport });
        IPage visitor = await anonymous.NewPageAsync();
        foreach (string path in new[] { "/Account/Login", "/Status", "/Check" })
        {
            await MeasureAsync(visitor, path, "anonymous", width, folder, problems);
        }

        await anonymous.CloseAsync();

        foreach (string role in Roles.All)
        {
            IPage page = await BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, BrowserFixture.UserName(role), chooseEnglish: false, viewport: viewport);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            List<string> paths = [.. (await page.Locator("header a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                .Where(href => !href.StartsWith("/culture", StringComparison.Ordinal))];
            paths.Add("/");
            if (role is Roles.Officer or Roles.Supervisor or Roles.LiaisonOfficer)
            {
                paths.Add(passage);
            }

            foreach (string path in paths.Distinct(StringComparer.Ordinal))
            {
                await MeasureAsync(page, path, role, width, folder, problems);
            }

            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"Pages wider than {width} px in Arabic:\n" + string.Join('\n', problems));
    }

    private static async Task MeasureAsync(IPage page, string path, string who, int width, string folder, List<string> problems)
    {
        IResponse? response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{who} {path}: HTTP {response?.Status}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        string name = path == "/" ? "-home" : Regex.Replace(Regex.Replace(path, "/[0-9a-f-]{36}$", "/record"), "[^A-Za-z0-9]+", "-");
        string file = $"{who}{name}-{width}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
        JsonElement result = await page.EvaluateAsync<JsonElement>(Measure);
        int scrollWidth = result.GetProperty("scrollWidth").GetInt32();
        string[] offenders = [.. result.GetProperty("offenders").EnumerateArray().Select(o => o.GetString()!)];
        if (scrollWidth > width || offenders.Length > 0)
        {
            problems.Add($"{who} {path}: page {scrollWidth} px; {string.Join("; ", offenders)}");
        }
    }
}
