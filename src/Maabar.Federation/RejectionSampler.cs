using System.Collections.Concurrent;

namespace Maabar.Federation;

/// <summary>
/// Keeps junk posted to the inbox from flooding the audit trail: per refusal code and source address, the
/// first refusal of a window (<see cref="FederationOptions.RejectionAuditWindow"/>) writes an audit row, the
/// others in that window are only counted, and the next row written for that code and source carries the count
/// held back since the previous row. Thread-safe; per server instance; holds at most <see cref="MaxSources"/> keys.
/// </summary>
public sealed class RejectionSampler
{
    /// <summary>Most code-and-source keys held; beyond it, windows that have ended are dropped.</summary>
    public const int MaxSources = 10_000;

    private readonly ConcurrentDictionary<(string Code, string Source), Window> windows = new();

    /// <summary>
    /// Counts one refusal at <paramref name="nowUtc"/>. True when it opens a new window and must be audited, with
    /// <paramref name="heldBack"/> the refusals counted but not audited since the last row for this key.
    /// </summary>
    public bool ShouldAudit(string code, string source, DateTime nowUtc, TimeSpan window, out int heldBack)
    {
        if (windows.Count >= MaxSources)
        {
            foreach (KeyValuePair<(string Code, string Source), Window> stale in windows.Where(w => w.Value.EndsUtc <= nowUtc))
            {
                windows.TryRemove(stale);
            }
        }

        Window current = windows.GetOrAdd((code, source), _ => new Window { EndsUtc = DateTime.MinValue });
        lock (current)
        {
            if (nowUtc < current.EndsUtc)
            {
                current.HeldBack++;
                heldBack = 0;
                return false;
            }

            heldBack = current.HeldBack;
            current.HeldBack = 0;
            current.EndsUtc = nowUtc + window;
            return true;
        }
    }

    /// <summary>Refusals counted in open windows and not yet written to the audit trail, per code and source (this instance's).</summary>
    public IReadOnlyList<(string Code, string Source, int Count)> HeldBack()
    {
        var held = new List<(string Code, string Source, int Count)>();
        foreach (KeyValuePair<(string Code, string Source), Window> pair in windows)
        {
            lock (pair.Value)
            {
                if (pair.Value.HeldBack > 0)
                {
                    held.Add((pair.Key.Code, pair.Key.Source, pair.Value.HeldBack));
                }
            }
        }

        return held;
    }

    private sealed class Window
    {
        public DateTime EndsUtc { get; set; }

        public int HeldBack { get; set; }
    }
}
