using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Maabar.Federation;
using Maabar.Tests;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 22 point 7: the federation envelope's format 2 without a server: the RFC 8785 canonical form, the exact bytes
/// signed (golden files, made with Python's json module and signed with openssl, not with this code), key ids, the
/// start-up checks of section Federation and the client-certificate pin check.
/// </summary>
public sealed class EnvelopeV2Tests
{
    private static readonly string Golden = Path.Combine(RepositoryPaths.Root, "tests", "Maabar.Server.Tests", "Golden");

    private static Envelope Make(IReadOnlyList<string> recipients, int format = 2) =>
        new Envelope(Guid.Parse("019adf2e-7c00-7a3b-9c41-5e2d8f0a1b2c"), "crossing-status", 1, "LBY", recipients, "2026-12-01T08:00:00.0000000Z",
            null, null, 42, "2026-12-01T08:00:05.0000000Z", "{}", string.Empty) { Format = format, KeyId = format == 2 ? "0123456789abcdef" : null };

    [Fact]
    public void CanonicalBytes_RecipientsJoinedOrSplit_SignDifferentBytesInFormat2_AndTheSameInFormat1()
    {
        byte[] joined = Make(["TUN,LBY"]).CanonicalBytes()!;
        byte[] split = Make(["TUN", "LBY"]).CanonicalBytes()!;
        byte[] joinedV1 = Make(["TUN,LBY"], format: 1).CanonicalBytes()!;
        byte[] splitV1 = Make(["TUN", "LBY"], format: 1).CanonicalBytes()!;

        Assert.NotEqual(joined, split);
        Assert.Contains("\"recipients\":[\"TUN,LBY\"]", Encoding.UTF8.GetString(joined), StringComparison.Ordinal);
        Assert.Contains("\"recipients\":[\"TUN\",\"LBY\"]", Encoding.UTF8.GetString(split), StringComparison.Ordinal);

        // Why format 2 exists: format 1 cannot tell these apart.
        Assert.Equal(joinedV1, splitV1);
    }

