using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Maabar.Cli.Commands;

namespace Maabar.Cli;

/// <summary>
/// The <c>maabar</c> command line. Each command lives in Commands/ and adds itself to the tree here.
/// Exit codes: 0 success, 1 the operation failed (e.g. database unreachable), 2 the input could not be used.
/// </summary>
public static class MaabarCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, Console.In, TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, TimeProvider clock)
    {
        var root = new RootCommand("maabar: operate a Maabar node (border crossing and security coordination) from the command line.");
        root.Subcommands.Add(DbCommands.Create(output, error));
        root.Subcommands.Add(MrzCommands.Create(output, error, input, clock));
        root.Subcommands.Add(NamesCommands.Create(output, error, input));
        root.Subcommands.Add(ScreenCommands.CreateScreen(output, error));
        root.Subcommands.Add(WatchlistCommands.Create(output, error));
        root.Subcommands.Add(KeyCommands.Create(output, error));
        root.Subcommands.Add(AuditCommands.Create(output, error));
        root.Subcommands.Add(RetentionCommands.Create(output, error, clock));
        var bench = new Command("bench", "Measure Maabar's engines on synthetic data.");
        bench.Subcommands.Add(ScreenCommands.CreateBench(output, error));
        bench.Subcommands.Add(SyncBenchCommand.Create(output, error));
        bench.Subcommands.Add(ReportsBenchCommand.Create(output, error, clock));
        root.Subcommands.Add(bench);
        foreach (VersionOption option in root.Options.OfType<VersionOption>())
        {
            // The default prints the entry assembly's version, which is not maabar's when it is hosted.
            option.Action = new PrintVersion();
        }

        // Audit rows written by this command say where they came from: this process, on this machine.
        Maabar.Core.Data.AuditCallContext.Current = new("cli:" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "local");
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        ParseResult parse = root.Parse(args);
        int code = await parse.InvokeAsync(configuration);

        // System.CommandLine answers a parse error with 1; Maabar's contract says bad input is 2.
        return parse.Errors.Count > 0 ? BadInput : code;
    }

    /// <summary>The informational version of this assembly (<c>0.1.0+commit</c>).</summary>
    public static string Version { get; } =
        typeof(MaabarCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return Success;
        }
    }
}
