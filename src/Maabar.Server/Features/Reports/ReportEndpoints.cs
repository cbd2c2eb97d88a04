using System.Security.Claims;
using System.Text;
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

    private static bool MayReadStats(Core.Actor actor) =>
        actor.IsInRole(Roles.Analyst) || actor.IsInRole(Roles.CommitteeMember) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.LiaisonOfficer);

    private static async Task<IResult> DashboardAsync(ClaimsPrincipal user, Dashboard dashboard, Problems problems, CancellationToken ct, int days = 30)
    {
        Core.Actor actor = user.ToActor();
        return MayReadStats(actor) ? TypedResults.Ok(await dashboard.HandleAsync(actor, days, ct)) : problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
    }

    private static async Task<IResult> TableAsync(string table, ClaimsPrincipal user, HttpRequest request, Dashboard dashboard, Problems problems, CancellationToken ct, int days = 30, string? format = null)
    {
        Core.Actor actor = user.ToActor();
        if (!MayReadStats(actor))
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        DashboardView view = await dashboard.HandleAsync(actor, days, ct);
        if (!view.Tables.TryGetValue(table, out IReadOnlyList<Bar>? rows))
        {
            return problems.Of(StatusCodes.Status404NotFound, ErrorCodes.StatsTableUnknown);
        }

        bool csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(DashboardView.ToCsv(rows))).ToArray(), "text/csv; charset=utf-8", $"{table}-{view.Days}d.csv")
            : TypedResults.Ok(rows);
    }

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
