namespace Maabar.Domain;

/// <summary>
/// The rules of deciding a hit. A referred hit (<see cref="HitStatus.Open"/>) is decided positive (then a
/// second person, a supervisor, confirms: four eyes), negative (a namesake: closed) or inconclusive (the
/// owner agency is asked; its reply is due in <see cref="ReplyWindow"/>). The liaison desk records the
/// owner's answer on an inconclusive hit as positive or negative. Each method changes the hit only when
/// the step is allowed and returns null, or returns the error code and leaves the hit as it was.
/// </summary>
public static class Adjudication
{
    /// <summary>How long the owner agency has to answer (SIRENE's 12 hours).</summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(12);

    /// <summary>Longest reason kept.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Records an outcome.</summary>
    /// <param name="hit">The hit.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="reason">Why (required).</param>
    /// <param name="by">The deciding user.</param>
    /// <param name="nowUtc">Now.</param>
    public static string? Decide(Hit hit, HitOutcome outcome, string? reason, Guid by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(hit);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ErrorCodes.ReasonRequired;
        }

        if (reason.Length > MaxReasonLength)
        {
            return ErrorCodes.TooLong;
        }

        bool allowed = hit.Status switch
        {
            HitStatus.Open => true,
            HitStatus.AwaitingOwner => outcome != HitOutcome.Inconclusive,
            _ => false,
        };
        if (!allowed)
        {
            return ErrorCodes.HitNotDecidable;
        }

        hit.Outcome = outcome;
        hit.Reason = reason.Trim();
        hit.DecidedBy = by;
        hit.DecidedUtc = nowUtc;
        switch (outcome)
        {
            case HitOutcome.Positive:
                hit.Status = HitStatus.AwaitingConfirmation;
                break;
            case HitOutcome.Negative:
                hit.Status = HitStatus.Closed;
                break;
            case HitOutcome.Inconclusive:
                hit.Status = HitStatus.AwaitingOwner;
                hit.ReplyDueUtc = nowUtc + ReplyWindow;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome));
        }

        return null;
    }

    /// <summary>A supervisor's second look at a positive outcome: confirmed closes the hit, refused sends it back to secondary.</summary>
    /// <param name="hit">The hit.</param>
    /// <param name="confirmed">True to confirm, false to send back.</param>
    /// <param name="by">The supervisor; never the decider.</param>
    /// <param name="nowUtc">Now.</param>
    public static string? Confirm(Hit hit, bool confirmed, Guid by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(hit);
        if (hit.Status != HitStatus.AwaitingConfirmation)
        {
            return ErrorCodes.HitNotAwaitingConfirmation;
        }

        if (hit.DecidedBy == by)
        {
            return ErrorCodes.FourEyes;
        }

        if (confirmed)
        {
            hit.ConfirmedBy = by;
            hit.ConfirmedUtc = nowUtc;
            hit.Status = HitStatus.Closed;
        }
        else
        {
            hit.Outcome = null;
            hit.DecidedBy = null;
            hit.DecidedUtc = null;
            hit.Status = HitStatus.Open;
        }

        return null;
    }

    /// <summary>True when an inconclusive hit's reply is overdue.</summary>
    /// <param name="status">The hit's status.</param>
    /// <param name="replyDueUtc">When the owner's reply is due.</param>
    /// <param name="nowUtc">Now.</param>
    public static bool IsOverdue(HitStatus status, DateTime? replyDueUtc, DateTime nowUtc) =>
        status == HitStatus.AwaitingOwner && replyDueUtc < nowUtc;
}
