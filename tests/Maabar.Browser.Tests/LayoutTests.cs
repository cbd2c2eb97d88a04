using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using System.Text.RegularExpressions;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>
/// Every page a role reaches, in Arabic, on a phone (360 px) and a desktop (1366 px): nothing wider than the
/// window, measured in the DOM, and no axe-core violation (issue 24, points 4 and 7). A wide table may scroll inside
/// its own box; the page itself never scrolls sideways. The screenshots are kept in <c>screenshots/layout</c> beside the test binaries.
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

    // Each chart row on an Arabic page read from the right: its label, then its bar growing leftwards from the label,
    // then its value; text no smaller than 12 px; and a label in words, never a code such as a crossing id.
    private const string Charts = """
        () => {
          const problems = [];
          const rows = document.querySelectorAll('table.bar-chart tbody tr');
          rows.forEach((row, i) => {
            const chart = row.closest('table').dataset.testid;
            const label = row.querySelector('th'), bar = row.querySelector('svg.bar'), value = row.querySelector('.bar-value');
            const l = label.getBoundingClientRect(), b = bar.getBoundingClientRect(), v = value.getBoundingClientRect();
            const filled = bar.querySelector('rect').getBoundingClientRect();
            if (!(l.left >= b.right - 1 && b.left >= v.right - 1)) problems.push(`${chart} row ${i}: label ${Math.round(l.left)}..${Math.round(l.right)}, bar ${Math.round(b.left)}..${Math.round(b.right)}, value ${Math.round(v.left)}..${Math.round(v.right)}`);
            if (filled.width > 0 && Math.abs(filled.right - b.right) > 1) problems.push(`${chart} row ${i}: the bar grows from the left`);
            for (const el of [label, value]) {
              const size = parseFloat(getComputedStyle(el).fontSize);
              if (size < 12) problems.push(`${chart} row ${i}: text ${size} px`);
            }
            if (/[A-Z]{2}-[A-Z]{2}-|\b(Entry|Exit)\b/.test(label.textContent)) problems.push(`${chart} row ${i}: code '${label.textContent.trim()}'`);
          });
          return { rows: rows.length, problems };
        }
        """;

    [Theory]
    [InlineData(360, 780)]
    [InlineData(1366, 900)]
    public async Task EveryPage_InArabic_FitsTheWindowAndPassesAxe(int width, int height)
    {
        var viewport = new ViewportSize { Width = width, Height = height };
        string folder = Path.Combine(BrowserFixture.ScreenshotFolder, "layout");
        Directory.CreateDirectory(folder);
        List<string> problems = [];
        Dictionary<string, int> chartRows = new(StringComparer.Ordinal);

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
            await MeasureAsync(visitor, path, "anonymous", width, folder, problems, chartRows);
        }

        await anonymous.CloseAsync();

        HashSet<string> seen = new(StringComparer.Ordinal) { "/" };
        foreach (string role in Roles.All)
        {
            IPage page = await BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, BrowserFixture.UserName(role), chooseEnglish: false, viewport: viewport);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            List<string> paths = [.. (await page.Locator("header a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                .Where(href => !href.StartsWith("/culture", StringComparison.Ordinal))
                // The API reference is Scalar's page for developers (third-party, English), not a page of the product's UI.
                .Where(href => !href.StartsWith("/api-reference", StringComparison.Ordinal))];
            if (role is Roles.Officer)
            {
                paths.Add(passage);
            }

            // Each page once (by the first role that reaches it), but every role's home page, which differs.
            foreach (string path in paths.Where(seen.Add).Prepend("/"))
            {
                await MeasureAsync(page, path, role, width, folder, problems, chartRows);
            }

            await page.Context.CloseAsync();
        }

        // The chart check above looked at real rows: the dashboard charts the passage recorded at the start.
        Assert.True(chartRows.GetValueOrDefault("/Reports/Dashboard") > 0, "no chart rows on the dashboard");
        Assert.True(problems.Count == 0, $"Arabic pages at {width} px wider than the window, or with axe-core violations:\n" + string.Join('\n', problems));
    }

    private static async Task MeasureAsync(IPage page, string path, string who, int width, string folder, List<string> problems, Dictionary<string, int> chartRows)
    {
        IResponse? response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{who} {path}: HTTP {response?.Status}");
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

        JsonElement charts = await page.EvaluateAsync<JsonElement>(Charts);
        chartRows[path] = charts.GetProperty("rows").GetInt32();
        foreach (JsonElement chart in charts.GetProperty("problems").EnumerateArray())
        {
            problems.Add($"{who} {path}: chart {chart.GetString()}");
        }

        AxeResult axe = await page.RunAxe();
        foreach (AxeResultItem violation in axe.Violations)
        {
            problems.Add($"{who} {path}: axe {violation.Id} ({violation.Impact}) on {violation.Nodes.Length}: "
                + string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Target?.ToString())));
        }
    }
}
