using System.Globalization;
using System.Security.Claims;
using Maabar.Core.Features.Audit;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maabar.Server.Features.Audit;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", QueryAsync)
            .WithTags("Audit")
            .RequireAuthorization(ServerSetup.Policies.Administration)
            .WithSummary("The audit trail of the administrator's agency, newest first. Filters: action, userName, entityType, entityId, from, to (ISO 8601 UTC), limit (1-500), before (the position of the last row of the previous page: the next page).");

    private static async Task<Results<Ok<IReadOnlyList<AuditView>>, ProblemHttpResult>> QueryAsync(
        ClaimsPrincipal user, QueryAudit useCase, Problems problems, CancellationToken ct,
        string? action = null, string? userName = null, string? entityType = null, string? entityId = null, string? from = null, string? to = null, int limit = 100, long? before = null)
    {
        var errors = new List<ValidationError>();
        DateTime? fromUtc = ParseInstant(from, "from", errors);
        DateTime? toUtc = ParseInstant(to, "to", errors);
        if (limit is < 1 or > QueryAudit.MaxLimit)
        {
            errors.Add(new ValidationError(ErrorCodes.QueryInvalid, "limit"));
        }

        if (errors.Count > 0)
        {
            return problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.QueryInvalid, errors);
        }

        return TypedResults.Ok(await useCase.HandleAsync(user.ToActor(), new AuditQuery(action, userName, entityType, entityId, fromUtc, toUtc, limit, before), ct));
    }

    private static DateTime? ParseInstant(string? text, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
        {
            return value.UtcDateTime;
        }

        errors.Add(new ValidationError(ErrorCodes.QueryInvalid, field));
        return null;
    }
}
