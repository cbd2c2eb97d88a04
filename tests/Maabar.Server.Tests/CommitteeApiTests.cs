using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Server.Tests;

/// <summary>The committee and incident attachments over HTTP.</summary>
public abstract class CommitteeApiTests(ServerFixture fixture)
{
    private MaabarFactory Factory => fixture.Factory;

    private Task<int> CountAsync(Func<MaabarDbContext, Task<int>> query) => Factory.InScopeAsync(sp => query(sp.GetRequiredService<MaabarDbContext>()));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Committee_DecidesToReopenRasJedirForHumanitarianCases_AndTracksTheActions()
    {
        using HttpClient supervisor = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Supervisor));
        using HttpClient member = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.CommitteeMember));
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));

        using HttpResponseMessage byOfficer = await officer.PostAsJsonAsync("/api/v1/committee/meetings", new { title = "x", heldUtc = "2026-11-20T09:00:00Z", place = "x" });
        using HttpResponseMessage invalid = await member.PostAsJsonAsync("/api/v1/committee/meetings", new { title = "Session", heldUtc = "soon", place = "" });
        JsonElement meeting = await JsonAsync(await supervisor.PostAsJsonAsync("/api/v1/committee/meetings", new
        {
            title = "Joint committee, 5th session", heldUtc = "2026-11-20T09:00:00Z", place = "Ben Guerdane",
            participants = new[] { new { agency = "TUN", name = "Director of border police" }, new { agency = "LBY", name = "Head of Ras Ajdir port" } },
            agenda = new[] { new { title = "Reopening of Ras Jedir" } },
        }), HttpStatusCode.Created);
        string id = meeting.GetProperty("id").GetString()!;
        JsonElement decision = await JsonAsync(await supervisor.PostAsJsonAsync($"/api/v1/committee/meetings/{id}/decisions", new
        {
            kind = "crossing-status", text = "Ras Jedir reopens to humanitarian and medical cases", crossingId = TestData.Crossing, status = "humanitarian-only", allowedCategories = new[] { "medical" },
        }), HttpStatusCode.Created);
        await JsonAsync(await member.PostAsJsonAsync($"/api/v1/committee/meetings/{id}/actions", new { text = "Report the first week's humanitarian passages", ownerAgency = "TUN", dueDate = "2026-01-10" }), HttpStatusCode.Created);
        await JsonAsync(await member.PostAsJsonAsync($"/api/v1/committee/meetings/{id}/actions", new { text = "Open a second lane", ownerAgency = "LBY", dueDate = "2099-01-10", decisionId = decision.GetProperty("id").GetString() }), HttpStatusCode.Created);
        JsonElement overdue = await JsonAsync(await member.GetAsync("/api/v1/committee/actions?overdue=true"), HttpStatusCode.OK);
        JsonElement read = await JsonAsync(await officer.GetAsync($"/api/v1/committee/meetings/{id}"), HttpStatusCode.Forbidden);
        JsonElement full = await JsonAsync(await member.GetAsync($"/api/v1/committee/meetings/{id}"), HttpStatusCode.OK);
        using HttpResponseMessage unknown = await member.GetAsync($"/api/v1/committee/meetings/{Guid.NewGuid()}");
        JsonElement board = await JsonAsync(await supervisor.GetAsync($"/api/v1/crossings/{TestData.Crossing}/status"), HttpStatusCode.OK);
        await JsonAsync(await supervisor.PutAsJsonAsync($"/api/v1/crossings/{TestData.Crossing}/status", new { status = "open" }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Problem problem = await Problem.ReadAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["place", "heldUtc"], problem.Errors.Select(e => e.Field));
        Guid changeId = decision.GetProperty("crossingStatusChangeId").GetGuid();
        Assert.Equal(1, await CountAsync(db => db.CrossingStatusChanges.CountAsync(c => c.Id == changeId && c.Status == CrossingStatus.HumanitarianOnly && c.CrossingPointId == TestData.Crossing)));
        Assert.Equal("humanitarianOnly", board.GetProperty("sides").EnumerateArray().Single(s => s.GetProperty("agency").GetString() == "TUN").GetProperty("status").GetString());
        JsonElement late = Assert.Single(overdue.EnumerateArray());
        Assert.Equal("Report the first week's humanitarian passages", late.GetProperty("action").GetProperty("text").GetString());
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal(2, full.GetProperty("actions").GetArrayLength());
        Assert.Equal(2, full.GetProperty("participants").GetArrayLength());
        Assert.Equal(changeId, full.GetProperty("decisions")[0].GetProperty("crossingStatusChangeId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Attachments_AcceptPhotosAndPdfsByContent_RefuseTheRest_AndDownloadSafely()
    {
        using HttpClient officer = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Tunisia, Roles.Officer));
        using HttpClient libyan = await Factory.CreateApiClientAsync(TestData.UserName(AgencyCode.Libya, Roles.Officer));
        JsonElement incident = await JsonAsync(await officer.PostAsJsonAsync("/api/v1/incidents", new { type = "smugglingSeizure", impact = "medium", crossingId = TestData.Crossing, title = "Fuel seized" }), HttpStatusCode.Created);
        string id = incident.GetProperty("id").GetString()!;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[100]];
        static ByteArrayContent Body(byte[] bytes, string type)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            return content;
        }

        // A script named like a photo and declared as one is still refused: the content decides.
        using HttpResponseMessage script = await officer.PostAsync($"/api/v1/incidents/{id}/attachments?fileName=photo.jpg", Body("<script>alert(1)</script>"u8.ToArray(), "image/jpeg"));
        using HttpResponseMessage empty = await officer.PostAsync($"/api/v1/incidents/{id}/attachments?fileName=x.png", Body([], "image/png"));
        using HttpResponseMessage huge = await officer.PostAsync($"/api/v1/incidents/{id}/attachments?fileName=big.pdf", Body([.. "%PDF-1.7"u8, .. new byte[AttachmentRules.MaxBytes]], "application/pdf"));
        using HttpResponseMessage others = await libyan.PostAsync($"/api/v1/incidents/{id}/attachments?fileName=x.png", Body(png, "image/png"));
        int storedAfterRefusals = await CountAsync(db => db.IncidentAttachments.CountAsync(a => a.IncidentId == Guid.Parse(id)));
        JsonElement stored = await JsonAsync(await officer.PostAsync($"/api/v1/incidents/{id}/attachments?fileName=..%2F..%2Fseized%20fuel\u202E.exe", Body(png, "application/octet-stream")), HttpStatusCode.Created);
        string attachmentId = stored.GetProperty("id").GetString()!;
        using HttpResponseMessage download = await officer.GetAsync($"/api/v1/incidents/{id}/attachments/{attachmentId}");
        byte[] downloaded = await download.Content.ReadAsByteArrayAsync();
        using HttpResponseMessage byPartner = await libyan.GetAsync($"/api/v1/incidents/{id}/attachments/{attachmentId}");

        Assert.Equal(ErrorCodes.AttachmentType, Assert.Single((await Problem.ReadAsync(script)).Errors).Code);
        Assert.Equal(ErrorCodes.AttachmentEmpty, Assert.Single((await Problem.ReadAsync(empty)).Errors).Code);
        Assert.Equal(ErrorCodes.AttachmentTooLarge, Assert.Single((await Problem.ReadAsync(huge)).Errors).Code);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(0, storedAfterRefusals);
        Assert.Equal("image/png", stored.GetProperty("contentType").GetString());
        Assert.Equal("seized fuel_.png", stored.GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, downloaded);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, byPartner.StatusCode);
        Assert.Equal(2, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AttachmentAccessed && a.EntityId == id)));
    }
}

public sealed class SqliteCommitteeApiTests(SqliteServerFixture fixture) : CommitteeApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresCommitteeApiTests(PostgresServerFixture fixture) : CommitteeApiTests(fixture), IClassFixture<PostgresServerFixture>;
