using System.Text;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Maabar.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Maabar.Cli.Tests.CliRunner;

namespace Maabar.Cli.Tests;

public sealed class WatchlistImportTests
{
    private static ServiceProvider Services(TestDatabase database)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMaabarStorage(configuration, database.DataDirectory);
        return services.BuildServiceProvider();
    }

    private static string[] Import(TestDatabase database, string file) =>
        ["watchlist", "import", "--format", "un-xml", file, .. database.StorageArguments()];

    /// <summary>
    /// The UN sample imported twice changes nothing the second time; a later list without one individual
    /// and with another's date of birth corrected withdraws the first and updates the second.
    /// </summary>
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Import_UnSample_IsIdempotent_ThenUpdatesAndWithdraws(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        string sample = RepositoryPaths.SharedData("watchlists/un-consolidated-sample.xml");

        var first = await RunAsync(Import(database, sample));
        var second = await RunAsync(Import(database, sample));

        Assert.Equal(0, first.Code);
        Assert.Contains("added: 17\nupdated: 0\nunchanged: 0\nwithdrawn: 0\nrejected: 0\nentities skipped: 4", first.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("importing [####################] 100% 17/17", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.Code);
        Assert.Contains("added: 0\nupdated: 0\nunchanged: 17\nwithdrawn: 0", second.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // The next edition: MLi.001 delisted, SOi.001's date of birth corrected.
        string next = Path.Combine(database.DataDirectory, "next.xml");
        Directory.CreateDirectory(database.DataDirectory);
        string xml = await File.ReadAllTextAsync(sample);
        int start = xml.LastIndexOf("<INDIVIDUAL>", xml.IndexOf("MLi.001", StringComparison.Ordinal), StringComparison.Ordinal);
        int end = xml.IndexOf("</INDIVIDUAL>", start, StringComparison.Ordinal) + "</INDIVIDUAL>".Length;
        xml = xml.Remove(start, end - start).Replace("1965-12-24", "1966-12-24", StringComparison.Ordinal);
        await File.WriteAllTextAsync(next, xml, Encoding.UTF8);

        var third = await RunAsync(Import(database, next));

        Assert.Equal(0, third.Code);
        Assert.Contains("added: 0\nupdated: 1\nunchanged: 15\nwithdrawn: 1", third.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await using ServiceProvider services = Services(database);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        WatchlistEntry mali = await db.WatchlistEntries.SingleAsync(e => e.Reference == "MLi.001");
        WatchlistEntry somali = await db.WatchlistEntries.SingleAsync(e => e.Reference == "SOi.001");
        WatchlistEntry father = await db.WatchlistEntries.SingleAsync(e => e.Reference == "IQi.001");
        Assert.NotNull(mali.WithdrawnUtc);
        Assert.Equal(2, mali.Version);
        Assert.Equal("1966-12-24", somali.BirthDate.ToString());
        Assert.Equal(2, somali.Version);
        Assert.Equal(WatchlistCategory.UnSanctions, father.Category);
        Assert.Equal("\u0635\u062F\u0627\u0645 \u062D\u0633\u064A\u0646 \u0627\u0644\u062A\u0643\u0631\u064A\u062A\u064A", father.FullNameArabic);
        Assert.Empty(father.Aliases); // its only alias, "Abu Ali", is of low quality
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.WatchlistEntryWithdrawn && a.EntityId == mali.Id.ToString()));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.WatchlistImported));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Import_AuditRows_NameTheOperatingSystemUser_AndTheCommandLineSession(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);

        var result = await RunAsync(Import(database, RepositoryPaths.SharedData("watchlists/un-consolidated-sample.xml")));

        Assert.Equal(0, result.Code);
        await using ServiceProvider services = Services(database);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        List<AuditEntry> rows = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.WatchlistImported || a.Action == AuditActions.WatchlistEntryCreated).ToListAsync();
        Assert.Equal(18, rows.Count);
        Assert.All(rows, r => Assert.Equal(("os:" + Environment.UserName, "local"), (r.UserName, r.ClientAddress)));
        Assert.All(rows, r => Assert.StartsWith("cli:", r.SessionId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL></CONSOLIDATED_LIST>", "un.xml")]
    [InlineData("<OTHER/>", "other.xml")]
    public async Task Import_MalformedList_ExitsWith2_AndNamesTheFile(string xml, string name)
    {
        string folder = Directory.CreateTempSubdirectory("maabar-import-").FullName;
        try
        {
            string path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, xml);

            var result = await RunAsync("watchlist", "import", "--format", "un-xml", path, "--data-dir", folder);

            Assert.Equal(2, result.Code);
            Assert.StartsWith($"maabar: {name}:", result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "maabar.db")), "nothing is written for a list that cannot be read");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_Csv_AddsThenUpdatesByIdWithTheGivenCategory()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Directory.CreateDirectory(database.DataDirectory);
        string path = Path.Combine(database.DataDirectory, "list.csv");
        string[] args = ["watchlist", "import", "--format", "csv", path, "--category", "RefuseEntry", "--agency", "LBY", .. database.StorageArguments()];
        await File.WriteAllTextAsync(path, "id,name,aliases,dob,gender,nationality,father_name,mother_name,document_number\n"
            + "L1,Hamza Ben Faraj Zintani,Hamza Zintani,1966,M,LBY,Faraj,,LY123\n"
            + "L2,\u0633\u0627\u0644\u0645 \u0627\u0644\u0633\u0648\u064A\u062D\u0644\u064A,,1970-05-01,M,LBY,,,\n"); // Salim al-Suwayhli

        var first = await RunAsync(args);
        await File.WriteAllTextAsync(path, "id,name,dob\nL1,Hamza Ben Faraj Zintani,1967\n");
        var second = await RunAsync(args);

        Assert.Equal(0, first.Code);
        Assert.Contains("added: 2\nupdated: 0", first.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("added: 0\nupdated: 1\nunchanged: 0\nwithdrawn: 0", second.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await using ServiceProvider services = Services(database);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        WatchlistEntry hamza = await db.WatchlistEntries.SingleAsync(e => e.Reference == "L1");
        WatchlistEntry salem = await db.WatchlistEntries.SingleAsync(e => e.Reference == "L2");
        Assert.Equal(("LBY", WatchlistCategory.RefuseEntry, 2, "1967"), (hamza.OwnerAgency, hamza.Category, hamza.Version, hamza.BirthDate.ToString()));
        Assert.NotNull(salem.FullNameArabic);
        Assert.Null(salem.FullNameLatin);
        Assert.Null(salem.WithdrawnUtc);
    }

    [Theory]
    [InlineData("id,name,dob\nL1,Ali,1975-13\n", "line 2: dob")]
    [InlineData("id,name\nL1,Ali\nL1,Omar\n", "line 3: id 'L1' repeats line 2")]
    public async Task Import_MalformedCsv_ExitsWith2_NamingTheLine(string text, string problem)
    {
        string folder = Directory.CreateTempSubdirectory("maabar-import-").FullName;
        try
        {
            string path = Path.Combine(folder, "list.csv");
            await File.WriteAllTextAsync(path, text);

            var result = await RunAsync("watchlist", "import", "--format", "csv", path, "--category", "Arrest", "--data-dir", folder);

            Assert.Equal(2, result.Code);
            Assert.Contains(problem, result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "maabar.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_CsvWithoutCategory_IsBadInput()
    {
        var result = await RunAsync("watchlist", "import", "--format", "csv", "list.csv");

        Assert.Equal(2, result.Code);
        Assert.Contains("--category", result.Error, StringComparison.Ordinal);
    }
}
