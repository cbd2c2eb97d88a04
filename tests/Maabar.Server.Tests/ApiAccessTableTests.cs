using System.Net;
using System.Net.Http.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>
/// Issue 21 point 6: the API admits to each route the roles its page admits, and no more. Every <c>/api/v1</c>
/// route the server maps is read from its endpoint data source, so a new route cannot be forgotten: one missing
/// from the table below fails the test. Every read route is called by each role of the own agency (TUN) and of
/// the other (LBY), and without a token, and the answers are compared with the table.
/// </summary>
public abstract class ApiAccessTableTests(AccessTableFixture fixture)
{
    private static readonly string[] Adjudication = [Roles.Officer, Roles.Supervisor, Roles.LiaisonOfficer];
    private static readonly string[] Reports = [Roles.Analyst, Roles.CommitteeMember, Roles.Supervisor, Roles.LiaisonOfficer];
    private static readonly string[] Liaison = [Roles.LiaisonOfficer, Roles.Supervisor];
    private static readonly string[] Passages = [Roles.Officer, Roles.Supervisor];
    private static readonly string[] Administration = [Roles.Administrator];
    private static readonly string[] AnySignedIn = Roles.All.ToArray();

    /// <summary>Who may read: null for anyone without signing in.</summary>
    private static readonly Dictionary<string, string[]?> Reads = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/status"] = null,
        ["GET /api/v1/public/crossings"] = null,
        ["GET /api/v1/clearances/{number}"] = Adjudication, // without birthDate: the staff record (the public check is tested elsewhere)
        ["GET /api/v1/crossings"] = AnySignedIn,
        ["GET /api/v1/crossings/{id}/status"] = AnySignedIn,
        ["GET /api/v1/sectors/"] = AnySignedIn,
        ["GET /api/v1/passages/"] = Passages,
        ["GET /api/v1/passages/{id:guid}"] = Passages,
        ["GET /api/v1/users/"] = Administration,
        ["GET /api/v1/audit"] = Administration,
        ["GET /api/v1/watchlist/entries"] = Adjudication,
        ["GET /api/v1/watchlist/entries/{id:guid}"] = Adjudication,
        ["GET /api/v1/watchlist/entries/{id:guid}/history"] = Adjudication,
        ["GET /api/v1/hits/"] = Adjudication,
        ["GET /api/v1/incidents/"] = Adjudication,
        ["GET /api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}"] = Adjudication,
        ["GET /api/v1/reports/namesake-burden"] = Reports,
        ["GET /api/v1/stats/dashboard"] = Reports,
        ["GET /api/v1/stats/{table}"] = Reports,
        ["GET /api/v1/federation/messages"] = Liaison,
        ["GET /api/v1/federation/outbox"] = Liaison,
        ["GET /api/v1/federation/partners"] = Liaison,
        ["GET /api/v1/federation/gaps"] = Liaison,
        ["GET /api/v1/committee/meetings"] = Reports,
        ["GET /api/v1/committee/meetings/{id:guid}"] = Reports,
        ["GET /api/v1/committee/actions"] = Reports,
        ["GET /api/v1/committee/notices"] = Reports,
        ["GET /api/v1/supervision/clearances"] = [Roles.Supervisor],
    };

    /// <summary>Routes that change something: listed so that none goes unseen; who may do each is tested with its feature.</summary>
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/password", // no token: the current password is the proof (AccountLifecycleApiTests)
        "PATCH /api/v1/users/{username}",
        "POST /api/v1/users/{username}/password-reset",
        "POST /api/v1/clearances/{number}/approval",
        "PUT /api/v1/crossings/{id}/status",
        "POST /api/v1/crossings/{id}/status",
        "POST /api/v1/passages/",
        "POST /api/v1/mrz",
        "POST /api/v1/users/",
        "DELETE /api/v1/users/{username}/two-factor",
        "POST /api/v1/watchlist/entries",
        "PUT /api/v1/watchlist/entries/{id:guid}",
        "POST /api/v1/watchlist/imports",
        "POST /api/v1/hits/{id:guid}/decision",
        "POST /api/v1/hits/{id:guid}/confirmation",
        "POST /api/v1/clearances/{number}/revocation",
        "POST /api/v1/clearances/{number}/proposal-decision",
        "POST /api/v1/federation/messages/{id:guid}/reply",
        "POST /api/v1/federation/inbox", // partners only: a signed envelope, no user (FederationTests)
        "POST /api/v1/incidents/",
        "POST /api/v1/incidents/{id:guid}/reports",
        "POST /api/v1/incidents/{id:guid}/attachments",
        "PUT /api/v1/sectors/{id}/impact",
        "POST /api/v1/committee/meetings",
        "POST /api/v1/committee/meetings/{id:guid}/decisions",
        "POST /api/v1/committee/meetings/{id:guid}/actions",
        "PUT /api/v1/committee/actions/{id:guid}",
        "POST /api/v1/committee/notices/{id:guid}/acknowledgement",
    };

    private MaabarFactory Factory => fixture.Factory;

    private List<string> MappedRoutes() =>
        [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct()];

    [Fact]
    public void EveryMappedApiRoute_IsInTheTable()
    {
        List<string> mapped = MappedRoutes();

        List<string> unknown = [.. mapped.Where(r => !Reads.ContainsKey(r) && !Writes.Contains(r)).Order(StringComparer.Ordinal)];
        List<string> stale = [.. Reads.Keys.Concat(Writes).Where(r => !mapped.Contains(r)).Order(StringComparer.Ordinal)];
        Assert.Empty(unknown);
        Assert.Empty(stale);
    }

    /// <summary>A concrete address for a route: its parameters filled with the given ids, or with values that exist nowhere.</summary>
    private static string Address(string route, Guid entryId) => route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..] switch
    {
        var r when r.StartsWith("/api/v1/watchlist/entries/{id:guid}", StringComparison.Ordinal) => r.Replace("{id:guid}", entryId.ToString(), StringComparison.Ordinal),
        var r => r.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{attachmentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{number}", "MB-NONE-0000", StringComparison.Ordinal)
            .Replace("{table}", "figures", StringComparison.Ordinal)
            .Replace("{id}", TestData.Crossing, StringComparison.Ordinal),
    };

    [Fact]
    public async Task EveryReadRoute_AnswersEachRoleOfEachAgencyAsTheTableSays()
    {
        // The own agency's records the other agency must not see: an entry shared with nobody, a low-impact incident never sent.
        WatchlistEntry entry = await TestData.AddEntryAsync(Factory.Services, AgencyCode.Tunisia, null, "ACCESS " + TestData.UniqueLetters(), "1970");
        string title = "Unshared " + TestData.UniqueLetters();
        using (HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer)))
        {
            using HttpResponseMessage reported = await officer.PostAsJsonAsync("/api/v1/incidents", new { type = "congestion", impact = "low", crossingId = TestData.Crossing, title });
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        }

        var wrong = new List<string>();
        using HttpClient anonymous = Factory.CreateClient();
        foreach ((string route, string[]? roles) in Reads)
        {
            string address = Address(route, entry.Id);
            using HttpResponseMessage noToken = await anonymous.GetAsync(address);
            HttpStatusCode expectedAnonymous = roles is null ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            if (noToken.StatusCode != expectedAnonymous)
            {
                wrong.Add($"{route} without a token: {(int)noToken.StatusCode}, expected {(int)expectedAnonymous}");
            }
        }

        foreach (string agency in new[] { AgencyCode.Tunisia, AgencyCode.Libya })
        {
            foreach (string role in Roles.All)
            {
                using HttpClient api = await Factory.CreateApiClientAsync(TestData.UserName(agency, role));
                foreach ((string route, string[]? roles) in Reads)
                {
                    using HttpResponseMessage response = await api.GetAsync(Address(route, entry.Id));
                    int status = (int)response.StatusCode;
                    bool allowed = roles is null || roles.Contains(role);
                    bool ok = allowed ? status is not (401 or 403) and < 500 : status == 403;
                    if (allowed && route.StartsWith("GET /api/v1/watchlist/entries/{id:guid}", StringComparison.Ordinal))
                    {
                        ok = status == (agency == AgencyCode.Tunisia ? 200 : 404);
                    }

                    if (allowed && route == "GET /api/v1/incidents/")
                    {
                        ok &= (await response.Content.ReadAsStringAsync()).Contains(title, StringComparison.Ordinal) == (agency == AgencyCode.Tunisia);
                    }

                    if (!ok)
                    {
                        wrong.Add($"{route} as {agency} {role}: {status}, allowed={allowed}");
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }
}

/// <summary>A server whose public clearance check is not rate-limited within the walk (13 callers from one address).</summary>
public abstract class AccessTableFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase? database;

    public MaabarFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        Factory = new MaabarFactory(database, new Dictionary<string, string?> { ["PublicCheck:PermitsPerWindow"] = "10000" });
        Factory.StartServer();
        await TestData.SeedAsync(Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }
}

public sealed class SqliteAccessTableFixture() : AccessTableFixture(StorageProvider.Sqlite);

public sealed class PostgresAccessTableFixture() : AccessTableFixture(StorageProvider.Postgres);

public sealed class SqliteApiAccessTableTests(SqliteAccessTableFixture fixture) : ApiAccessTableTests(fixture), IClassFixture<SqliteAccessTableFixture>;

public sealed class PostgresApiAccessTableTests(PostgresAccessTableFixture fixture) : ApiAccessTableTests(fixture), IClassFixture<PostgresAccessTableFixture>;
