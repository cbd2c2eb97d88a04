using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Maabar.Testing;

/// <summary>Throwaway self-signed certificates made in the test process (never a file from elsewhere).</summary>
public static class TestCertificates
{
    public const string Password = "key-ring-test-password";

    private static readonly Lazy<string> SharedFile = new(() => WritePfx("maabar-test-key-ring"));

    /// <summary>
    /// A PKCS#12 file (password <see cref="Password"/>) with an RSA key, shared by the servers of this test process:
    /// what <c>DataProtection:Certificate:Path</c> names outside Development.
    /// </summary>
    public static string KeyRingPfx => SharedFile.Value;

    /// <summary>A new self-signed RSA certificate with its private key, written as a PKCS#12 file; returns the path.</summary>
    /// <param name="subject">The common name.</param>
    public static string WritePfx(string subject)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));

        // Valid from well before any date a test's clock may show until well after: the key ring does not check it.
        DateTimeOffset now = TestClock.Machine.GetUtcNow();
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(10));
        string folder = Path.Combine(Path.GetTempPath(), "maabar-tests", "certificates");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{subject}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
