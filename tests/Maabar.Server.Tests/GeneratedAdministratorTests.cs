using System.Net;
using System.Net.Http.Json;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 21 point 1: the first administrator's generated password (written to credentials.txt) must be changed
/// at the first sign-in, and the file is deleted once it has; a password set by Bootstrap:AdminPassword is not forced.
/// </summary>
public sealed class GeneratedAdministratorTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task FirstSignIn_GeneratedPassword_MustBeChangedAndThenCredentialsFileIsDeleted(StorageProvider provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        string folder = Path.Combine(database.DataDirectory, "node-data");
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder, ["Bootstrap:AdminPassword"] = string.Empty };
        if (provider == StorageProvider.Sqlite)
        {
            settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "maabar.db")}";
        }

        await using var factory = new MaabarFactory(database, settings);
        using HttpClient client = factory.CreateClient();
        string file = Path.Combine(folder, "credentials.txt");
        string password = File.ReadAllLines(file).Single(l => l.StartsWith("admin\t", StringComparison.Ordinal)).Split('\t')[1];

        using HttpResponseMessage first = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password });
        using HttpResponseMessage wrong = await client.PostAsJsonAsync("/api/v1/auth/password", new { username = "admin", currentPassword = "not-it-at-all-1", newPassword = "Admin-own-choice-2027" });
        bool keptAfterWrong = File.Exists(file);
        using HttpResponseMessage changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { username = "admin", currentPassword = password, newPassword = "Admin-own-choice-2027" });

        Assert.Equal(ErrorCodes.PasswordChangeRequired, (await Problem.ReadAsync(first)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.True(keptAfterWrong);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.False(File.Exists(file));
        using HttpClient admin = await factory.CreateApiClientAsync("admin", "Admin-own-choice-2027");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task FirstSignIn_ConfiguredPassword_IsNotForced()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var factory = new MaabarFactory(database);
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = MaabarFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
