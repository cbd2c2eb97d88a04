namespace Maabar.Cli.Commands;

/// <summary>Input read whole from a file, or from standard input when no file is named.</summary>
internal static class CliInput
{
    /// <summary>The text; null (the reason written to <paramref name="error"/>) when it cannot be read.</summary>
    public static async Task<string?> ReadAllAsync(FileInfo? path, TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return path is null ? await input.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"maabar: cannot read {path?.FullName ?? "standard input"}: {ex.Message}");
            return null;
        }
    }
}
