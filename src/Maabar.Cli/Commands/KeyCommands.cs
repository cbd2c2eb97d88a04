using System.CommandLine;
using Maabar.Domain;
using Maabar.Federation;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar keys …</c>: the node's signing keys for the exchange with partners.</summary>
internal static class KeyCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var keys = new Command("keys", "The node's signing keys (ECDSA P-256) for messages to partner nodes.");
        var agency = new Option<string>("--agency") { Description = "This node's agency code (three letters), e.g. TUN.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write {agency}.private.pem and {agency}.public.pem into.", Required = true };
        var generate = new Command("generate", "Generates the node's key pair. Give the public key to each partner (Federation:Partners:N:PublicKeyFile); keep the private key on the node (Federation:PrivateKeyFile). Never overwrites a private key.");
        generate.Options.Add(agency);
        generate.Options.Add(outDir);
        generate.SetAction(async (parse, cancellationToken) =>
        {
            string code = parse.GetValue(agency)!.Trim().ToUpperInvariant();
            if (!AgencyCode.IsWellFormed(code))
            {
                await error.WriteLineAsync($"maabar: --agency '{code}' is not an agency code (three letters)");
                return MaabarCli.BadInput;
            }

            try
            {
                (string privateFile, string publicFile) = KeyFiles.Generate(parse.GetValue(outDir)!.FullName, code);
                await output.WriteLineAsync($"private key: {privateFile}");
                await output.WriteLineAsync($"public key:  {publicFile}");
                return MaabarCli.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"maabar: {ex.Message}");
                return MaabarCli.BadInput;
            }
        });
        keys.Subcommands.Add(generate);
        return keys;
    }
}
