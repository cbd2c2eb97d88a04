using Maabar.Testing;

namespace Maabar.Server.Tests;

/// <summary>A server under test reads the test clock: the machine's, or the faked date scripts/test.sh runs the suite at.</summary>
public sealed class TestClockTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public void Server_ReadsTheTestClock()
    {
        // The same instance: whatever date the run is at, the server and the test read one clock.
        Assert.Same(TestClock.Machine, fixture.Factory.Service<TimeProvider>());
    }
}
