using System.Security.Claims;
using Maabar.Core.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Maabar.Core.Features.Reports;
using Maabar.Domain;
using Maabar.Server.Infrastructure;

namespace Maabar.Server.Features.Reports;

internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/namesake-burden", NamesakeBurdenAsync)
            .WithTags("Reports")
            .WithSummary("Per entry: hits, namesakes (negatives), positives, time to decide, repeat stops avoided, missing identifiers; heaviest first. JSON, or CSV with format=csv or Accept: text/csv. Analysts, committee members, supervisors, liaison officers.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stats/dashboard", DashboardAsync)
            .WithTags("Reports")
            .WithSummary("The dashboard's figures and every chart's table over the last days (1-365, default 30). Analysts, committee members, supervisors, liaison officers.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stats/{table}", TableAsync)
            .WithTags("Reports")
            .WithSummary("One chart's table (passages-per-day, passages-per-crossing, hit-outcomes, incidents-by-type, incidents-by-impact, incidents-by-sector, messages-sent, messages-received, figures) as JSON, or CSV with format=csv or Accept: text/csv.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DashboardAsync(ClaimsPrincipal user, Dashboard dashboard, Problems problems, CancellationToken ct, int days = 30)
    {
        Core.Actor actor = user.ToActor();
        return NamesakeBurden.MayRead(actor) ? TypedResults.Ok(await dashboard.HandleAsync(actor, days, ct)) : problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
    }

    private static async Task<IResult> TableAsync(string table, ClaimsPrincipal user, HttpRequest request, Dashboard dashboard, Problems problems, CancellationToken ct, int days = 30, string? format = null)
    {
        Core.Actor actor = user.ToActor();
        if (!NamesakeBurden.MayRead(actor))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        DashboardView view = await dashboard.HandleAsync(actor, days, ct);
        if (!view.Tables.TryGetValue(table, out IReadOnlyList<Bar>? rows))
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.StatsTableUnknown);
        }

        return WantsCsv(request, format) ? Csv(DashboardView.ToCsv(rows), $"{table}-{view.Days}d.csv") : TypedResults.Ok(rows);
    }

    private static async Task<IResult> NamesakeBurdenAsync(ClaimsPrincipal user, HttpRequest request, NamesakeBurden useCase, Problems problems, CancellationToken ct, string? format = null)
    {
        Core.Actor actor = user.ToActor();
        if (!NamesakeBurden.MayRead(actor))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        IReadOnlyList<NamesakeBurdenRow> rows = await useCase.HandleAsync(actor, ct);
        return WantsCsv(request, format) ? Csv(NamesakeBurden.ToCsv(rows), "namesake-burden.csv") : TypedResults.Ok(rows);
    }

    /// <summary>CSV is asked for with format=csv or Accept: text/csv; JSON otherwise.</summary>
    private static bool WantsCsv(HttpRequest request, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    private static FileContentHttpResult Csv(string csv, string fileName) => TypedResults.File(CsvText.Utf8WithBom(csv), "text/csv; charset=utf-8", fileName);
}
