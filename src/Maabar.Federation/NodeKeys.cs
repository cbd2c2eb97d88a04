using System.Security.Cryptography;
using Maabar.Core.Features.Federation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Maabar.Federation;

/// <summary>
/// This node's signing key and its partners' public keys and addresses, loaded once from configuration.
/// Also the node's <see cref="IPartnerDirectory"/>: the partners configured are those messages are queued for.
/// </summary>
public sealed class NodeKeys : IPartnerDirectory, IDisposable
{
    private readonly Dictionary<string, (ECDsa Key, Uri BaseUrl)> partners = new(StringComparer.Ordinal);
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
        }

        foreach (PartnerOptions partner in o.Partners)
        {
            string pem = partner.PublicKey ?? Read(partner.PublicKeyFile, environment.ContentRootPath)
                ?? throw new InvalidOperationException($"Federation: partner {partner.Agency} has no public key (PublicKey or PublicKeyFile).");
            var key = ECDsa.Create();
            key.ImportFromPem(pem);
            partners[partner.Agency] = (key, partner.BaseUrl!);
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

    /// <summary>A partner's public key, or null when the agency is not a partner.</summary>
    public ECDsa? PublicKeyOf(string agency) => partners.TryGetValue(agency, out var p) ? p.Key : null;

    /// <summary>A partner's inbox address.</summary>
    public Uri InboxOf(string agency) => new(partners[agency].BaseUrl, "/api/v1/federation/inbox");

    private static string? Read(string? file, string root) => file is null ? null : File.ReadAllText(Path.GetFullPath(file, root));

    public void Dispose()
    {
        signing?.Dispose();
        foreach ((ECDsa key, _) in partners.Values)
        {
            key.Dispose();
        }
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
        return (privateFile, publicFile);
    }
}
