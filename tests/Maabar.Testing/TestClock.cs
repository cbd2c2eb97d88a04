using System.Globalization;

namespace Maabar.Testing;

/// <summary>
/// The clock that tests on the machine's time give the code they run: the machine's, or, when
/// <c>MAABAR_TEST_NOW</c> holds a UTC instant (scripts/test.sh sets it for its faked-date runs), the
/// machine's clock moved so that it reads that instant when the test process starts and runs on from
/// there. Product code reads only <see cref="TimeProvider"/> (a repository rule), so moving this clock
/// moves every date the code and the tests see; timers and elapsed time stay real.
/// </summary>
public static class TestClock
{
    /// <summary>The environment variable with the instant, e.g. <c>2026-12-31 23:59:00</c> (UTC).</summary>
    public const string Variable = "MAABAR_TEST_NOW";

    /// <summary>The clock for servers and commands under test; <see cref="TimeProvider.System"/> unless <see cref="Variable"/> is set.</summary>
    public static TimeProvider Machine { get; } = Create(Environment.GetEnvironmentVariable(Variable));

    private static TimeProvider Create(string? instant)
    {
        if (string.IsNullOrWhiteSpace(instant))
        {
            return TimeProvider.System;
        }

        DateTimeOffset start = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new MovedClock(start - TimeProvider.System.GetUtcNow());
    }

    /// <summary>The machine's clock plus a fixed offset; its timers and timestamps are the machine's.</summary>
    private sealed class MovedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
