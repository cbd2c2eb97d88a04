using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maabar.Core.Features.Federation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Maabar.Federation;

/// <summary>
/// This node's signing key and its partners' public keys (one, or two during a rotation, each known by its key id),
/// addresses and client-certificate pins, loaded once from configuration. Also the node's <see cref="IPartnerDirectory"/>:
/// the partners configured are those messages are queued for.
/// </summary>
public sealed class NodeKeys : IPartnerDirectory, IDisposable
{
    private readonly Dictionary<string, Partner> partners = new(StringComparer.Ordinal);
    private readonly ECDsa? signing;
    private readonly HashSet<string> identityAtReferral = new(StringComparer.Ordinal);

    public NodeKeys(IOptions<FederationOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        FederationOptions o = options.Value;
        string? privatePem = o.PrivateKey ?? Read(o.PrivateKeyFile, environment.ContentRootPath);
        if (privatePem is not null)
        {
            signing = ECDsa.Create();
            signing.ImportFromPem(privatePem);
            SigningKeyId = KeyIds.Of(signing);
        }

        foreach (PartnerOptions partner in o.Partners)
        {
            string pem = partner.PublicKey ?? Read(partner.PublicKeyFile, environment.ContentRootPath)
                ?? throw new InvalidOperationException($"Federation: partner {partner.Agency} has no public key (PublicKey or PublicKeyFile).");
            string? rotation = partner.RotationPublicKey ?? Read(partner.RotationPublicKeyFile, environment.ContentRootPath);
            var keys = new List<(string KeyId, ECDsa Key)>();
            foreach (string text in rotation is null ? [pem] : new[] { pem, rotation })
            {
                var key = ECDsa.Create();
                key.ImportFromPem(text);
                keys.Add((KeyIds.Of(key), key));
            }

            partners[partner.Agency] = new Partner(keys, partner.BaseUrl!, partner.EnvelopeFormat,
                partner.ClientCertificateSha256.Select(CertificatePins.Normalize).ToHashSet(StringComparer.Ordinal));
            if (partner.IdentityAtReferral)
            {
                identityAtReferral.Add(partner.Agency);
            }
        }

        if (partners.Count > 0 && signing is null)
        {
            throw new InvalidOperationException("Federation: partners are configured but this node has no private key (PrivateKey or PrivateKeyFile); run 'maabar keys generate'.");
        }

        Partners = partners.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public IReadOnlySet<string> Partners { get; }

    /// <inheritdoc/>
    public bool SharesIdentityAtReferral(string agency) => identityAtReferral.Contains(agency);

    /// <summary>True when this node has a private key.</summary>
    public bool HasSigningKey => signing is not null;

    /// <summary>This node's signing key.</summary>
    public ECDsa Signing => signing ?? throw new InvalidOperationException("Federation: no private key configured.");

    /// <summary>The key id of this node's signing key (<see cref="KeyIds.Of"/>), or null without one.</summary>
    public string? SigningKeyId { get; }

    /// <summary>A partner's first public key, or null when the agency is not a partner.</summary>
    public ECDsa? PublicKeyOf(string agency) => partners.TryGetValue(agency, out Partner? p) ? p.Keys[0].Key : null;

    /// <summary>A partner's public keys (one, or two during a rotation) with their ids; empty when the agency is not a partner.</summary>
    public IReadOnlyList<(string KeyId, ECDsa Key)> PublicKeysOf(string agency) => partners.TryGetValue(agency, out Partner? p) ? p.Keys : [];

    /// <summary>The envelope format this node sends to <paramref name="agency"/> (1 or 2).</summary>
    public int EnvelopeFormatFor(string agency) => partners.TryGetValue(agency, out Partner? p) ? p.EnvelopeFormat : 2;

    /// <summary>The SHA-256 thumbprints a partner's client certificate must match; empty when none is asked of it.</summary>
    public IReadOnlySet<string> CertificatePinsOf(string agency) => partners.TryGetValue(agency, out Partner? p) ? p.Pins : new HashSet<string>();

    /// <summary>True when some partner is pinned to a client certificate (Kestrel must then ask for one).</summary>
    public bool AnyCertificatePins => partners.Values.Any(p => p.Pins.Count > 0);

    /// <summary>A partner's inbox address.</summary>
    public Uri InboxOf(string agency) => new(partners[agency].BaseUrl, "/api/v1/federation/inbox");

    private static string? Read(string? file, string root) => file is null ? null : File.ReadAllText(Path.GetFullPath(file, root));

    public void Dispose()
    {
        signing?.Dispose();
        foreach (Partner partner in partners.Values)
        {
            foreach ((_, ECDsa key) in partner.Keys)
            {
                key.Dispose();
            }
        }
    }

    private sealed record Partner(List<(string KeyId, ECDsa Key)> Keys, Uri BaseUrl, int EnvelopeFormat, HashSet<string> Pins);
}

/// <summary>Key ids: how an envelope names the key that signed it, so a partner may hold two during a rotation.</summary>
public static class KeyIds
{
    /// <summary>Hex characters in a key id (64 bits of the thumbprint: enough to tell a partner's keys apart; the signature still decides).</summary>
    public const int Length = 16;

    /// <summary>The first 16 hex characters (lower case) of the SHA-256 of the key's SubjectPublicKeyInfo (DER).</summary>
    public static string Of(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..Length];
    }

    /// <summary>The key id of a public key given as PEM.</summary>
    public static string OfPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return Of(key);
    }
}

/// <summary>Client-certificate pins (mutual TLS between nodes): a certificate is accepted when its SHA-256 thumbprint is pinned.</summary>
public static class CertificatePins
{
    /// <summary>A thumbprint as configured (hex, any case, colons or spaces allowed) in the form compared: 64 lower-case hex characters.</summary>
    public static string Normalize(string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return new string([.. thumbprint.Where(c => c is not (':' or ' ' or '-')).Select(char.ToLowerInvariant)]);
    }

