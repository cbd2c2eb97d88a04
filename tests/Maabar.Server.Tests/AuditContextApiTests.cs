using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>Issue 22 point 4: the audit rows of API calls carry the session and the client address.</summary>
public abstract class AuditContextApiTests(ServerFixture fixture)
{
    private MaabarFactory Factory => fixture.Factory;

    private static object Passage(string latin, string document) => new
    {
        crossingId = TestData.Crossing,
        lane = "CAR-IN-1",
        direction = "entry",
        identity = new { fullNameLatin = latin, birthDate = "1979-04-05", sex = "M", nationality = "LBY", documentType = "P", documentNumber = document, documentIssuingState = "LBY" },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    [Fact]
    public async Task ApiCall_AuditRows_CarryTheSessionAndTheClientAddress()
    {
        using HttpClient first = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpClient second = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        string[] passages = new string[3];
        int i = 0;
        foreach (HttpClient client in new[] { first, first, second })
        {
            JsonElement recorded = await JsonAsync(await client.PostAsJsonAsync("/api/v1/passages", Passage("Plain Traveller " + TestData.UniqueLetters(), "LY" + Random.Shared.Next(1_000_000, 9_999_999))), HttpStatusCode.Created);
            passages[i++] = recorded.GetProperty("id").GetString()!;
        }

        List<AuditEntry> rows = await Factory.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.PassageRecorded && passages.Contains(a.EntityId)).ToListAsync());
        string?[] sessions = [.. passages.Select(p => rows.Single(r => r.EntityId == p).SessionId)];

        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.ClientAddress));
        Assert.All(sessions, s => Assert.Matches("^[0-9a-f]{32}$", s));
        Assert.Equal(sessions[0], sessions[1]);
        Assert.NotEqual(sessions[0], sessions[2]);
    }

}

public sealed class SqliteAuditContextApiTests(SqliteServerFixture fixture) : AuditContextApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAuditContextApiTests(PostgresServerFixture fixture) : AuditContextApiTests(fixture), IClassFixture<PostgresServerFixture>;
