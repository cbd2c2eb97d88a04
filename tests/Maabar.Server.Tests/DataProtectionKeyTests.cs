using System.Net;
using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 22 point 8: the data-protection keys (cookies, antiforgery and bearer tokens) live in the database, where
/// every server instance finds them, encrypted with the configured certificate; outside Development a node without
/// one does not start.
/// </summary>
public sealed partial class DataProtectionKeyTests
{
    private static Task<List<string>> KeyXmlAsync(MaabarFactory node) => node.InScopeAsync(sp =>
        sp.GetRequiredService<MaabarDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task TwoInstancesOnOneDatabase_ReadEachOthersAntiforgeryTokensCookiesAndBearerTokens_KeysInTheDatabaseEncrypted(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var first = new MaabarFactory(database);
        first.StartServer();
        await TestData.SeedAsync(first.Services);
        await using var second = new MaabarFactory(database);
        second.StartServer();

        // The sign-in form comes from the first instance; the second accepts its antiforgery token and signs in.
        var cookies = new CookieContainer();
        using var toFirst = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = first.BaseAddress };
        using var toSecond = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = second.BaseAddress };
        string form = await toFirst.GetStringAsync("/Account/Login");
        using HttpResponseMessage signedIn = await toSecond.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = TestData.UserName(AgencyCode.Tunisia, Roles.Officer), ["Password"] = TestData.Password, ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signedIn.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);

        // The session cookie the second issued opens a page on the first.
        using HttpResponseMessage page = await toFirst.GetAsync("/Passages/New");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // A bearer token from the first works on the second.
        using HttpClient api = await first.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using var onSecond = new HttpClient { BaseAddress = second.BaseAddress };
        onSecond.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/crossings")).StatusCode);

        // And anything else one protects, the other unprotects.
        string sealedText = first.Service<IDataProtectionProvider>().CreateProtector("test").Protect("shared key ring");
        Assert.Equal("shared key ring", second.Service<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));

        // The keys are rows of the database, not files of a data folder, and each is encrypted to the certificate.
        List<string> keys = await KeyXmlAsync(first);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
        Assert.False(Directory.Exists(Path.Combine(database.DataDirectory, "keys")));
    }

    [Fact]
    public async Task Development_WithoutCertificate_WarnsAtStart_AndKeepsWorking_KeysUnencrypted()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var node = new MaabarFactory(database, new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = null, ["DataProtection:Certificate:Password"] = null })
        {
            Environment = "Development",
        };
        using HttpClient client = node.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);

        Assert.Contains(node.LogMessages, m => m.StartsWith("No DataProtection:Certificate in Development", StringComparison.Ordinal));
        List<string> keys = await KeyXmlAsync(node);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<value>", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutCertificate_RefusesToStart_BeforeTouchingTheDatabase()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var node = new MaabarFactory(database, new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = null, ["DataProtection:Certificate:Password"] = null })
        {
            Environment = "Production",
        };

        Exception refused = Assert.ThrowsAny<Exception>(node.StartServer);

        Assert.Contains(Flatten(refused), e => e is InvalidOperationException && e.Message.Contains("DataProtection:Certificate:Path", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(database.DataDirectory, "maabar.db")));
    }

    [Fact]
    public async Task Certificate_WrongPassword_RefusesToStart()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var node = new MaabarFactory(database, new Dictionary<string, string?> { ["DataProtection:Certificate:Password"] = "not-the-password" });

        Exception refused = Assert.ThrowsAny<Exception>(node.StartServer);

        Assert.Contains(Flatten(refused), e => e is InvalidOperationException && e.Message.StartsWith("DataProtection:Certificate:Path could not be read", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
