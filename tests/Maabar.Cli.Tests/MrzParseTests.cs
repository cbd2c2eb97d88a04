using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Cli.Tests;

public sealed class MrzParseTests
{
    private const string Td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private const string Td1BadComposite = "IDAUT10000999<6<<<<<<<<<<<<<<<\n7109094F1112315AUT<<<<<<<<<<<6\nMUSTERFRAU<<ISOLDE<<<<<<<<<<<<";

    private static readonly string[] ContractProperties =
    [
        "format", "valid", "documentCode", "issuingState", "documentNumber", "surname", "givenNames", "nationality", "birthDate", "sex",
        "expiryDate", "birthDateIso", "expiryDateIso", "optionalData", "errors", "warnings", "suggestions",
    ];

    private static async Task<(int Code, string[] Lines, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        int code = await MaabarCli.RunAsync(args, output, error, new StringReader(stdin), clock);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public async Task Parse_TwoDocumentsOnStandardInput_WritesOneJsonLineEachInOrder()
    {
        var (code, lines, _) = await RunAsync(Td3 + "\r\n\r\n\n" + Td1BadComposite + "\n", "mrz", "parse");

        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        Assert.Equal(ContractProperties, first.RootElement.EnumerateObject().Select(p => p.Name).Where(ContractProperties.Contains));
        Assert.Equal(("TD3", true, "L898902C3", "740812", "1974-08-12", "F"), (
            first.RootElement.GetProperty("format").GetString(), first.RootElement.GetProperty("valid").GetBoolean(),
            first.RootElement.GetProperty("documentNumber").GetString(), first.RootElement.GetProperty("birthDate").GetString(),
            first.RootElement.GetProperty("birthDateIso").GetString(), first.RootElement.GetProperty("sex").GetString()));
        Assert.False(second.RootElement.GetProperty("valid").GetBoolean());
        JsonElement error = Assert.Single(second.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(("mrz.check_digit.mismatch", "compositeCheckDigit", 2, 30), (
            error.GetProperty("code").GetString(), error.GetProperty("field").GetString(), error.GetProperty("line").GetInt32(), error.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Parse_InputFile_IsRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mrz-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, Td3);
        try
        {
            var (code, lines, _) = await RunAsync(string.Empty, "mrz", "parse", "--input", path);

            Assert.Equal(0, code);
            Assert.Single(lines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Parse_InvalidDocument_StillExitsZero()
    {
        var (code, lines, _) = await RunAsync("NOT AN MRZ", "mrz", "parse");

        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(lines));
        Assert.Equal("UNKNOWN", doc.RootElement.GetProperty("format").GetString());
        Assert.Equal("mrz.format.unknown", doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Parse_MissingFile_ExitsTwoAndSaysWhy()
    {
        var (code, lines, error) = await RunAsync(string.Empty, "mrz", "parse", "--input", "/nonexistent/mrz.txt");

        Assert.Equal(2, code);
        Assert.Empty(lines);
        Assert.Contains("/nonexistent/mrz.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_ArabicMessages_AreWrittenAsReadableUtf8()
    {
        var (_, lines, _) = await RunAsync(Td3, "mrz", "parse", "--language", "ar");

        Assert.Contains("\u0627\u0644\u0648\u062B\u064A\u0642\u0629", lines[0], StringComparison.Ordinal); // "the document" in the expiry warning
    }

    [Fact]
    public async Task Parse_UnknownLanguage_IsBadInput() => Assert.Equal(2, (await RunAsync(Td3, "mrz", "parse", "--language", "de")).Code);
}
