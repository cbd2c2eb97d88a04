using System.Text.Json;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Liaison;

/// <summary>The 24/7 liaison desk: partner links, partner messages with due times and answers, outgoing messages.</summary>
public sealed class IndexModel(LiaisonDesk desk, RefusedMessages refused, Maabar.Federation.RejectionSampler sampler) : PageModel
{
    public IReadOnlyList<PartnerHealth> Partners { get; private set; } = [];

    /// <summary>What the inbox refused over <see cref="RefusedMessages.Period"/>, per code and source.</summary>
    public IReadOnlyList<RefusedMessageCount> Refused { get; private set; } = [];

    /// <summary>Messages a partner sent before others we received, and that never arrived (or were refused).</summary>
    public IReadOnlyList<SequenceGap> Gaps { get; private set; } = [];

    public IReadOnlyList<InboxItem> Inbox { get; private set; } = [];

    public IReadOnlyList<OutboxItem> Outbox { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The page's code (resource <c>error.answer.required</c>) for a reply sent without an answer chosen.</summary>
    public const string AnswerRequired = "answer.required";

    /// <summary>The message whose reply was refused, and the reason typed with it, shown again so nothing typed is lost.</summary>
    public Guid? FailedMessage { get; private set; }

    public string? FailedReason { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostReplyAsync(Guid messageId, string? outcome, string? reason, CancellationToken ct)
    {
        // The answer list starts empty: a reply sent without a choice is refused by the desk (nothing sent), with its own message.
        Error = await desk.ReplyAsync(User.ToActor(), messageId, outcome, reason, ct);
        if (Error == ErrorCodes.OutcomeInvalid && string.IsNullOrWhiteSpace(outcome))
        {
            Error = AnswerRequired;
        }

        if (Error is null)
        {
            return RedirectToPage("/Liaison/Index");
        }

        FailedMessage = messageId;
        FailedReason = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A line that says what a message is about, from its payload (names included: the desk's page is audited).</summary>
    public static string Summary(string type, string payload)
    {
        using JsonDocument doc = JsonDocument.Parse(payload);
        JsonElement p = doc.RootElement;
        string Get(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : string.Empty;
        string Traveller() => p.TryGetProperty("traveller", out JsonElement t) && t.ValueKind == JsonValueKind.Object ? $"{Get(t, "fullNameArabic")} {Get(t, "fullNameLatin")} {Get(t, "birthDate")} {Get(t, "documentNumber")}".Trim() : string.Empty;
        return type switch
        {
            MessageTypes.HitNotification or MessageTypes.RequestForInformation => $"{Get(p, "reference")} @ {Get(p, "crossingId")} - {Traveller()}",
            MessageTypes.Reply or MessageTypes.Response => $"{Get(p, "outcome")} {Get(p, "reason")}".Trim(),
            MessageTypes.ClearanceNotice or MessageTypes.ClearanceRevoked => Get(p, "number"),
            MessageTypes.EntryPublished or MessageTypes.EntryUpdated or MessageTypes.EntryWithdrawn => $"{Get(p, "reference")} v{Get(p, "version")}",
            _ => string.Empty,
        };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Partners = await desk.PartnersAsync(ct);
        Refused = await refused.LastPeriodAsync(User.ToActor(), sampler.HeldBack(), ct);
        Gaps = await desk.GapsAsync(User.ToActor(), ct);
        Inbox = await desk.InboxAsync(User.ToActor(), false, 200, ct);
        Outbox = await desk.OutboxAsync(User.ToActor(), null, 100, ct);
    }
}