    [Fact]
    public void CanonicalBytes_FieldHoldingALineFeed_CannotPassForTwoFields()
    {
        // Format 1 joins with line feeds: a type "a\nb" shifts every later field. Format 2 escapes it inside its member.
        string text = Encoding.UTF8.GetString((Make(["TUN"]) with { Type = "a\nb" }).CanonicalBytes()!);

        Assert.Contains("\"type\":\"a\\nb\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void CanonicalBytes_GoldenHeader_AreExactlyTheGoldenBytes_AndTheGoldenSignatureVerifies()
    {
        byte[] expected = File.ReadAllBytes(Path.Combine(Golden, "envelope-v2.signed.txt"));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(Golden, "envelope-v2.test-key.public.pem")));

        Envelope parsed = Envelope.Parse(File.ReadAllBytes(Path.Combine(Golden, "envelope-v2.json")))!;

        Assert.NotNull(parsed);
        Assert.Equal(2, parsed.Format);
        Assert.Equal(KeyIds.Of(key), parsed.KeyId);
        Assert.Equal(40, parsed.Previous);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(parsed.CanonicalBytes()!));
        Assert.True(parsed.IsSignedBy(key), "openssl's signature over the golden bytes verifies");
    }

    [Fact]
    public void CanonicalBytes_BuiltFromTheGoldenFields_AreTheGoldenBytes()
    {
        byte[] expected = File.ReadAllBytes(Path.Combine(Golden, "envelope-v2.signed.txt"));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(Golden, "envelope-v2.test-key.pem")));
        string payload = "{\"crossingId\":\"ras-jedir\",\"agency\":\"LBY\",\"laneCode\":null,\"status\":\"closed\",\"reason\":\"Sandstorm \u2014 road shut\"," // em dash
            + "\"sinceUtc\":\"2026-12-01T08:00:00.0000000Z\",\"expectedReopeningUtc\":null,\"allowedCategories\":[]}";

        Envelope built = new Envelope(Guid.Parse("019adf2e-7c00-7a3b-9c41-5e2d8f0a1b2c"), "crossing-status", 1, "LBY", ["TUN"], "2026-12-01T08:00:00.0000000Z",
            null, null, 42, "2026-12-01T08:00:05.0000000Z", payload, string.Empty) { Previous = 40 }.SignWith(key);

        Assert.Equal(expected, built.CanonicalBytes());
        Assert.True(Envelope.Parse(built.ToJson())!.IsSignedBy(key));
    }

    [Fact]
    public void Parse_GoldenWithTheSignedHeaderAltered_IsRefusedOrFailsVerification()
    {
        string json = File.ReadAllText(Path.Combine(Golden, "envelope-v2.json"));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(Golden, "envelope-v2.test-key.public.pem")));

        Envelope? recipients = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("\"recipients\":[\"TUN\"]", "\"recipients\":[\"TUN\",\"DZA\"]", StringComparison.Ordinal)));
        Envelope? payload = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("\"status\":\"closed\"", "\"status\":\"open\"", StringComparison.Ordinal)));
        Envelope? previous = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("\"previous\":40", "\"previous\":41", StringComparison.Ordinal)));
        Envelope? extra = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("\"alg\":\"ES256\"", "\"alg\":\"ES256\",\"note\":\"x\"", StringComparison.Ordinal)));
        Envelope? upperId = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("019adf2e-7c00-7a3b-9c41-5e2d8f0a1b2c", "019ADF2E-7C00-7A3B-9C41-5E2D8F0A1B2C", StringComparison.Ordinal)));
        Envelope? hugeSequence = Envelope.Parse(Encoding.UTF8.GetBytes(json.Replace("\"sequence\":42", "\"sequence\":9007199254740993", StringComparison.Ordinal)));

        Assert.False(recipients!.IsSignedBy(key));
        Assert.False(payload!.IsSignedBy(key));
        Assert.False(previous!.IsSignedBy(key));
        Assert.Null(extra);
        Assert.Null(upperId);
        Assert.Null(hugeSequence);
    }

    [Fact]
    public void SignWith_NamesTheKey_AndAnotherKeyDoesNotVerify()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Envelope signed = Make(["TUN"]).SignWith(first);
        Envelope roundTripped = Envelope.Parse(signed.ToJson())!;

        Assert.Equal(KeyIds.Of(first), roundTripped.KeyId);
        Assert.Equal(KeyIds.Length, roundTripped.KeyId!.Length);
        Assert.NotEqual(KeyIds.Of(first), KeyIds.Of(second));
        Assert.True(roundTripped.IsSignedBy(first));
        Assert.False(roundTripped.IsSignedBy(second));
    }

    [Fact]
    public void Parse_Format1Envelope_ReadsAsFormat1WithoutKeyId()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Envelope v1 = Make(["TUN"], format: 1).SignWith(key);

        Envelope parsed = Envelope.Parse(v1.ToJson())!;

        Assert.Equal(1, parsed.Format);
        Assert.Null(parsed.KeyId);
        Assert.True(parsed.IsSignedBy(key));
    }

    /// <summary>RFC 8785 §3.2.2 example: sorted members, ECMAScript numbers and string escapes.</summary>
    [Fact]
    public void Canonicalize_Rfc8785Example_GivesTheRfcOutput()
    {
        string input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"; // euro sign

        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonical.Canonicalize(Encoding.UTF8.GetBytes(input))!));
    }

    /// <summary>RFC 8785 Appendix B: IEEE 754 doubles (by their bit patterns) and their ECMAScript text.</summary>
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x3eb0c6f7a0b5ed8eUL, "0.0000010000000000000002")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB_GivesTheEcmaScriptText(ulong bits, string expected)
    {
        Assert.Equal(expected, JsonCanonical.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("[1e400]")]
    public void Canonicalize_NotIJson_IsRefused(string json)
    {
        Assert.Null(JsonCanonical.Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Canonicalize_MembersSortedByUtf16CodeUnits_NotByCulture()
    {
        // U+FB33 (Hebrew letter dalet with dagesh) follows U+1D11E (musical G clef) in UTF-16 (FB33 > D834) though it precedes it
        // as a code point; and "B" precedes "b" whatever a culture says.
        string json = "{\"\\ufb33\":2,\"\\ud834\\udd1e\":1,\"b\":3,\"B\":4}";

        string canonical = Encoding.UTF8.GetString(JsonCanonical.Canonicalize(Encoding.UTF8.GetBytes(json))!);

        Assert.Equal("{\"B\":4,\"b\":3,\"\U0001D11E\":1,\"\uFB33\":2}", canonical); // musical G clef, Hebrew dalet with dagesh
    }

    private static ValidateOptionsResult Validate(string environment, FederationOptions options, DateTimeOffset? now = null) =>
        new FederationOptionsValidator(new Env(environment), new FakeTimeProvider(now ?? new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero))).Validate(null, options);

    private static FederationOptions WithPartner(string baseUrl, Action<PartnerOptions>? change = null)
    {
        var partner = new PartnerOptions { Agency = "LBY", BaseUrl = new Uri(baseUrl), PublicKey = "x" };
        change?.Invoke(partner);
        return new FederationOptions { Partners = [partner] };
    }

    [Theory]
    [InlineData("Production", "http://maabar.interieur.gov.ly", false)]
    [InlineData("Staging", "http://maabar.interieur.gov.ly", false)]
    [InlineData("Production", "https://maabar.interieur.gov.ly", true)]
    [InlineData("Development", "http://maabar.interieur.gov.ly", true)]
    [InlineData("Production", "http://127.0.0.1:8443", true)]
    public void Validator_PartnerAddress_HttpsRequiredOutsideDevelopment(string environment, string baseUrl, bool valid)
    {
        ValidateOptionsResult result = Validate(environment, WithPartner(baseUrl));

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("must use https://", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("LBY", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validator_Pins_AtMostTwoAndWellFormed()
    {
        string pin = new('a', 64);

        Assert.True(Validate("Production", WithPartner("https://x.example", p => p.ClientCertificateSha256 = [pin, "BB:" + new string('b', 62)])).Succeeded);
        Assert.False(Validate("Production", WithPartner("https://x.example", p => p.ClientCertificateSha256 = [pin, pin, pin])).Succeeded);
        Assert.False(Validate("Production", WithPartner("https://x.example", p => p.ClientCertificateSha256 = ["not-a-thumbprint"])).Succeeded);
    }

    [Fact]
    public void Validator_SendingFormat1_OnlyWhileTheTransitionLastsOnThisNodesClock()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        FederationOptions during = WithPartner("https://x.example", p => p.EnvelopeFormat = 1);
        during.AcceptV1Until = now.AddDays(30);
        FederationOptions after = WithPartner("https://x.example", p => p.EnvelopeFormat = 1);
        after.AcceptV1Until = now.AddSeconds(-1);

        Assert.True(Validate("Production", during, now).Succeeded);
        Assert.False(Validate("Production", after, now).Succeeded);
        Assert.False(Validate("Production", WithPartner("https://x.example", p => p.EnvelopeFormat = 1), now).Succeeded);
    }

    [Fact]
    public void CertificatePins_Admits_OnlyThePinnedCertificate_AndNothingWithoutOne()
    {
        using X509Certificate2 pinned = SelfSigned("CN=lby-node");
        using X509Certificate2 other = SelfSigned("CN=lby-node");
        var pins = new HashSet<string>(StringComparer.Ordinal) { CertificatePins.Normalize(string.Join(':', Convert.ToHexString(pinned.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)))) };

        Assert.True(CertificatePins.Admits(pins, pinned));
        Assert.False(CertificatePins.Admits(pins, other));
        Assert.False(CertificatePins.Admits(pins, null));
        Assert.True(CertificatePins.Admits(new HashSet<string>(), null));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var notBefore = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(notBefore, notBefore.AddYears(5));
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Maabar.Server";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
