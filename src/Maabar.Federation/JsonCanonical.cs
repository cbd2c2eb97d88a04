using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Maabar.Federation;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so a signature over it does not
/// depend on how a sender or a proxy spaced, ordered or escaped the text. Members sorted by their names' UTF-16
/// code units (§3.2.3); strings escaped as ECMAScript's <c>JSON.stringify</c> does (§3.2.2.2); numbers as
/// IEEE 754 doubles written by ECMAScript's <c>Number.prototype.toString</c> (§3.2.2.3); no whitespace; UTF-8.
/// Input that is not I-JSON (RFC 7493: duplicate member names, lone surrogates, numbers out of double range) is
/// refused, never guessed at. Stateless and thread-safe.
/// </summary>
public static class JsonCanonical
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>; null when it is not I-JSON.</summary>
    public static byte[]? Canonicalize(JsonElement value)
    {
        var text = new StringBuilder();
        try
        {
            return TryWrite(value, text) ? Encoding.UTF8.GetBytes(text.ToString()) : null;
        }
        catch (InvalidOperationException)
        {
            // A string escape that is not UTF-16 (a lone surrogate such as \ud800): not I-JSON.
            return null;
        }
    }

    /// <summary>The canonical UTF-8 bytes of the JSON text <paramref name="json"/>; null when it is not JSON or not I-JSON.</summary>
    public static byte[]? Canonicalize(ReadOnlyMemory<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            return Canonicalize(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryWrite(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var members = new List<(string Name, JsonElement Value)>();
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    members.Add((property.Name, property.Value));
                }

                // §3.2.3: sorted by the names' UTF-16 code units, which is what ordinal comparison of .NET strings does.
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0 && string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    if (!TryWriteString(members[i].Name, text))
                    {
                        return false;
                    }

                    text.Append(':');
                    if (!TryWrite(members[i].Value, text))
                    {
                        return false;
                    }
                }

                text.Append('}');
                return true;
            }

            case JsonValueKind.Array:
            {
                text.Append('[');
                bool first = true;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    if (!TryWrite(item, text))
                    {
                        return false;
                    }
                }

                text.Append(']');
                return true;
            }

            case JsonValueKind.String:
                return TryWriteString(value.GetString()!, text);
            case JsonValueKind.Number:
                if (!value.TryGetDouble(out double number) || !double.IsFinite(number))
                {
                    return false;
                }

                text.Append(FormatNumber(number));
                return true;
            case JsonValueKind.True:
                text.Append("true");
                return true;
            case JsonValueKind.False:
                text.Append("false");
                return true;
            case JsonValueKind.Null:
                text.Append("null");
                return true;
            default:
                return false;
        }
    }

    /// <summary>§3.2.2.2: the seven short escapes, other controls as lowercase <c>\u00xx</c>, everything else as itself.</summary>
    private static bool TryWriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                text.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return false;
            }

            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
        return true;
    }

    /// <summary>
    /// ECMA-262 Number::toString for a finite double. .NET's round-trip format gives the shortest digits that read
    /// back to the same double (the digits ECMAScript requires); only their layout differs, which is redone here.
    /// </summary>
    internal static string FormatNumber(double value)
    {
        if (value == 0)
        {
            return "0"; // -0 too (§3.2.2.3).
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? shortest : shortest[..e];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        int integerDigits = dot < 0 ? mantissa.Length : dot;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        // value = 0.d1d2...dk x 10^n, with d1 non-zero and dk non-zero (ECMA-262's k and n).
        int n = integerDigits - leadingZeros + exponent;
        digits = digits[leadingZeros..].TrimEnd('0');
        int k = digits.Length;
        string sign = value < 0 ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        int shown = n - 1;
        string exponentText = (shown < 0 ? "-" : "+") + Math.Abs(shown).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? sign + digits + "e" + exponentText
            : sign + digits[..1] + "." + digits[1..] + "e" + exponentText;
    }
}
