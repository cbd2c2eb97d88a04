using System.Security.Claims;
using System.Text;
using Maabar.Core.Features.Reports;
using Maabar.Domain;
using Maabar.Server.Infrastructure;

namespace Maabar.Server.Features.Reports;

internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/reports/namesake-burden", NamesakeBurdenAsync)
            .WithTags("Reports")
            .WithSummary("Per entry: hits, namesakes (negatives), positives, time to decide, repeat stops avoided, missing identifiers; heaviest first. JSON, or CSV with format=csv or Accept: text/csv. Analysts, committee members, supervisors, liaison officers.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> NamesakeBurdenAsync(ClaimsPrincipal user, HttpRequest request, NamesakeBurden useCase, Problems problems, CancellationToken ct, string? format = null)
    {
        Core.Actor actor = user.ToActor();
        if (!NamesakeBurden.MayRead(actor))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        IReadOnlyList<NamesakeBurdenRow> rows = await useCase.HandleAsync(actor, ct);
        bool csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(NamesakeBurden.ToCsv(rows))).ToArray(), "text/csv; charset=utf-8", "namesake-burden.csv")
            : TypedResults.Ok(rows);
    }
}
