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

        var exportStorage = new StorageSettings();
        var from = new Option<long>("--from") { Description = "First chain position to export (default 1): a write-once store appends what is new.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output); refuses to overwrite one." };
        var export = new Command("export", "Writes the audit trail as JSON lines in chain order: one {\"type\":\"row\"} per row, each {\"type\":\"checkpoint\"} right after the row it vouches for, and a closing {\"type\":\"head\"}. Anyone holding the file can re-check it with the node's public key.");
        exportStorage.AddTo(export);
        export.Options.Add(from);
        export.Options.Add(outFile);
        export.SetAction((parse, cancellationToken) => ExportAsync(exportStorage, parse.GetValue(from), parse.GetValue(outFile), parse, output, error, cancellationToken));
        audit.Subcommands.Add(export);
        return audit;
    }

    private static async Task<int> ExportAsync(StorageSettings storage, long from, FileInfo? outFile, ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await storage.OpenAsync(parse, error) is not var (services, options))
        {
            return MaabarCli.BadInput;
        }

        await using (services)
        {
            TextWriter? file = null;
            try
            {
                if (outFile is not null)
                {
                    file = new StreamWriter(new FileStream(outFile.FullName, FileMode.CreateNew, FileAccess.Write), new System.Text.UTF8Encoding(false));
                }

                await using AsyncServiceScope scope = services.CreateAsyncScope();
                MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
                long rows = await ExportAudit.WriteAsync(db, Math.Max(1, from), file ?? output, cancellationToken);
                if (file is not null)
                {
                    await output.WriteLineAsync($"exported {rows} rows to {outFile!.FullName}");
                }

                return MaabarCli.Success;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"maabar: --out: {ex.Message}");
                return MaabarCli.BadInput;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                await error.WriteLineAsync($"maabar: {options.Provider}: audit export failed: {ex.GetType().Name}: {ex.Message}");
                return MaabarCli.Failure;
            }
            finally
            {
                if (file is not null)
                {
                    await file.DisposeAsync();
                }
            }
        }
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
