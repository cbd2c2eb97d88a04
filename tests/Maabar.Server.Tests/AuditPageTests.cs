using System.Net;
using System.Text.RegularExpressions;
using Maabar.Core;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>The audit trail page: actions and record types in words, filters, pages by key, CSV export (itself audited).</summary>
public abstract partial class PageTests
{
    private const string PassageRecordedInArabic = "\u062A\u0633\u062C\u064A\u0644 \u0639\u0628\u0648\u0631"; // "passage recorded" in Arabic letters

    /// <summary>
    /// Writes <paramref name="count"/> audit rows of one made-up user of Tunisia's agency: the first five on
    /// 10 March 2025 (node time), the rest on 12 March 2025. Returns the user's name (unique to the test).
    /// </summary>
    private async Task<string> WriteAuditRowsAsync(int count)
    {
        string userName = "audit-" + TestData.UniqueLetters().ToLowerInvariant();
        var actor = new Actor(Guid.CreateVersion7(), userName, AgencyCode.Tunisia, new HashSet<string> { Roles.Officer });
        await Factory.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            for (int i = 0; i < count; i++)
            {
                var when = new DateTime(2025, 3, i < 5 ? 10 : 12, 9, 0, 0, DateTimeKind.Utc).AddSeconds(i);
                db.Audit(actor, when, AuditActions.PassageRecorded, "passage", Guid.CreateVersion7().ToString(), "api.passages", $"n={i}");
            }

            return await db.SaveChangesAsync();
        });
        return userName;
    }

    [Fact]
    public async Task AuditTrail_InArabic_ShowsWords_FiltersByUserActionAndDay_AndPagesByKey()
    {
        string userName = await WriteAuditRowsAsync(105);
        using HttpClient admin = await SignedInAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Administrator));

        string first = await admin.GetStringAsync($"/Admin/Audit?userName={userName}&action={AuditActions.PassageRecorded}");
        string olderLink = WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value);
        string second = await admin.GetStringAsync("/Admin/Audit" + olderLink);
        string oneDay = await admin.GetStringAsync($"/Admin/Audit?userName={userName}&from=2025-03-10&to=2025-03-10");
        string otherAction = await admin.GetStringAsync($"/Admin/Audit?userName={userName}&action={AuditActions.PassageRead}");

        List<string> firstDetails = Details(first);
        List<string> secondDetails = Details(second);
        Assert.Equal(100, firstDetails.Count);
        Assert.Equal(5, secondDetails.Count);
        Assert.Empty(firstDetails.Intersect(secondDetails));
        Assert.Equal(105, firstDetails.Concat(secondDetails).Distinct().Count());
        Assert.Equal("n=104", firstDetails[0]);
        Assert.DoesNotContain("data-testid=\"audit-older\"", second, StringComparison.Ordinal);
        Assert.Contains(PassageRecordedInArabic, WebUtility.HtmlDecode(first), StringComparison.Ordinal);
        Assert.DoesNotContain(">passage.recorded<", first, StringComparison.Ordinal);
        Assert.Equal(["n=4", "n=3", "n=2", "n=1", "n=0"], Details(oneDay));
        Assert.Contains("data-testid=\"audit-empty\"", otherAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_Export_IsTheFilteredRowsAsCsv_AndIsItselfAudited()
    {
        string userName = await WriteAuditRowsAsync(12);
        string administrator = TestData.UserName(AgencyCode.Tunisia, Roles.Administrator);
        using HttpClient admin = await SignedInAsync(administrator);
        int exportsBefore = await ExportsAuditedAsync(administrator);

        using HttpResponseMessage response = await admin.GetAsync($"/Admin/Audit?handler=Csv&userName={userName}&from=2025-03-12");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        string[] lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("position,occurredUtc,userName,", lines[0], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains($",{userName},", l, StringComparison.Ordinal));
        Assert.Equal(exportsBefore + 1, await ExportsAuditedAsync(administrator));
    }

    [Fact]
    public async Task AuditTrail_ExportByANonAdministrator_IsRefused_AndWritesNothing()
    {
        string analyst = TestData.UserName(AgencyCode.Tunisia, Roles.Analyst);
        using HttpClient client = await SignedInAsync(analyst);
        int before = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.AuditRead));

        using HttpResponseMessage response = await client.GetAsync("/Admin/Audit?handler=Csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.AuditRead)));
    }

    private Task<int> ExportsAuditedAsync(string userName) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.AuditRead && a.Purpose == "audit.export" && a.UserName == userName));

    private static List<string> Details(string html) => [.. AuditDetails().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<bdi dir=\"ltr\">(n=\\d+)</bdi>")]
    private static partial Regex AuditDetails();

    [GeneratedRegex("href=\"([^\"]*)\" data-testid=\"audit-older\"")]
    private static partial Regex OlderLink();
}
