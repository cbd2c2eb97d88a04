using System.Globalization;
using System.Text;
using Maabar.Core;
using Maabar.Core.Features.Audit;
using Maabar.Core.Tables;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Admin;

/// <summary>
/// The audit trail of the administrator's agency: filtered by period (days in the node's time zone, both ends
/// included), user, action, record type and record; newest first, one page of <see cref="PageSize"/> rows at a time
/// (by key: the chain position of the last row shown); exported as CSV with the same filters. Each read and each
/// export is audited.
/// </summary>
public sealed class AuditModel(QueryAudit queryAudit, NodeCalendar calendar) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditView> Rows { get; private set; } = [];

    /// <summary>The key of the next (older) page; null on the last page.</summary>
    public long? Next { get; private set; }

    /// <summary>The record types an audit row can name (the filter's choices).</summary>
    public static IReadOnlyList<string> EntityTypes { get; } =
        ["passage", "traveller", "hit", "clearance", "watchlist-entry", "watchlist", "message", "partner", "partner-traveller", "crossing", "incident", "sector", "committee-meeting", "committee-notice", "user", "report", "audit", "retention"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        List<AuditView> rows = [.. await queryAudit.HandleAsync(User.ToActor(), Query() with { Limit = PageSize + 1, Before = Before }, ct)];
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            Next = rows[^1].Position;
        }

        Rows = rows;
    }

    /// <summary>The rows the filters select, as CSV (UTF-8 with a byte-order mark); times in UTC, ISO 8601.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        (IReadOnlyList<AuditView> rows, bool truncated) = await queryAudit.ExportAsync(User.ToActor(), Query(), ct);
        var csv = new StringBuilder();
        csv.Append("position,occurredUtc,userName,userId,action,entityType,entityId,purpose,details,sessionId,clientAddress\r\n");
        foreach (AuditView a in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{a.Position},{a.OccurredUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)},{CsvText.Field(a.UserName)},{a.UserId},{CsvText.Field(a.Action)},{CsvText.Field(a.EntityType)},{CsvText.Field(a.EntityId)},{CsvText.Field(a.Purpose)},{CsvText.Field(a.Details ?? "")},{CsvText.Field(a.SessionId ?? "")},{CsvText.Field(a.ClientAddress ?? "")}\r\n");
        }

        if (truncated)
        {
            Response.Headers["X-Maabar-Truncated"] = QueryAudit.MaxExport.ToString(CultureInfo.InvariantCulture);
        }

        return File(CsvText.Utf8WithBom(csv.ToString()), "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>The query string of this page's filters with another page key (null: the first page).</summary>
    public string Link(string? handler, long? before)
    {
        var q = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                q.Add(new(key, value));
            }
        }

        Add("handler", handler);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("userName", UserName);
        Add("action", Action);
        Add("entityType", EntityType);
        Add("entityId", EntityId);
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return Microsoft.AspNetCore.Http.QueryString.Create(q).ToUriComponent();
    }

    private AuditQuery Query() => new(
        Action: string.IsNullOrEmpty(Action) ? null : Action,
        UserName: string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim(),
        EntityType: string.IsNullOrEmpty(EntityType) ? null : EntityType,
        EntityId: string.IsNullOrWhiteSpace(EntityId) ? null : EntityId.Trim(),
        FromUtc: From is { } from ? calendar.StartUtc(from) : null,
        ToUtc: To is { } to ? calendar.EndUtc(to) : null);
}
