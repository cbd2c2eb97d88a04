using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Maabar.Core;

/// <summary>
/// The node's own measurements, under the meter <see cref="MeterName"/> (the server exports it at /metrics, see
/// the README's Configuration). Tags carry codes only (crossing ids, decisions, channels, agencies), never personal data.
/// Thread-safe.
/// </summary>
public static class MaabarMetrics
{
    /// <summary>The meter's name, for a host to listen to.</summary>
    public const string MeterName = "Maabar";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Passages = Meter.CreateCounter<long>(
        "maabar.passages", "{passage}", "Passages recorded, by crossing and decision (a replayed request is not counted again).");

    private static readonly Histogram<double> Screening = Meter.CreateHistogram(
        "maabar.screening.duration", "s", "Time to screen one traveller against the watchlist (name index and the entries it found), in seconds.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Counter<long> FailedSignIns = Meter.CreateCounter<long>(
        "maabar.signins.failed", "{attempt}", "Password sign-ins refused (wrong password, unknown name, locked or disabled account), by channel.");

    /// <summary>Counts one passage recorded.</summary>
    /// <param name="crossingId">The crossing's id (a code).</param>
    /// <param name="decision">The passage's decision, e.g. <c>Cleared</c> or <c>Referred</c>.</param>
    public static void PassageRecorded(string crossingId, string decision) =>
        Passages.Add(1, new KeyValuePair<string, object?>("crossing", crossingId), new KeyValuePair<string, object?>("decision", decision));

    /// <summary>Counts one refused password sign-in.</summary>
    /// <param name="channel">Where it was tried, e.g. <c>api.token</c> or <c>ui.login</c>.</param>
    public static void SignInFailed(string channel) => FailedSignIns.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Awaits a screening and records how long it took.</summary>
    /// <param name="screening">The screening, started by the caller.</param>
    public static async Task<T> TimeScreeningAsync<T>(Func<Task<T>> screening)
    {
        ArgumentNullException.ThrowIfNull(screening);
        long started = Stopwatch.GetTimestamp();
        T result = await screening();
        Screening.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }
}
