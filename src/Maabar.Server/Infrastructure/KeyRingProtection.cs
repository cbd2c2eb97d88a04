using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maabar.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Maabar.Server.Infrastructure;

/// <summary>
/// Section <c>DataProtection</c>: the certificate that encrypts the data-protection key ring at rest. Either a
/// PKCS#12 file (<c>Certificate:Path</c>, with <c>Certificate:Password</c>) or a certificate in the machine's or the
/// user's "My" store (<c>Certificate:Thumbprint</c>); it must hold an RSA private key.
/// </summary>
internal sealed class KeyRingCertificateOptions
{
    public const string SectionName = "DataProtection:Certificate";

    /// <summary>A .pfx / .p12 file with the certificate and its private key.</summary>
    public string? Path { get; set; }

    /// <summary>The file's password (empty for none).</summary>
    public string? Password { get; set; }

    /// <summary>The thumbprint (SHA-1, hex) of a certificate in CurrentUser\My or LocalMachine\My.</summary>
    public string? Thumbprint { get; set; }
}

/// <summary>Whether the key ring is encrypted at rest; told once at start-up (a warning when it is not).</summary>
/// <param name="Certificate">The certificate in use, or null in Development without one.</param>
internal sealed record KeyRingProtection(X509Certificate2? Certificate)
{
    /// <summary>
    /// Keeps the data-protection keys (cookies, antiforgery and bearer tokens) in the node's database, where every
    /// server instance finds them, encrypted with the configured certificate. Outside Development a node without a
    /// certificate does not start: an unencrypted key ring in a shared database would let anyone who reads the
    /// database forge sessions.
    /// </summary>
    public static KeyRingProtection AddTo(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        IDataProtectionBuilder builder = services.AddDataProtection().SetApplicationName("Maabar").PersistKeysToDbContext<MaabarDbContext>();
        KeyRingCertificateOptions options = configuration.GetSection(KeyRingCertificateOptions.SectionName).Get<KeyRingCertificateOptions>() ?? new();
        X509Certificate2? certificate = Load(options);
        if (certificate is null && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"DataProtection:Certificate:Path (with :Password) or DataProtection:Certificate:Thumbprint is required in {environment.EnvironmentName}: " +
                "the data-protection keys are kept in the database and must be encrypted at rest. Only Development runs without one.");
        }

        if (certificate is not null)
        {
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        var protection = new KeyRingProtection(certificate);
        services.AddSingleton(protection);
        return protection;
    }

    private static X509Certificate2? Load(KeyRingCertificateOptions options)
    {
        X509Certificate2? certificate;
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Path, string.IsNullOrEmpty(options.Password) ? null : options.Password);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"DataProtection:Certificate:Path could not be read as a PKCS#12 file with its password: {ex.GetType().Name}.", ex);
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Thumbprint))
        {
            certificate = FromStore(options.Thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal), StoreLocation.CurrentUser)
                ?? FromStore(options.Thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal), StoreLocation.LocalMachine)
                ?? throw new InvalidOperationException("DataProtection:Certificate:Thumbprint names no certificate in CurrentUser\\My or LocalMachine\\My.");
        }
        else
        {
            return null;
        }

        using RSA? key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException("DataProtection:Certificate must hold an RSA private key (the key ring is encrypted with XML encryption to it).");
        }

        return certificate;
    }

    private static X509Certificate2? FromStore(string thumbprint, StoreLocation location)
    {
        using var store = new X509Store(StoreName.My, location);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException)
        {
            return null;
        }

        X509Certificate2Collection found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        return found.Count > 0 ? found[0] : null;
    }
}
