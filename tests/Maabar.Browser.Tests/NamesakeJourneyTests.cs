using System.Text.RegularExpressions;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>The similar-names problem solved, in a real browser: list, stop once, clear, cross again, check, correct, alert again.</summary>
public sealed partial class NamesakeJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task<IPage> SignInAsync(string userName, string locale = "en-US") => BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, userName, locale);

    private static async Task RecordAsync(IPage page, string name, string birthDate, string document)
    {
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("name-latin").FillAsync(name);
        await page.GetByTestId("birth-date").FillAsync(birthDate);
        await page.GetByTestId("doc-number").FillAsync(document);
        await page.GetByTestId("doc-state").FillAsync("LBY");
        await page.GetByTestId("record").ClickAsync();
    }

    [Fact]
    public async Task Namesake_StoppedOnce_Cleared_CrossesAgain_ChecksTheNumber_AndIsAlertedAfterACorrection()
    {
        string family = "Fezzani" + TestData.UniqueLetters();
        string name = $"Miloud {family}";
        string reference = "TN-" + TestData.UniqueLetters();
        string document = "LY" + Random.Shared.Next(1_000_000, 9_999_999);

        // The supervisor lists the person; a shared bare name is refused with the reason on the form.
        IPage supervisor = await SignInAsync(BrowserFixture.UserName(Roles.Supervisor));
        await supervisor.GetByTestId("nav-watchlist").ClickAsync();
        await supervisor.GetByTestId("new-entry").ClickAsync();
        await supervisor.GetByTestId("entry-category").SelectOptionAsync("RefuseEntry");
        await supervisor.GetByTestId("entry-reference").FillAsync(reference);
        await supervisor.GetByTestId("entry-name-latin").FillAsync(name);
        await supervisor.GetByTestId("share-LBY").CheckAsync();
        await supervisor.GetByTestId("entry-save").ClickAsync();
        await Expect(supervisor.GetByTestId("share-error")).ToContainTextAsync("bare name");
        await supervisor.GetByTestId("entry-birth-dates").FillAsync("1985");
        await supervisor.GetByTestId("entry-save").ClickAsync();
        await Expect(supervisor.GetByTestId("entry-saved")).ToBeVisibleAsync();
        string entryUrl = supervisor.Url;

        // The officer: the namesake is stopped once, and cleared after the documents are checked.
        IPage officer = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await RecordAsync(officer, name, "1985-03-04", document);
        await Expect(officer).ToHaveURLAsync(new Regex("/Passages/[0-9a-f-]{36}$"));
        await Expect(officer.GetByTestId("hit")).ToContainTextAsync(reference);

        // The record prints for secondary inspection: where, when and which passage, with no form on the sheet.
        string passageId = officer.Url[(officer.Url.LastIndexOf('/') + 1)..];
        await Expect(officer.GetByTestId("print-record-header")).ToBeHiddenAsync();
        await officer.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(officer.GetByTestId("print-record-header")).ToContainTextAsync(passageId);
        await Expect(officer.GetByTestId("print-record-boxes")).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("decide-submit")).ToBeHiddenAsync();
        await Expect(officer.GetByTestId("print-record")).ToBeHiddenAsync();
        await officer.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Null });
        await Expect(officer.GetByTestId("decide-submit")).ToBeVisibleAsync();
        await officer.GetByTestId("reason").FillAsync("Passport and birth certificate checked");
        await officer.GetByTestId("decide-negative").CheckAsync();
        await officer.GetByTestId("decide-submit").ClickAsync();
        await Expect(officer.GetByTestId("clearance-issued")).ToBeVisibleAsync();
        string number = (await officer.GetByTestId("clearance-link").InnerTextAsync()).Trim();

        // The slip, in Arabic and French, to print and hand over.
        await officer.GetByTestId("clearance-link").ClickAsync();
        await Expect(officer.GetByTestId("slip-ar").GetByTestId("clearance-number")).ToHaveTextAsync(number);
        await Expect(officer.GetByTestId("slip-fr")).ToContainTextAsync("Attestation de lev\u00E9e d'homonymie");
        await Expect(officer.GetByTestId("slip-ar")).ToHaveAttributeAsync("dir", "rtl");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "clearance-slip.png"), FullPage = true });

        // Printed, it is one A4 sheet naming the crossing and the officer, with boxes for the signature and the stamp.
        await Expect(officer.GetByTestId("slip-crossing-fr")).ToHaveTextAsync("Ras Jedir");
        await Expect(officer.GetByTestId("slip-officer-ar")).ToHaveTextAsync(BrowserFixture.UserName(Roles.Officer));
        await Expect(officer.GetByTestId("clearance-box-signature")).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("clearance-box-stamp")).ToBeVisibleAsync();
        byte[] pdf = await officer.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "clearance-slip.pdf"), pdf);
        Assert.Equal(1, PdfPages().Count(System.Text.Encoding.Latin1.GetString(pdf)));

        // Next crossing: one action, and the banner names the clearance.
        await RecordAsync(officer, name, "1985-03-04", document);
        await Expect(officer.GetByTestId("cleared-banner")).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("cleared-namesake")).ToContainTextAsync(number);

        // The traveller checks the number on the public page, no sign-in.
        IBrowserContext publicContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "fr-FR" });
        IPage traveller = await publicContext.NewPageAsync();
        await traveller.GotoAsync("/Check?culture=fr&ui-culture=fr");
        await traveller.GetByTestId("check-number").FillAsync(number.ToLowerInvariant());
        await traveller.GetByTestId("check-birth-date").FillAsync("1985-03-04");
        await traveller.GetByTestId("check-submit").ClickAsync();
        await Expect(traveller.GetByTestId("check-result")).ToContainTextAsync("Valide");
        await publicContext.CloseAsync();

        // The owner corrects the date of birth: the next crossing alerts again.
        await supervisor.GotoAsync(entryUrl);
        await supervisor.GetByTestId("entry-birth-dates").FillAsync("1985-03");
        await supervisor.GetByTestId("entry-save").ClickAsync();
        await Expect(supervisor.GetByTestId("entry-history").Locator("tbody tr")).ToHaveCountAsync(2);
        await RecordAsync(officer, name, "1985-03-04", document);
        await Expect(officer).ToHaveURLAsync(new Regex("/Passages/[0-9a-f-]{36}$"));
        await Expect(officer.GetByTestId("decision")).ToContainTextAsync("Referred");

        // Four eyes in the browser: the supervisor decides positive, cannot confirm their own decision.
        await supervisor.GotoAsync(officer.Url);
        await supervisor.GetByTestId("reason").FillAsync("Matches the court file");
        await supervisor.GetByTestId("decide-positive").CheckAsync();
        await supervisor.GetByTestId("decide-submit").ClickAsync();
        await supervisor.GetByTestId("confirm-positive").ClickAsync();
        await Expect(supervisor.GetByTestId("decision-error")).ToContainTextAsync("Four eyes");
        await supervisor.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Committee_SeesTheBorderMapWithCrossingsAndIncidents()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Incidents");
        await page.GetByTestId("incident-type").SelectOptionAsync("Congestion");
        await page.GetByTestId("incident-impact").SelectOptionAsync("High");
        await page.GetByTestId("incident-crossing").SelectOptionAsync(TestData.Crossing);
        await page.GetByTestId("incident-title").FillAsync("Queue of two kilometres");
        await page.GetByTestId("incident-save").ClickAsync();
        await Expect(page.GetByTestId("incident").First).ToContainTextAsync("Queue of two kilometres");

        IPage committee = await SignInAsync(BrowserFixture.UserName(Roles.CommitteeMember));
        await committee.GetByTestId("nav-map").ClickAsync();
        await Expect(committee.GetByTestId("border-map").Locator("path[data-country=LBY]")).ToHaveCountAsync(1);
        await Expect(committee.GetByTestId($"map-crossing-{TestData.Crossing}")).ToHaveCountAsync(1);
        await Expect(committee.GetByTestId("map-incident")).Not.ToHaveCountAsync(0);
        await committee.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "border-map.png"), FullPage = true });
        await page.Context.CloseAsync();
        await committee.Context.CloseAsync();
    }

    /// <summary>A page object of a PDF (<c>/Type /Page</c>, not the <c>/Pages</c> tree).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPages();
}
