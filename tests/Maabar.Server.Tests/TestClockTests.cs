using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>A server under test reads the test clock: the machine's, or the faked date scripts/test.sh runs the suite at.</summary>
public sealed class TestClockTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public void Server_ReadsTheTestClock()
    {
        TimeProvider clock = fixture.Factory.Service<TimeProvider>();

        Assert.Same(TestClock.Machine, clock);
        Assert.Equal(TestClock.Machine.GetUtcNow().UtcDateTime.Date, clock.GetUtcNow().UtcDateTime.Date);
    }
}
