using System.CommandLine;
using System.Security.Cryptography;
using Maabar.Core.Data;
using Maabar.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Cli.Commands;

/// <summary><c>maabar audit …</c>: the node's tamper-evident audit trail.</summary>
internal static class AuditCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "The node's audit trail (a hash chain with signed checkpoints).");
        var storage = new StorageSettings();
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The node's public key (PEM, as written by 'maabar keys generate'): checkpoints must be signed by it. Without it, each checkpoint is checked against the key stored with it.",
        };
        var verify = new Command("verify", "Checks every audit row and checkpoint. Exit 0 and a summary when the trail is intact; exit 1 naming the first row missing, altered or out of its chain, or the checkpoint it contradicts.");
        storage.AddTo(verify);
        verify.Options.Add(publicKey);
        verify.SetAction((parse, cancellationToken) => VerifyAsync(storage, parse.GetValue(publicKey), parse, output, error, cancellationToken));
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static async Task<int> VerifyAsync(StorageSettings storage, FileInfo? publicKeyFile, ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using ECDsa? key = publicKeyFile is null ? null : ECDsa.Create();
        if (key is not null)
        {
            try
            {
                key.ImportFromPem(await File.ReadAllTextAsync(publicKeyFile!.FullName, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
            {
                await error.WriteLineAsync($"maabar: --public-key: {ex.Message}");
                return MaabarCli.BadInput;
            }
        }

        if (await storage.OpenAsync(parse, error) is not var (services, options))
        {
            return MaabarCli.BadInput;
        }

        await using (services)
        {
            try
            {
                await using AsyncServiceScope scope = services.CreateAsyncScope();
                MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
                AuditVerification result = await VerifyAudit.HandleAsync(db, key, cancellationToken);
                await output.WriteLineAsync(result.Intact ? result.Message : "audit trail broken: " + result.Message);
                return result.Intact ? MaabarCli.Success : MaabarCli.Failure;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                await error.WriteLineAsync($"maabar: {options.Provider}: audit verify failed: {ex.GetType().Name}: {ex.Message}");
                return MaabarCli.Failure;
            }
        }
    }
}
