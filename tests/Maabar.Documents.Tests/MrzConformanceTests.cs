using Maabar.Tests;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maabar.Documents.Mrz;

namespace Maabar.Documents.Tests;

/// <summary>Every case of ../shared/data/mrz/conformance.json: format, validity and expected fields.</summary>
public sealed partial class MrzConformanceTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.SharedData("mrz/conformance.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.Clone());
    });

    public static TheoryData<string> CaseIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string id in Cases.Value.Keys)
            {
                data.Add(id);
            }

            return data;
        }
    }

    [Fact]
    public void Conformance_HasAllFortyOneCases() => Assert.Equal(41, Cases.Value.Count);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Parse_ConformanceCase_MatchesFormatValidityAndFields(string id)
    {
        JsonElement c = Cases.Value[id];
        string text = string.Join("\n", c.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));

        MrzResult result = MrzParser.Parse(text, Today);

        Assert.Equal(c.GetProperty("format").GetString(), MrzFormatNames.Of(result.Format));
        JsonElement valid = c.GetProperty("expect_valid_strict_icao");
        if (valid.ValueKind != JsonValueKind.Null)
        {
            Assert.True(valid.GetBoolean() == result.IsValid, $"{id}: expected valid={valid.GetBoolean()}, errors: {string.Join("; ", result.Errors)}");
        }

        foreach (JsonProperty field in c.GetProperty("expected_fields").EnumerateObject())
        {
            AssertField(id, result, field.Name, field.Value);
        }
    }

    private static void AssertField(string id, MrzResult r, string name, JsonElement expected)
    {
        string? value = expected.ValueKind == JsonValueKind.Null ? null : expected.ValueKind == JsonValueKind.String ? expected.GetString() : null;
        switch (name)
        {
            case "surname": Assert.Equal(value, r.Surname); break;
            case "given": Assert.Contains(r.GivenNames, Alternatives(value!)); break;
            case "doc": Assert.Equal(value, r.DocumentNumber); break;
            case "doc_cd": Assert.Equal(value, r.DocumentNumberCheckDigit.ToString()); break;
            case "personal_cd": Assert.Equal(value, r.OptionalDataCheckDigit.ToString()); break;
            case "dob": Assert.Equal(value, r.BirthDate.Printed); break;
            case "exp":
                if (value is null)
                {
                    Assert.Null(r.ExpiryDate.IsoPartial);
                }
                else
                {
                    Assert.Equal(value, r.ExpiryDate.Printed);
                }

                break;
            case "sex": Assert.Equal(value, r.Sex.ToString()); break;
            case "optional": Assert.Equal(value, r.OptionalData); break;
            case "code": Assert.Equal(value, r.DocumentCode); break;
            case "state": Assert.Equal(value, r.IssuingState); break;
            case "nat": Assert.Equal(value, r.Nationality); break;
            case "errors":
                foreach (JsonElement error in expected.EnumerateArray())
                {
                    // e.g. "personalNumberCheckDigit (pos 43) expected 1": an error at that position expecting that digit.
                    Match m = ErrorPattern().Match(error.GetString()!);
                    int position = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Contains(r.Errors, e => e.Position == position && e.Expected == m.Groups[2].Value);
                }

                break;
            default:
                Assert.Fail($"{id}: the test does not know expected field '{name}'.");
                break;
        }
    }

    /// <summary>"HERVE, DJAMEL (GioviQ) / HERVE DJAMEL": any alternative, annotations removed.</summary>
    private static string[] Alternatives(string expected) =>
        [.. expected.Split(" / ").Select(a => AnnotationPattern().Replace(a, string.Empty).Trim())];

    [GeneratedRegex(@"pos (\d+)\) expected (\w)")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex AnnotationPattern();
}
