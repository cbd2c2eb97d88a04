using System.Security.Cryptography;

namespace Maabar.Testing;

/// <summary>The settings of one node of a test pair: its agency, its key, its partner's address and key, fast timings.</summary>
public static class NodeSettings
{
    /// <summary>Settings for <paramref name="agency"/>'s node, partnered with <paramref name="partner"/> listening on <paramref name="partnerPort"/>.</summary>
    public static Dictionary<string, string?> Federated(string agency, ECDsa ownKey, string partner, ECDsa partnerKey, int partnerPort)
    {
        ArgumentNullException.ThrowIfNull(ownKey);
        ArgumentNullException.ThrowIfNull(partnerKey);
        return new Dictionary<string, string?>
        {
            ["Node:Agency"] = agency,
            ["Federation:PrivateKey"] = ownKey.ExportPkcs8PrivateKeyPem(),
            ["Federation:Partners:0:Agency"] = partner,
            ["Federation:Partners:0:BaseUrl"] = $"http://127.0.0.1:{partnerPort}",
            ["Federation:Partners:0:PublicKey"] = partnerKey.ExportSubjectPublicKeyInfoPem(),
            ["Federation:DispatchInterval"] = "00:00:00.050",
            ["Federation:RetryBaseDelay"] = "00:00:00.050",
            ["Federation:RetryMaxDelay"] = "00:00:00.400",
            ["Federation:RequestTimeout"] = "00:00:05",
            ["Federation:LinkDownAlertAfter"] = "00:00:01",
            ["Federation:LeaseDuration"] = "00:00:03",
        };
    }
}
