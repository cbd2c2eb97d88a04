using System.Globalization;

namespace Maabar.Cli.Commands;

/// <summary>A one-line progress bar on standard error, redrawn when the percentage changes.</summary>
internal sealed class ProgressBar(TextWriter error, string label, int? total) : IProgress<int>
{
    private int lastShown = -1;

    public void Report(int value)
    {
        if (total is int all && all > 0)
        {
            int percent = (int)(100L * value / all);
            if (percent == lastShown)
            {
                return;
            }

            lastShown = percent;
            string bar = new string('#', percent / 5).PadRight(20, '.');
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{bar}] {percent,3}% {value}/{all}"));
        }
        else
        {
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label}: {value}"));
        }
    }
}
