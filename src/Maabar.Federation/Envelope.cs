using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Maabar.Federation;

/// <summary>
/// A message on the wire (version 1): id (UUIDv7), type, version, sender, recipients, created, correlation
/// id, reply-due, the sender's sequence number, the time this delivery was sent, the payload (a JSON
/// object) and an ECDSA P-256 / SHA-256 signature over the canonical form. Times are ISO 8601 UTC strings
/// and are signed as written. The payload is signed by the SHA-256 of its exact bytes as sent, so no JSON
/// canonicalisation is needed: the receiver hashes the payload's raw text as it arrived.
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

    /// <summary>The bytes the signature covers.</summary>
    public byte[] CanonicalBytes()
    {
        string payloadHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Payload)));
        string text = string.Join('\n',
            "maabar-envelope/1", Id.ToString("D"), Type, Version.ToString(CultureInfo.InvariantCulture), Sender, string.Join(',', Recipients),
            Created, CorrelationId?.ToString("D") ?? string.Empty, ReplyDue ?? string.Empty, Sequence.ToString(CultureInfo.InvariantCulture), Sent, payloadHash);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Signs with <paramref name="key"/> (the signature field is ignored and replaced).</summary>
    public Envelope SignWith(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = key.SignData(CanonicalBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return this with { Signature = Convert.ToBase64String(signature) };
    }

    /// <summary>True when the signature is <paramref name="key"/>'s over this envelope.</summary>
    public bool IsSignedBy(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> signature = stackalloc byte[128];
        return Convert.TryFromBase64String(Signature, signature, out int length)
            && key.VerifyData(CanonicalBytes(), signature[..length], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The envelope as JSON, the payload written as the raw JSON it is.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
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
            if (CorrelationId is { } correlation)
            {
                writer.WriteString("correlationId", correlation);
            }
            else
            {
                writer.WriteNull("correlationId");
            }

            if (ReplyDue is not null)
            {
                writer.WriteString("replyDue", ReplyDue);
            }
            else
            {
                writer.WriteNull("replyDue");
            }

            writer.WriteNumber("sequence", Sequence);
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
                || !root.TryGetProperty("payload", out JsonElement payload) || payload.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("recipients", out JsonElement recipients) || recipients.ValueKind != JsonValueKind.Array)
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
                root.GetProperty("signature").GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>An instant as envelopes write it.</summary>
    public static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An instant as envelopes write it, read back; null when malformed.</summary>
    public static DateTime? ReadInstant(string? text) =>
        text is not null && DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime value) && value.Kind == DateTimeKind.Utc
            ? value
            : null;
}
