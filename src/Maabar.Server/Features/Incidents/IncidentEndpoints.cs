using System.Security.Claims;
using Maabar.Core.Features.Incidents;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Incidents;

/// <summary>The body of POST /api/v1/incidents/{id}/reports.</summary>
public sealed record FollowUpBody(string? Text, string? Impact, bool Close = false);

internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization(ServerSetup.Policies.Adjudication);
        group.MapGet("/", ListAsync).WithSummary("Incidents of this node and its partners, newest first. open=true for open ones; since=ISO 8601 for a time filter.");
        group.MapPost("/", ReportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("Reports an incident (type, impact low|medium|high|critical, crossingId or latitude/longitude, title, description, occurredUtc). High and critical ones go to the partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/reports", FollowUpAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("A follow-up report on one of the agency's incidents: text, optionally a new impact, optionally closing it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/attachments", AttachAsync)
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentRules.MaxBytes + 1024))
            .WithSummary("Attaches a photo (JPEG, PNG) or a document (PDF) to one of the agency's incidents: the file as the body, fileName in the query. The type is read from the content; at most 5 MB, 10 per incident. Not sent to partners.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", ReadAttachmentAsync)
            .WithSummary("Downloads an attachment (always as a download, never rendered inline). Audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> AttachAsync(Guid id, HttpRequest request, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct, string? fileName = null)
    {
        // Read one byte past the limit: a larger body is refused with our code, not cut short.
        byte[]? content = await ReadUpToAsync(request.Body, AttachmentRules.MaxBytes + 1, ct);
        (AttachmentView? attachment, string? error) = await log.AttachAsync(user.ToActor(), id, fileName, content, ct);
        return error switch
        {
            null => TypedResults.Created($"/api/v1/incidents/{id}/attachments/{attachment!.Id}", attachment),
            ErrorCodes.IncidentNotFound => problems.Of(StatusCodes.Status404NotFound, error),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
            _ => problems.Validation([new ValidationError(error, "file")]),
        };
    }

    private static async Task<IResult> ReadAttachmentAsync(Guid id, Guid attachmentId, HttpContext http, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct)
    {
        if (await log.ReadAttachmentAsync(user.ToActor(), id, attachmentId, ct) is not { } found)
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.IncidentNotFound);
        }

        AttachmentHeaders(http.Response);
        return TypedResults.File(found.Content, found.Attachment.ContentType, found.Attachment.FileName);
    }

    /// <summary>An attachment is never rendered by the browser as this site's content.</summary>
    public static void AttachmentHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>The stream's bytes, at most <paramref name="limit"/> of them.</summary>
    public static async Task<byte[]> ReadUpToAsync(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<Ok<IReadOnlyList<IncidentView>>> ListAsync(ClaimsPrincipal user, IncidentLog log, CancellationToken ct, bool open = false, DateTime? since = null, int limit = 200) =>
        TypedResults.Ok(await log.ListAsync(user.ToActor(), open, since?.ToUniversalTime(), limit, ct));

    private static async Task<Results<Created<IncidentView>, ProblemHttpResult>> ReportAsync(IncidentInput body, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct)
    {
        (IncidentView? incident, IReadOnlyList<ValidationError> errors) = await log.ReportAsync(user.ToActor(), body, ct);
        if (incident is not null)
        {
            return TypedResults.Created($"/api/v1/incidents/{incident.Id}", incident);
        }

        return problems.Refused(errors);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> FollowUpAsync(Guid id, FollowUpBody body, ClaimsPrincipal user, IncidentLog log, Problems problems, CancellationToken ct)
    {
        (IncidentView? incident, string? error) = await log.FollowUpAsync(user.ToActor(), id, body.Text, body.Impact, body.Close, ct);
        return error switch
        {
            null => TypedResults.Ok(incident!),
            ErrorCodes.IncidentNotFound => problems.Of(StatusCodes.Status404NotFound, error),
            ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
            ErrorCodes.IncidentClosed => problems.Of(StatusCodes.Status409Conflict, error),
            _ => problems.Validation([new ValidationError(error, error == ErrorCodes.ImpactInvalid ? "impact" : "text")]),
        };
    }
}
