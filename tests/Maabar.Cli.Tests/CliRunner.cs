namespace Maabar.Cli.Tests;

/// <summary>Runs <c>maabar</c> in process, as a shell would, and keeps what it wrote.</summary>
internal static class CliRunner
{
    /// <summary>The exit code and what was written to standard output and standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MaabarCli.RunAsync(args, output, error, Console.In, Maabar.Testing.TestClock.Machine);
        return (code, output.ToString(), error.ToString());
    }
}