    /// <summary>True when <paramref name="thumbprint"/> is 64 hex characters once normalised.</summary>
    public static bool IsWellFormed(string thumbprint) =>
        Normalize(thumbprint) is { Length: 64 } n && n.All(char.IsAsciiHexDigitLower);

    /// <summary>The SHA-256 thumbprint (lower-case hex) of a certificate's DER encoding.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>
    /// The pin check: true when no pin is configured for the partner, or when a certificate was presented and its
    /// thumbprint is one of the pins. A missing certificate never matches a pin.
    /// </summary>
    public static bool Admits(IReadOnlySet<string> pins, X509Certificate2? presented)
    {
        ArgumentNullException.ThrowIfNull(pins);
        return pins.Count == 0 || (presented is not null && pins.Contains(Of(presented)));
    }
}

/// <summary>
/// Start-up checks of section <c>Federation</c> that need more than attributes: partner addresses use <c>https://</c>
/// outside Development (a loopback address excepted: the traffic does not leave the machine, e.g. a TLS sidecar),
/// at most one rotation key and two pins per partner, well-formed pins, format 1 sent only during its transition.
/// </summary>
public sealed class FederationOptionsValidator(IHostEnvironment environment, TimeProvider clock) : IValidateOptions<FederationOptions>
{
    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        bool development = environment.IsDevelopment();
        DateTimeOffset now = clock.GetUtcNow();
        foreach (PartnerOptions partner in options.Partners)
        {
            if (partner.BaseUrl is { } url && !development && url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            {
                errors.Add($"Federation:Partners ({partner.Agency}): BaseUrl {url} must use https:// outside the Development environment (environment '{environment.EnvironmentName}').");
            }

            if (partner.ClientCertificateSha256.Count > 2)
            {
                errors.Add($"Federation:Partners ({partner.Agency}): at most two ClientCertificateSha256 pins (one during a rotation).");
            }

            errors.AddRange(partner.ClientCertificateSha256.Where(p => !CertificatePins.IsWellFormed(p))
                .Select(_ => $"Federation:Partners ({partner.Agency}): a ClientCertificateSha256 pin is not 64 hexadecimal characters."));
            if (partner.RotationPublicKey is not null && partner.RotationPublicKeyFile is not null)
            {
                errors.Add($"Federation:Partners ({partner.Agency}): RotationPublicKey and RotationPublicKeyFile both set; one rotation key at most.");
            }

            if (partner.EnvelopeFormat == 1 && (options.AcceptV1Until is not { } until || until <= now))
            {
                errors.Add($"Federation:Partners ({partner.Agency}): EnvelopeFormat 1 is allowed only during the transition (Federation:AcceptV1Until in the future).");
            }
        }

        if (options.ClientCertificateKeyFile is not null && options.ClientCertificateFile is null)
        {
            errors.Add("Federation:ClientCertificateKeyFile is set without Federation:ClientCertificateFile.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>The node's key signs the audit trail's checkpoints too (a node without a key leaves them unsigned).</summary>
internal sealed class NodeAuditSigner(NodeKeys keys) : Maabar.Core.Data.IAuditSigner
{
    private readonly string? publicKey = keys.HasSigningKey ? Convert.ToBase64String(keys.Signing.ExportSubjectPublicKeyInfo()) : null;

    public string? PublicKey => publicKey;

    public byte[]? Sign(byte[] data) => keys.HasSigningKey ? keys.Signing.SignData(data, HashAlgorithmName.SHA256) : null;
}

/// <summary>Node key pairs: ECDSA P-256, private key PKCS#8 PEM, public key SubjectPublicKeyInfo PEM.</summary>
public static class KeyFiles
{
    /// <summary>Writes <c>{agency}.private.pem</c> (owner read/write only) and <c>{agency}.public.pem</c> into <paramref name="directory"/>; refuses to overwrite a private key.</summary>
    public static (string PrivateFile, string PublicFile) Generate(string directory, string agency)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(agency);
        Directory.CreateDirectory(directory);
        string privateFile = Path.Combine(directory, agency.ToLowerInvariant() + ".private.pem");
        string publicFile = Path.Combine(directory, agency.ToLowerInvariant() + ".public.pem");
        if (File.Exists(privateFile))
        {
            throw new IOException($"{privateFile} exists: a node's key is not replaced silently (move it away first).");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Write(key, privateFile, publicFile);
        return (privateFile, publicFile);
    }

    /// <summary>
    /// A key rotation's first step: a new key pair written beside the current one as <c>{agency}.{keyid}.private.pem</c>
    /// (owner read/write only) and <c>{agency}.{keyid}.public.pem</c>, the current key left untouched (the node keeps
    /// signing with it until its configuration names the new one). Returns the files, the new key id and the public key PEM.
    /// </summary>
    public static (string PrivateFile, string PublicFile, string KeyId, string PublicPem) Rotate(string directory, string agency)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(agency);
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string keyId = KeyIds.Of(key);
        string stem = Path.Combine(directory, agency.ToLowerInvariant() + "." + keyId);
        (string privateFile, string publicFile) = (stem + ".private.pem", stem + ".public.pem");
        Write(key, privateFile, publicFile);
        return (privateFile, publicFile, keyId, key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The key id of the public key in <paramref name="file"/>, or null when there is no such file.</summary>
    public static string? KeyIdOfFile(string file) => File.Exists(file) ? KeyIds.OfPem(File.ReadAllText(file)) : null;

    private static void Write(ECDsa key, string privateFile, string publicFile)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privateFile, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(publicFile, key.ExportSubjectPublicKeyInfoPem());
    }
}
