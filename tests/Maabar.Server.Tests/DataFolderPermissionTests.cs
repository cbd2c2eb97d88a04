using System.Net;
using Maabar.Hosting;
using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>Issue 21 point 7: the data folder, the database and the credentials file are the node's account's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task FirstStart_CreatesFolder0700AndDatabaseAndCredentials0600(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        string folder = Path.Combine(database.DataDirectory, "node-data");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = folder,
            ["Bootstrap:AdminPassword"] = string.Empty, // generated, so written to credentials.txt
        };
        if (provider == StorageProvider.Sqlite)
        {
            settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "maabar.db")}";
        }

        await using var factory = new MaabarFactory(database, settings);
        using HttpClient client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode); // data-protection keys written

        Assert.Equal(OwnerOnly.FolderMode, File.GetUnixFileMode(folder));
        string[] files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(folder, "credentials.txt"), files);
        if (provider == StorageProvider.Sqlite)
        {
            Assert.Contains(Path.Combine(folder, "maabar.db"), files);
        }

        Assert.All(
            files.Where(f => Path.GetFileName(f).StartsWith("maabar.db", StringComparison.Ordinal) || Path.GetFileName(f) == "credentials.txt"),
            f => Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(f)));
        Assert.All(
            Directory.GetDirectories(folder, "*", SearchOption.AllDirectories),
            d => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(d) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)));
    }
}
