using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Documents.Mrz;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maabar.Browser.Tests;

/// <summary>What an officer does at the lane, in a real browser.</summary>
public sealed class OfficerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task<IPage> SignInAsync(string userName) => BrowserFixture.SignInAsync(fixture.Browser, fixture.BaseUrl, userName, chooseEnglish: false);

    [Fact]
    public async Task Officer_SwitchesLanguage_ClearsOneTravellerAndSeesANamesakeReferred()
    {
        string listed = TestData.UniqueLatinName("Listed");
        WatchlistEntry entry = await TestData.AddEntryAsync(fixture.Factory.Services, AgencyCode.Tunisia, "\u062E\u0627\u0644\u062F \u0628\u0646 \u0635\u0627\u0644\u062D", listed, "1979");
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));

        // Arabic by default, right to left, even though the browser asks for English.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home-ar.png"), FullPage = true });

        // Switch to French.
        await page.GetByTestId("lang-fr").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");

        // A clear traveller: one action records the passage.
        await page.GetByTestId("nav-new-passage").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enregistrer un passage");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("name-latin").FillAsync(TestData.UniqueLatinName("Clear"));
        await page.GetByTestId("birth-date").FillAsync("1990-04-12");
        await page.GetByTestId("record").ClickAsync();
        await Expect(page.GetByTestId("cleared-banner")).ToContainTextAsync("Autoris\u00E9");

        // The lane is remembered for the next traveller, and the zone box waits for the scanner.
        await Expect(page.GetByTestId("post-select")).ToHaveValueAsync($"{TestData.Crossing}|CAR-IN-1");
        await Expect(page.GetByTestId("mrz")).ToBeFocusedAsync();

        // This traveller shares a listed person's name and birth year.
        await page.GetByTestId("name-latin").FillAsync(listed);
        await page.GetByTestId("birth-date").FillAsync("1979-08-21");
        await page.GetByTestId("record").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Passages/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("decision")).ToHaveTextAsync("Renvoy\u00E9 au contr\u00F4le secondaire");
        await Expect(page.GetByTestId("hit")).ToContainTextAsync(entry.Reference);

        // Why: the words side by side with their similarity, and what the date of birth did.
        await Expect(page.GetByTestId("aligned-words").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByTestId("aligned-words")).ToContainTextAsync("1.00");
        await Expect(page.GetByTestId("word-weight").First).ToHaveTextAsync(new Regex(@"^[01]\.\d{2}$"));
        await Expect(page.GetByTestId("frequency-model")).ToContainTextAsync(new Regex(@"nf1-[0-9a-f]{12}"));
        await Expect(page.GetByTestId("attribute-effects")).ToContainTextAsync("Date de naissance compatible");

        // The same page in Arabic, for the record.
        await page.GetByTestId("lang-ar").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByTestId("entry-name-ar")).ToHaveTextAsync("\u062E\u0627\u0644\u062F \u0628\u0646 \u0635\u0627\u0644\u062D");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "referred-ar.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_ImpossibleBirthDate_SeesTheFieldErrorAndNothingIsRecorded()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("name-latin").FillAsync(TestData.UniqueLatinName("Typo"));
        await page.GetByTestId("birth-date").FillAsync("1990-02-31");

        await page.GetByTestId("record").ClickAsync();

        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-birth-date")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("birth-date")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("birth-date")).ToHaveValueAsync("1990-02-31");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "form-error-ar.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_ClosedLane_IsRefusedWithAClearMessage()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CLOSED-1");
        await page.GetByTestId("name-latin").FillAsync(TestData.UniqueLatinName("Closed"));

        await page.GetByTestId("record").ClickAsync();

        await Expect(page.GetByTestId("form-error")).ToContainTextAsync("\u0645\u063A\u0644\u0642"); // "closed" in the Arabic message
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_ScansAPassport_ConfirmsTheReadFieldsAndRecordsInOneAction()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        string number = "Z" + Random.Shared.Next(1_000_000, 9_999_999);
        await page.GetByTestId("mrz").FillAsync(MrzWriter.Td3(new MrzFields("P", "TUN", "JAZIRI", "SALMA", number, "TUN", "910704", 'F', "310101")) + "\n");

        await page.GetByTestId("read-mrz").ClickAsync();

        await Expect(page.GetByTestId("mrz-ok")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("name-latin")).ToHaveValueAsync("SALMA JAZIRI");
        await Expect(page.GetByTestId("birth-date")).ToHaveValueAsync("1991-07-04");
        await Expect(page.GetByTestId("doc-number")).ToHaveValueAsync(number);
        await page.GetByTestId("record").ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "mrz-recorded.png"), FullPage = true });
        await Expect(page.GetByTestId("cleared-banner")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_MisreadMrz_SeesTheBadCharacterMarkedAndASuggestion()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        string zone = MrzWriter.Td3(new MrzFields("P", "TUN", "JAZIRI", "SALMA", "Z1234567", "TUN", "910704", 'F', "310101"));
        string[] lines = zone.Split('\n');
        lines[1] = lines[1][..15] + "O" + lines[1][16..]; // the 0 of 910704, position 16 of line 2, read as the letter O
        await page.GetByTestId("mrz").FillAsync(string.Join('\n', lines));

        await page.GetByTestId("read-mrz").ClickAsync();

        // The O itself, and the two check digits it breaks (date of birth, composite), each marked at its position.
        await Expect(page.GetByTestId("mrz-bad")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("mrz-bad").First).ToHaveTextAsync("O");
        await Expect(page.GetByTestId("mrz-errors")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mrz-suggestions")).ToContainTextAsync("910704");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "mrz-error-ar.png"), FullPage = true });

        // Recording anyway is refused: nothing is written from a zone with errors.
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("record").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mrz-bad")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_ScanThenEnter_RecordsEachTravellerWithOneKeyAndABannerNamingThem()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));

        // The measure: every key the pages of this tab receive, counted in the tab's sessionStorage (it survives the
        // form's post and the page that answers it).
        await page.Context.AddInitScriptAsync("document.addEventListener('keydown', function () { var n = Number(sessionStorage.getItem('test.keys') || '0'); sessionStorage.setItem('test.keys', String(n + 1)); }, true);");
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("mrz").FocusAsync(); // once a shift: the lane, then the zone box waits for the scanner
        List<int> measured = [];

        // Two travellers in a row; the second starts with nothing but the scan (the zone box has focus again).
        List<string> banners = [];
        foreach (string family in new[] { TestData.UniqueLetters(), TestData.UniqueLetters() })
        {
            string number = "K" + Random.Shared.Next(1_000_000, 9_999_999);
            string zone = MrzWriter.Td3(new MrzFields("P", "TUN", family, "AMINA", number, "TUN", "880215", 'F', "320101"));

            // The scanner: each line of the zone followed by Enter, typed into the focused box. The scan alone records nothing.
            await page.Keyboard.TypeAsync(zone.TrimEnd('\n') + "\n");
            await Expect(page.GetByTestId("mrz")).ToHaveValueAsync(new Regex(family));
            await Expect(page.GetByTestId("cleared-banner").Filter(new LocatorFilterOptions { HasText = family })).ToHaveCountAsync(0);

            // The officer's keys from the scan to the recorded passage: counted from here by the page itself.
            await page.EvaluateAsync("() => sessionStorage.setItem('test.keys', '0')");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page.GetByTestId("cleared-banner")).ToContainTextAsync($"AMINA {family}");
            await Expect(page.GetByTestId("cleared-document")).ToHaveTextAsync(number);
            measured.Add(int.Parse(await page.EvaluateAsync<string>("() => sessionStorage.getItem('test.keys')"), System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("mrz")).ToBeFocusedAsync();
            banners.Add(await page.GetByTestId("cleared-banner").InnerTextAsync());
        }

        // Target: the scan plus one key, for every traveller. The figure is kept beside the screenshots.
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "keys-scan-to-recorded.txt"), string.Join(' ', measured) + "\n");
        Assert.Equal([1, 1], measured);
        Assert.NotEqual(banners[0], banners[1]);
        await Expect(page.GetByTestId("shortcuts")).ToContainTextAsync("Alt+R");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "scan-enter-ar.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_SignInExpiresMidForm_FindsWhatWasTypedAfterSigningInAgain()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        string name = TestData.UniqueLatinName("Expired");
        await page.GetByTestId("name-latin").FillAsync(name);
        await page.GetByTestId("birth-date").FillAsync("1990-04-12");
        await page.GetByTestId("father").FillAsync("Mokhtar");

        // The sign-in expires (its cookie is gone); Record sends the officer to the sign-in page.
        await page.Context.ClearCookiesAsync();
        await page.GetByTestId("record").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.Locator("input[name=UserName]").FillAsync(BrowserFixture.UserName(Roles.Officer));
        await page.Locator("input[name=Password]").FillAsync(TestData.Password);
        await page.Locator("button[type=submit]").ClickAsync();

        // Back on the form with everything typed, from this tab's sessionStorage; nothing in localStorage.
        await Expect(page).ToHaveURLAsync(new Regex("/Passages/New"));
        await Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("name-latin")).ToHaveValueAsync(name);
        await Expect(page.GetByTestId("birth-date")).ToHaveValueAsync("1990-04-12");
        await Expect(page.GetByTestId("father")).ToHaveValueAsync("Mokhtar");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));

        // Recorded: the draft is gone, the next traveller starts on an empty form.
        await page.GetByTestId("record").ClickAsync();
        await Expect(page.GetByTestId("cleared-banner")).ToContainTextAsync(name);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('maabar.passage-draft')"));
        await page.GotoAsync("/Passages/New");
        await Expect(page.GetByTestId("name-latin")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByTestId("draft-restored")).ToBeHiddenAsync();

        // A form left without sending it (the officer went elsewhere) is not put back: the next traveller starts empty.
        await page.GetByTestId("name-latin").FillAsync(TestData.UniqueLatinName("Left"));
        await page.GotoAsync("/");
        await page.GotoAsync("/Passages/New");
        await Expect(page.GetByTestId("name-latin")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByTestId("draft-restored")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_DecisionWithoutChoice_IsRefused_NegativeWithoutDocument_MayProceedAndOffersTheDocument()
    {
        string listed = TestData.UniqueLatinName("Nodoc");
        await TestData.AddEntryAsync(fixture.Factory.Services, AgencyCode.Tunisia, null, listed, "1979");
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Officer));
        await page.GotoAsync("/Passages/New");
        await page.GetByTestId("post-select").SelectOptionAsync($"{TestData.Crossing}|CAR-IN-1");
        await page.GetByTestId("name-latin").FillAsync(listed);
        await page.GetByTestId("birth-date").FillAsync("1979-08-21");
        Assert.NotNull(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('maabar.passage-draft')"));
        await page.GetByTestId("record").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Passages/[0-9a-f-]{36}$"));
        Guid passageId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // Referred is recorded too: the passage page drops the tab's draft of the form.
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('maabar.passage-draft') === null");

        // No decision is chosen in advance; sending the reason alone is refused, the reason kept, the hit still open.
        await Expect(page.GetByTestId("decide-form").Locator("input[name=outcome]:checked")).ToHaveCountAsync(0);
        await page.GetByTestId("reason").FillAsync("Documents checked");
        await page.GetByTestId("decide-submit").ClickAsync();
        await Expect(page.GetByTestId("decision-error")).ToHaveAttributeAsync("data-code", "decision.required");
        await Expect(page.GetByTestId("reason")).ToHaveValueAsync("Documents checked");
        await Expect(page.GetByTestId("decision")).ToHaveClassAsync(new Regex("alert-danger"));
        await using (AsyncServiceScope scope = fixture.Factory.Services.CreateAsyncScope())
        {
            Hit hit = await scope.ServiceProvider.GetRequiredService<MaabarDbContext>().Hits.AsNoTracking().SingleAsync(h => h.PassageId == passageId);
            Assert.Equal(HitStatus.Open, hit.Status);
            Assert.Null(hit.Outcome);
        }

        // Negative: the traveller may proceed (green), the red referral is gone, and no clearance is explained with an offer.
        await page.GetByTestId("decide-negative").CheckAsync();
        await page.GetByTestId("decide-submit").ClickAsync();
        await Expect(page.GetByTestId("decision")).ToHaveClassAsync(new Regex("alert-ok"));
        await Expect(page.Locator(".alert-danger")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("no-clearance")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("clearance-issued")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "negative-no-document-ar.png"), FullPage = true });

        // The offer: the form again with the traveller, waiting in the document number.
        await page.GetByTestId("add-document").ClickAsync();
        await Expect(page.GetByTestId("again")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("name-latin")).ToHaveValueAsync(listed);
        await Expect(page.GetByTestId("birth-date")).ToHaveValueAsync("1979-08-21");
        await Expect(page.GetByTestId("doc-number")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Liaison_ReplyWithoutAnswer_IsRefusedAndNothingIsSent()
    {
        string reference = "LY-" + TestData.UniqueLetters();
        Guid messageId = Guid.CreateVersion7();
        DateTime now = fixture.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (AsyncServiceScope scope = fixture.Factory.Services.CreateAsyncScope())
        {
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            db.InboxMessages.Add(new InboxMessage
            {
                MessageId = messageId, Sender = AgencyCode.Libya, Recipient = AgencyCode.Tunisia, Type = MessageTypes.RequestForInformation, Version = 1,
                CreatedUtc = now, ReceivedUtc = now, ReplyDueUtc = now.AddHours(12), Sequence = Random.Shared.Next(1_000_000, 2_000_000),
                Payload = $$"""{"reference":"{{reference}}","crossingId":"{{TestData.Crossing}}"}""",
            });
            await db.SaveChangesAsync();
        }

        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.LiaisonOfficer));
        await page.GotoAsync("/Liaison");
        ILocator row = page.GetByTestId("inbox-row").Filter(new LocatorFilterOptions { HasText = reference });
        await Expect(row.GetByTestId("reply-outcome")).ToHaveValueAsync(string.Empty);

        // A reason and Enter, no answer chosen: refused, the reason kept, the message still unanswered.
        await row.GetByTestId("reply-reason").FillAsync("Checked our files");
        await row.GetByTestId("reply-reason").PressAsync("Enter");
        await Expect(page.GetByTestId("reply-error")).ToHaveAttributeAsync("data-code", "answer.required");
        await Expect(row.GetByTestId("reply-reason")).ToHaveValueAsync("Checked our files");
        await using (AsyncServiceScope scope = fixture.Factory.Services.CreateAsyncScope())
        {
            MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
            Assert.Null((await db.InboxMessages.AsNoTracking().SingleAsync(m => m.MessageId == messageId)).RepliedUtc);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.CorrelationId == messageId));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Analyst_HasNoPassageScreen()
    {
        IPage page = await SignInAsync(BrowserFixture.UserName(Roles.Analyst));

        await Expect(page.GetByTestId("nav-new-passage")).ToHaveCountAsync(0);
        await page.GotoAsync("/Passages/New");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await page.Context.CloseAsync();
    }
}
