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
        keys.Subcommands.Add(CreateRotate(output, error));
        return keys;
    }

    /// <summary>
    /// <c>maabar keys rotate --agency TUN --out keys/</c>: the first step of a key rotation (README, "Rotating a node's
    /// key"). Writes a new pair beside the current one, never touching it, and prints the new key id and public key to
    /// send to each partner. Output lines (stable): <c>new key id: …</c>, <c>current key id: …</c> (when
    /// <c>{agency}.public.pem</c> is in the folder), <c>private key: …</c>, <c>public key: …</c>, then the steps and
    /// the public key PEM.
    /// </summary>
    private static Command CreateRotate(TextWriter output, TextWriter error)
    {
        var agency = new Option<string>("--agency") { Description = "This node's agency code (three letters), e.g. TUN.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The folder holding the node's keys; the new pair is written there as {agency}.{keyid}.private.pem / .public.pem.", Required = true };
        var rotate = new Command("rotate", "Starts a key rotation: writes a new key pair beside the current one (left in use) and prints what to send to each partner.");
        rotate.Options.Add(agency);
        rotate.Options.Add(outDir);
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            string code = parse.GetValue(agency)!.Trim().ToUpperInvariant();
            if (!AgencyCode.IsWellFormed(code))
            {
                await error.WriteLineAsync($"maabar: --agency '{code}' is not an agency code (three letters)");
                return MaabarCli.BadInput;
            }

            try
            {
                string folder = parse.GetValue(outDir)!.FullName;
                string? current = KeyFiles.KeyIdOfFile(Path.Combine(folder, code.ToLowerInvariant() + ".public.pem"));
                (string privateFile, string publicFile, string keyId, string publicPem) = KeyFiles.Rotate(folder, code);
                await output.WriteLineAsync($"new key id: {keyId}");
                if (current is not null)
                {
                    await output.WriteLineAsync($"current key id: {current}");
                }

                await output.WriteLineAsync($"private key: {privateFile}");
                await output.WriteLineAsync($"public key: {publicFile}");
                await output.WriteLineAsync();
                await output.WriteLineAsync($"1. Send the public key below (key id {keyId}) to each partner, by a channel you trust, with its key id read out.");
                await output.WriteLineAsync($"2. Each partner adds it for {code} as Federation:Partners:N:RotationPublicKeyFile (or RotationPublicKey), keeping your current key, and restarts.");
                await output.WriteLineAsync($"3. Once every partner confirms, set this node's Federation:PrivateKeyFile to {privateFile} and restart: messages now name key {keyId}.");
                await output.WriteLineAsync("4. Each partner then moves the new key to PublicKey(File) and removes RotationPublicKey(File); then retire the old private key (audit checkpoints keep the public key that signed them).");
                await output.WriteLineAsync();
                await output.WriteAsync(publicPem);
                return MaabarCli.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                await error.WriteLineAsync($"maabar: {ex.Message}");
                return MaabarCli.BadInput;
            }
        });
        return rotate;
    }
}
