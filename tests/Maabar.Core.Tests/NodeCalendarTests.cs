using Maabar.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Maabar.Core.Tests;

/// <summary>The node's calendar: local days, their bounds in UTC, and the days that daylight saving bends.</summary>
public sealed class NodeCalendarTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2026, 11, 30, 22, 30, "2026-11-30")] // 23:30 in Tunis on the last day of November
    [InlineData(2026, 11, 30, 23, 30, "2026-12-01")] // 00:30 in Tunis: already December, still November in UTC
    [InlineData(2026, 12, 31, 22, 59, "2026-12-31")] // 23:59 in Tunis on New Year's Eve
    [InlineData(2026, 12, 31, 23, 0, "2027-01-01")] // midnight in Tunis: the new year, an hour before UTC's
    [InlineData(2027, 2, 28, 23, 30, "2027-03-01")] // 00:30 on 1 March in Tunis
    public void DayOf_InstantNearMidnight_IsTheDayInTunis(int year, int month, int day, int hour, int minute, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NodeCalendar.Tunis.DayOf(Utc(year, month, day, hour, minute)));
    }

    [Fact]
    public void StartAndEnd_OfATunisDay_AreLocalMidnights()
    {
        var day = new DateOnly(2026, 11, 30);

        Assert.Equal(Utc(2026, 11, 29, 23, 0), NodeCalendar.Tunis.StartUtc(day));
        Assert.Equal(Utc(2026, 11, 30, 23, 0), NodeCalendar.Tunis.EndUtc(day));
    }

    [Fact]
    public void Today_ReadsTheClockItIsGiven()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 1), NodeCalendar.Tunis.Today(clock));
    }

    [Fact]
    public void Days_InAZoneWithDaylightSaving_HaveTheirRealLength()
    {
        var paris = new NodeCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        // Europe changes its clocks on the last Sunday of March and of October (at 01:00 UTC).
        TimeSpan spring = paris.EndUtc(new DateOnly(2027, 3, 28)) - paris.StartUtc(new DateOnly(2027, 3, 28));
        TimeSpan autumn = paris.EndUtc(new DateOnly(2026, 10, 25)) - paris.StartUtc(new DateOnly(2026, 10, 25));
        TimeSpan ordinary = paris.EndUtc(new DateOnly(2027, 3, 31)) - paris.StartUtc(new DateOnly(2027, 3, 31));

        Assert.Equal(TimeSpan.FromHours(23), spring);
        Assert.Equal(TimeSpan.FromHours(25), autumn);
        Assert.Equal(TimeSpan.FromHours(24), ordinary);
        Assert.Equal(new DateOnly(2027, 3, 31), paris.DayOf(Utc(2027, 3, 31, 21, 59))); // 23:59 in Paris on the last day of March
        Assert.Equal(new DateOnly(2027, 4, 1), paris.DayOf(Utc(2027, 3, 31, 22, 0)));
    }

    [Fact]
    public void StartUtc_WhereMidnightIsSkipped_IsTheFirstLocalTimeThatExists()
    {
        // Chile starts daylight saving at midnight: on 6 September 2026 the clocks go from 00:00 to 01:00,
        // so local midnight does not exist. The zone's own rules say where; the test reads them, not a table.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var calendar = new NodeCalendar(zone);
        DateOnly skipped = Enumerable.Range(0, 366).Select(d => new DateOnly(2026, 1, 1).AddDays(d))
            .First(d => zone.IsInvalidTime(d.ToDateTime(TimeOnly.MinValue)));

        DateTime start = calendar.StartUtc(skipped);

        Assert.False(zone.IsInvalidTime(calendar.ToLocal(start)));
        Assert.Equal(skipped, calendar.DayOf(start));
        Assert.Equal(skipped.AddDays(-1), calendar.DayOf(start.AddTicks(-1)));
        Assert.Equal(TimeSpan.FromHours(23), calendar.EndUtc(skipped) - start);
    }

    [Fact]
    public void OffsetStretches_ZoneWithoutDaylightSaving_IsOneStretch()
    {
        IReadOnlyList<(DateTime FromUtc, TimeSpan Offset)> stretches = NodeCalendar.Tunis.OffsetStretches(Utc(2026, 1, 1, 0, 0), Utc(2026, 12, 31, 0, 0));

        Assert.Equal([(Utc(2026, 1, 1, 0, 0), TimeSpan.FromHours(1))], stretches);
    }

    [Fact]
    public void OffsetStretches_ParisOverAYear_StartsANewStretchAtEachChange()
    {
        var paris = new NodeCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        IReadOnlyList<(DateTime FromUtc, TimeSpan Offset)> stretches = paris.OffsetStretches(Utc(2027, 1, 1, 0, 0), Utc(2027, 12, 31, 0, 0));

        // EU rule: the change is at 01:00 UTC on the last Sundays of March and October.
        Assert.Equal(
            [(Utc(2027, 1, 1, 0, 0), TimeSpan.FromHours(1)), (Utc(2027, 3, 28, 1, 0), TimeSpan.FromHours(2)), (Utc(2027, 10, 31, 1, 0), TimeSpan.FromHours(1))],
            stretches);
        for (int i = 1; i < stretches.Count; i++)
        {
            // The second before a stretch starts still has the offset of the stretch before it.
            Assert.Equal(stretches[i - 1].Offset, paris.Zone.GetUtcOffset(stretches[i].FromUtc.AddSeconds(-1)));
        }
    }

    [Fact]
    public void IanaId_OfTheDefaultZone_IsTheNamePostgreSqlReads()
    {
        Assert.Equal("Africa/Tunis", NodeCalendar.Tunis.IanaId);
    }
}

/// <summary>A node configured with a time zone the machine does not know refuses to start, saying which setting is wrong.</summary>
public sealed class NodeTimeZoneSettingTests
{
    [Fact]
    public void NodeOptions_UnknownTimeZone_FailsValidationNamingTheSetting()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Node:TimeZone"] = "Mars/Olympus_Mons" }).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Maabar.Hosting.StorageServiceCollectionExtensions.AddMaabarStorage(services, configuration, Path.GetTempPath());
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Maabar.Hosting.NodeOptions>>(provider).Value);
        Assert.Contains("Node:TimeZone", error.Message, StringComparison.Ordinal);
    }
}
