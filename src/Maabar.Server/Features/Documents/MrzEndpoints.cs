using System.Globalization;
using Maabar.Core;
using Maabar.Core.Features.Documents;
using Maabar.Documents.Mrz;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maabar.Server.Features.Documents;

public sealed record MrzBody(string? Mrz);

internal static class MrzEndpoints
{
    public static void MapMrzEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/mrz", Parse)
            .WithTags("Documents")
            .RequireAuthorization(ServerSetup.Policies.Passages)
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("Reads a machine-readable zone (TD1, TD2, TD3, MRV-A, MRV-B, French 1988 card, Swiss licence) without recording anything: fields, errors and warnings with positions, OCR suggestions.");

    private static Results<Ok<MrzView>, ProblemHttpResult> Parse(MrzBody body, Problems problems, TimeProvider clock, NodeCalendar calendar)
    {
        if (string.IsNullOrWhiteSpace(body.Mrz))
        {
            return problems.Validation([new ValidationError(ErrorCodes.Required, "mrz")]);
        }

        MrzResult result = MrzParser.Parse(body.Mrz, calendar.Today(clock));
        return TypedResults.Ok(MrzView.From(result, CultureInfo.CurrentUICulture));
    }
}
