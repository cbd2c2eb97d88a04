using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Maabar.Federation;

/// <summary>
/// A message on the wire: id (UUIDv7), type, payload contract version, sender, recipients, created, correlation id,
/// reply-due, the sender's sequence number, the time this delivery was sent, the payload (a JSON object) and an ECDSA
/// P-256 / SHA-256 signature (IEEE P1363, base64). Times are ISO 8601 UTC strings and are signed as written.
/// <para>
/// Format 2 (<see cref="Format"/>, the default) puts every signed field in a <c>header</c> object, with the key id
/// (<see cref="KeyId"/>), the sequence of the sender's previous message to the same recipient (<see cref="Previous"/>)
/// and the SHA-256 of the payload's exact bytes as sent; the signature covers the RFC 8785 canonical form of that
/// header (<see cref="JsonCanonical"/>), so no two headers sign the same bytes.
/// Format 1 (the first exchange, accepted only during the transition <see cref="FederationOptions.AcceptV1Until"/>)
/// is flat and signs the fields joined with line feeds and commas, unescaped: <c>["TUN,LBY"]</c> and
/// <c>["TUN","LBY"]</c> sign the same bytes there, which is why format 2 exists.
/// </para>
/// </summary>
public sealed record Envelope(
    Guid Id,
    string Type,
    int Version,
    string Sender,
    IReadOnlyList<string> Recipients,
    string Created,
    Guid? CorrelationId,
    string? ReplyDue,
    long Sequence,
    string Sent,
    string Payload,
    string Signature)
{
    /// <summary>Largest envelope accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The signed header's <c>format</c> in format 2.</summary>
    public const string FormatName = "maabar-envelope/2";

    /// <summary>The signature algorithm named in format 2's header (ECDSA P-256 with SHA-256, RFC 7518 §3.4).</summary>
    public const string Algorithm = "ES256";

    /// <summary>
    /// Largest sequence format 2 carries: JCS reads numbers as IEEE doubles, which hold integers exactly up to 2^53
    /// (I-JSON, RFC 7493 §2.2); beyond it two sequences could sign the same bytes.
    /// </summary>
    public const long MaxSequence = 9_007_199_254_740_991;

    /// <summary>The envelope format: 2 (signed canonical header, key id) or 1 (legacy, during the transition only).</summary>
    public int Format { get; init; } = 2;

    /// <summary>Format 2: the id of the key that signed (<see cref="KeyIds.Of"/>); set by <see cref="SignWith"/>.</summary>
    public string? KeyId { get; init; }

    /// <summary>Format 2: the sequence of the sender's previous message to the same recipient, or null for its first; lets the receiver notice a gap.</summary>
    public long? Previous { get; init; }

    /// <summary>The bytes the signature covers; null when the envelope cannot be signed (format 2 with a sequence beyond <see cref="MaxSequence"/>).</summary>
    public byte[]? CanonicalBytes() => Format == 1 ? LegacyCanonicalBytes() : JsonCanonical.Canonicalize(HeaderJson());

    private byte[] LegacyCanonicalBytes()
    {
        string payloadHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Payload)));
        string text = string.Join('\n',
            "maabar-envelope/1", Id.ToString("D"), Type, Version.ToString(CultureInfo.InvariantCulture), Sender, string.Join(',', Recipients),
            Created, CorrelationId?.ToString("D") ?? string.Empty, ReplyDue ?? string.Empty, Sequence.ToString(CultureInfo.InvariantCulture), Sent, payloadHash);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Format 2's header as written on the wire (members in a fixed order; the signature covers its canonical form).</summary>
    private byte[] HeaderJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteHeader(writer);
        }

        return stream.ToArray();
    }

    private void WriteHeader(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteString("alg", Algorithm);
        writer.WriteString("kid", KeyId);
        WriteMessageFields(writer);
        if (Previous is { } previous)
        {
            writer.WriteNumber("previous", previous);
        }
        else
        {
            writer.WriteNull("previous");
        }

        writer.WriteString("sent", Sent);
        writer.WriteString("payloadSha256", ArrivedPayloadSha256 ?? PayloadSha256());
        writer.WriteEndObject();
    }

    /// <summary>The members both formats carry, in the same order: format 1 at the top level, format 2 in its header.</summary>
    private void WriteMessageFields(Utf8JsonWriter writer)
    {
        writer.WriteString("id", Id);
        writer.WriteString("type", Type);
        writer.WriteNumber("version", Version);
        writer.WriteString("sender", Sender);
        writer.WriteStartArray("recipients");
        foreach (string r in Recipients)
        {
            writer.WriteStringValue(r);
        }

        writer.WriteEndArray();
        writer.WriteString("created", Created);
        WriteNullable(writer, "correlationId", CorrelationId?.ToString("D"));
        WriteNullable(writer, "replyDue", ReplyDue);
        writer.WriteNumber("sequence", Sequence);
    }

    /// <summary>Format 2 as received: the payload digest the header carried (verified against the payload by <see cref="IsSignedBy"/>).</summary>
    internal string? ArrivedPayloadSha256 { get; init; }

    private string PayloadSha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Payload)));

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Signs with <paramref name="key"/> (the signature field is ignored and replaced; format 2 also names the key).</summary>
    public Envelope SignWith(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Format == 2 && (Sequence is < 1 or > MaxSequence || Previous is < 1 or > MaxSequence))
        {
            throw new ArgumentOutOfRangeException(nameof(key), "Format 2 carries sequences from 1 to 2^53-1.");
        }

        Envelope named = Format == 2 ? this with { KeyId = KeyIds.Of(key), ArrivedPayloadSha256 = null } : this;
        byte[] signed = named.CanonicalBytes() ?? throw new InvalidOperationException("The header cannot be canonicalised.");
        byte[] signature = key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return named with { Signature = Convert.ToBase64String(signature) };
    }

    /// <summary>True when the signature is <paramref name="key"/>'s over this envelope.</summary>
    public bool IsSignedBy(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> signature = stackalloc byte[128];
        byte[]? signed = CanonicalBytes();
        return signed is not null
            && (ArrivedPayloadSha256 is null || string.Equals(ArrivedPayloadSha256, PayloadSha256(), StringComparison.Ordinal))
            && Convert.TryFromBase64String(Signature, signature, out int length)
            && key.VerifyData(signed, signature[..length], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The envelope as JSON, the payload written as the raw JSON it is.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (Format == 2)
            {
                writer.WritePropertyName("header");
                WriteHeader(writer);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(Payload, skipInputValidation: false);
                writer.WriteString("signature", Signature);
                writer.WriteEndObject();
                writer.Flush();
                return stream.ToArray();
            }

            WriteMessageFields(writer);
            writer.WriteString("sent", Sent);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(Payload, skipInputValidation: false);
            writer.WriteString("signature", Signature);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads an envelope; null when it is not one (missing or mistyped fields, payload not an object).</summary>
    public static Envelope? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("payload", out JsonElement payload) || payload.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("header", out JsonElement header))
            {
                return ParseV2(header, payload, root);
            }

            if (!root.TryGetProperty("recipients", out JsonElement recipients) || recipients.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return new Envelope(
                root.GetProperty("id").GetGuid(),
                root.GetProperty("type").GetString()!,
                root.GetProperty("version").GetInt32(),
                root.GetProperty("sender").GetString()!,
                [.. recipients.EnumerateArray().Select(r => r.GetString()!)],
                root.GetProperty("created").GetString()!,
                root.TryGetProperty("correlationId", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetGuid() : null,
                root.TryGetProperty("replyDue", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                root.GetProperty("sequence").GetInt64(),
                root.GetProperty("sent").GetString()!,
                payload.GetRawText(),
                root.GetProperty("signature").GetString()!) { Format = 1 };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Format 2: every header member must be there with its type, nothing else may be (an unsigned or unknown member
    /// is refused, not ignored), and the header as parsed must write back to the same canonical bytes it arrived as.
    /// </summary>
    private static Envelope? ParseV2(JsonElement header, JsonElement payload, JsonElement root)
    {
        if (header.ValueKind != JsonValueKind.Object
            || root.EnumerateObject().Count() != 3
            || !root.TryGetProperty("signature", out JsonElement signature) || signature.ValueKind != JsonValueKind.String
            || header.EnumerateObject().Count() != HeaderMembers
            || Text(header, "format") != FormatName || Text(header, "alg") != Algorithm
            || !header.TryGetProperty("recipients", out JsonElement recipients) || recipients.ValueKind != JsonValueKind.Array
            || recipients.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String)
            || !header.TryGetProperty("sequence", out JsonElement sequence) || !sequence.TryGetInt64(out long sequenceValue) || sequenceValue is < 1 or > MaxSequence
            || !header.TryGetProperty("previous", out JsonElement previous)
            || !header.TryGetProperty("correlationId", out JsonElement correlation)
            || !header.TryGetProperty("replyDue", out JsonElement replyDue))
        {
            return null;
        }

        long? previousValue = null;
        if (previous.ValueKind != JsonValueKind.Null)
        {
            if (!previous.TryGetInt64(out long p) || p < 1 || p >= sequenceValue)
            {
                return null;
            }

            previousValue = p;
        }

        var envelope = new Envelope(
            header.GetProperty("id").GetGuid(),
            Text(header, "type") ?? throw new FormatException(),
            header.GetProperty("version").GetInt32(),
            Text(header, "sender") ?? throw new FormatException(),
            [.. recipients.EnumerateArray().Select(r => r.GetString()!)],
            Text(header, "created") ?? throw new FormatException(),
            correlation.ValueKind == JsonValueKind.Null ? null : correlation.GetGuid(),
            replyDue.ValueKind == JsonValueKind.Null ? null : replyDue.GetString() ?? throw new FormatException(),
            sequenceValue,
            Text(header, "sent") ?? throw new FormatException(),
            payload.GetRawText(),
            signature.GetString()!)
        {
            Format = 2,
            KeyId = Text(header, "kid") ?? throw new FormatException(),
            Previous = previousValue,
            ArrivedPayloadSha256 = Text(header, "payloadSha256") is { Length: 64 } digest ? digest : throw new FormatException(),
        };

        // What is verified is the header rebuilt from the parsed fields, so it must be the header that came: a member
        // that does not survive the round trip (an upper-case id, say) is refused, not reinterpreted.
        byte[]? arrived = JsonCanonical.Canonicalize(header);
        byte[]? rebuilt = envelope.CanonicalBytes();
        return arrived is not null && rebuilt is not null && arrived.AsSpan().SequenceEqual(rebuilt) ? envelope : null;
    }

    private const int HeaderMembers = 15;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An instant as envelopes write it.</summary>
    public static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An instant as envelopes write it, read back; null when malformed.</summary>
    public static DateTime? ReadInstant(string? text) =>
        text is not null && DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime value) && value.Kind == DateTimeKind.Utc
            ? value
            : null;
}
