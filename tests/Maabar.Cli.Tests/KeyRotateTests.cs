using System.Security.Cryptography;
using Maabar.Federation;

namespace Maabar.Cli.Tests;

/// <summary>Issue 22 point 7: <c>maabar keys rotate</c> writes a new pair beside the current one, untouched, and says what to send.</summary>
public sealed class KeyRotateTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "maabar-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    [Fact]
    public async Task KeysRotate_AfterGenerate_WritesANewPairBesideTheCurrent_PrintsBothKeyIdsAndThePublicKey()
    {
        Assert.Equal(MaabarCli.Success, (await CliRunner.RunAsync("keys", "generate", "--agency", "TUN", "--out", folder)).Code);
        string currentPrivate = Path.Combine(folder, "tun.private.pem");
        string currentPublic = Path.Combine(folder, "tun.public.pem");
        byte[] privateBefore = File.ReadAllBytes(currentPrivate);
        byte[] publicBefore = File.ReadAllBytes(currentPublic);

        (int code, string output, string error) = await CliRunner.RunAsync("keys", "rotate", "--agency", "tun", "--out", folder);

        Assert.Equal(MaabarCli.Success, code);
        Assert.Empty(error);
        string newId = Line(output, "new key id: ");
        string currentId = Line(output, "current key id: ");
        string newPrivate = Line(output, "private key: ");
        string newPublic = Line(output, "public key: ");
        Assert.Equal(Path.Combine(folder, $"tun.{newId}.private.pem"), newPrivate);
        Assert.Equal(KeyIds.OfPem(File.ReadAllText(currentPublic)), currentId);
        Assert.NotEqual(currentId, newId);
        Assert.Equal(newId, KeyIds.OfPem(File.ReadAllText(newPublic)));
        Assert.Contains(File.ReadAllText(newPublic).Trim(), output, StringComparison.Ordinal);
        Assert.Contains("RotationPublicKeyFile", output, StringComparison.Ordinal);

        // The new private key is the new public key's pair, readable by its owner only; the current pair is untouched.
        using (var key = ECDsa.Create())
        {
            key.ImportFromPem(File.ReadAllText(newPrivate));
            Assert.Equal(newId, KeyIds.Of(key));
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(newPrivate));
        }

        Assert.Equal(privateBefore, File.ReadAllBytes(currentPrivate));
        Assert.Equal(publicBefore, File.ReadAllBytes(currentPublic));
    }

    [Fact]
    public async Task KeysRotate_NotAnAgencyCode_Exits2_AndWritesNothing()
    {
        (int code, _, string error) = await CliRunner.RunAsync("keys", "rotate", "--agency", "TUNISIA", "--out", folder);

        Assert.Equal(MaabarCli.BadInput, code);
        Assert.Contains("not an agency code", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}
