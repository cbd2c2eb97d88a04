using System.Security.Claims;
using Maabar.Core.Features.Watchlists;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Watchlists;

internal static class WatchlistEndpoints
{
    /// <summary>Largest entry body.</summary>
    public const long MaxEntryBytes = 64 * 1024;

    /// <summary>Largest import file: the whole UN list is about 2 MB of XML.</summary>
    public const long MaxImportBytes = 32 * 1024 * 1024;

    public static void MapWatchlistEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/watchlist").WithTags("Watchlist").RequireAuthorization(ServerSetup.Policies.Adjudication);
        group.MapPost("/entries", CreateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxEntryBytes))
            .WithSummary("Creates an entry of the caller's agency (supervisors). A person shared with a partner needs a date of birth, a parent's name or a document.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/entries/{id:guid}", UpdateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxEntryBytes))
            .WithSummary("Replaces an entry of the caller's agency (supervisors). The version rises on a material change only (names, dates of birth, documents...).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/entries/{id:guid}", GetAsync).WithSummary("One entry the caller's agency owns or was shared. Audited.");
        group.MapGet("/entries/{id:guid}/history", HistoryAsync).WithSummary("The entry's changes: version, fields changed, who, when. Audited.");
        group.MapGet("/entries", ListAsync).WithSummary("Entries the caller's agency owns or was shared (no personal data). Filters: reference, limit, offset.");
        group.MapPost("/imports", ImportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .DisableAntiforgery()
            .WithSummary("Imports the UN Consolidated List (format=un-xml) or a CSV (format=csv, category=...) sent as the request body. Supervisors. Returns the summary.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Created<EntryView>, ProblemHttpResult>> CreateAsync(WatchlistEntryInput body, ClaimsPrincipal user, SaveEntry useCase, Problems problems, CancellationToken ct)
    {
        SaveEntryResult result = await useCase.CreateAsync(user.ToActor(), body, ct);
        return result.Outcome == SaveEntryOutcome.Saved
            ? TypedResults.Created($"/api/v1/watchlist/entries/{result.Entry!.Id}", result.Entry)
            : Failure(result, problems);
    }

    private static async Task<Results<Ok<EntryView>, ProblemHttpResult>> UpdateAsync(Guid id, WatchlistEntryInput body, ClaimsPrincipal user, SaveEntry useCase, Problems problems, CancellationToken ct)
    {
        SaveEntryResult result = await useCase.UpdateAsync(user.ToActor(), id, body, ct);
        return result.Outcome == SaveEntryOutcome.Saved ? TypedResults.Ok(result.Entry!) : Failure(result, problems);
    }

    private static ProblemHttpResult Failure(SaveEntryResult result, Problems problems) => result.Outcome switch
    {
        SaveEntryOutcome.Invalid => problems.Validation(result.Errors!),
        SaveEntryOutcome.NotFound => problems.Of(StatusCodes.Status404NotFound, ErrorCodes.EntryNotFound),
        SaveEntryOutcome.Forbidden => problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden),
        SaveEntryOutcome.ReferenceTaken => problems.Of(StatusCodes.Status409Conflict, ErrorCodes.EntryReferenceTaken, result.Errors),
        _ => throw new InvalidOperationException($"Unhandled outcome {result.Outcome}."),
    };

    private static async Task<Results<Ok<EntryView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, ReadEntries useCase, Problems problems, CancellationToken ct)
    {
        EntryView? entry = await useCase.GetAsync(user.ToActor(), id, "api.watchlist.entry.read", ct);
        return entry is null ? problems.Of(StatusCodes.Status404NotFound, ErrorCodes.EntryNotFound) : TypedResults.Ok(entry);
    }

    private static async Task<Results<Ok<IReadOnlyList<EntryRevisionView>>, ProblemHttpResult>> HistoryAsync(Guid id, ClaimsPrincipal user, ReadEntries useCase, Problems problems, CancellationToken ct)
    {
        IReadOnlyList<EntryRevisionView>? history = await useCase.HistoryAsync(user.ToActor(), id, ct);
        return history is null ? problems.Of(StatusCodes.Status404NotFound, ErrorCodes.EntryNotFound) : TypedResults.Ok(history);
    }

    private static async Task<Ok<IReadOnlyList<EntrySummary>>> ListAsync(ClaimsPrincipal user, ReadEntries useCase, CancellationToken ct, string? reference = null, int limit = 100, int offset = 0) =>
        TypedResults.Ok(await useCase.ListAsync(user.ToActor(), reference, limit, offset, ct));

    private static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user, ImportWatchlist useCase, Problems problems, CancellationToken ct, string? format = null, string? category = null)
    {
        Core.Actor actor = user.ToActor();
        if (!actor.IsInRole(Roles.Supervisor))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        // Read the whole body first (the size limit applies), then parse: a malformed file changes nothing.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        (ImportSummary? summary, string? error, string? field, string? detail) = await useCase.HandleFileAsync(actor, format, category, reader, ct);
        return summary is not null
            ? TypedResults.Ok(summary)
            : problems.Of(StatusCodes.Status400BadRequest, error == ErrorCodes.ImportMalformed ? error : ErrorCodes.QueryInvalid, [new ValidationError(error!, field!)],
                detail is null ? null : new("reason", detail));
    }

}
