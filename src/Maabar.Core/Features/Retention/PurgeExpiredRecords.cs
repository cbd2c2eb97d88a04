using System.Globalization;
using Maabar.Core.Data;
using Maabar.Core.Features.Federation;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Maabar.Core.Features.Retention;

/// <summary>The kinds of record the retention purge handles, as named in its audit rows and output.</summary>
public static class RetentionRecordTypes
{
    public const string Hits = "hits";
    public const string Passages = "passages";
    public const string Clearances = "clearances";
    public const string Travellers = "travellers";
    public const string InboxPayloads = "inbox-payloads";
    public const string OutboxPayloads = "outbox-payloads";
    public const string Attachments = "attachments";

    /// <summary>In the order the purge handles them (a record goes before the records it keeps alive).</summary>
    public static IReadOnlyList<string> All { get; } = [Hits, Passages, Clearances, Travellers, InboxPayloads, OutboxPayloads, Attachments];
}

/// <summary>How many records of one type a run purged (or, in a dry run, would purge).</summary>
/// <param name="RecordType">One of <see cref="RetentionRecordTypes"/>.</param>
/// <param name="Count">Records deleted (payloads emptied, for the inbox and outbox).</param>
/// <param name="Period">The retention period applied.</param>
/// <param name="CutoffUtc">Records that stopped being needed before this instant were purged.</param>
public sealed record RetentionCount(string RecordType, int Count, TimeSpan Period, DateTime CutoffUtc);

/// <summary>One run of the purge.</summary>
/// <param name="NowUtc">When it ran.</param>
/// <param name="DryRun">True when nothing was changed (counts only).</param>
/// <param name="Counts">One count per record type, in <see cref="RetentionRecordTypes.All"/> order.</param>
public sealed record RetentionRun(DateTime NowUtc, bool DryRun, IReadOnlyList<RetentionCount> Counts);

/// <summary>
/// Deletes the records holding personal data that are past their retention period (<see cref="RetentionOptions"/>)
/// and no longer needed; one audit row per record type per run with the count (ids and counts only). What is still
/// needed stays whatever its age: an undecided hit and its passage, a clearance in force (and the hit and passage
/// that issued it, and its traveller), a message not yet delivered, a partner's message waiting for our reply, the
/// attachments of an open incident. Travellers go with the last passage and clearance that refer to them.
/// The audit trail is never touched: its rows name purged records by id only, and the chain stays verifiable.
/// A dry run counts what a run would purge, changes nothing and writes no audit row.
/// </summary>
public sealed class PurgeExpiredRecords(MaabarDbContext db, IOptions<RetentionOptions> options, NodeCalendar calendar, TimeProvider clock)
{
    /// <summary>What an emptied inbox or outbox payload holds: a JSON object with nothing in it.</summary>
    public const string PurgedPayload = "{}";

    /// <summary>Records deleted per statement (the rows of a type are purged in one transaction, a batch at a time).</summary>
    internal const int BatchSize = 500;

    /// <summary>The purpose written in the audit rows.</summary>
    public const string Purpose = "retention.purge";

    public async Task<RetentionRun> HandleAsync(Actor actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RetentionOptions periods = options.Value;
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var rules = new Rules(db, nowUtc, periods, calendar);
        var counts = new List<RetentionCount>(RetentionRecordTypes.All.Count);
        foreach (string type in RetentionRecordTypes.All)
        {
            (TimeSpan period, DateTime cutoff) = rules.PeriodOf(type);
            int count = dryRun ? await rules.CountAsync(type, cancellationToken) : await PurgeAsync(actor, rules, type, period, cutoff, nowUtc, cancellationToken);
            counts.Add(new RetentionCount(type, count, period, cutoff));
        }

        return new RetentionRun(nowUtc, dryRun, counts);
    }

    private async Task<int> PurgeAsync(Actor actor, Rules rules, string type, TimeSpan period, DateTime cutoff, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // The deletions and their audit row in one transaction: the row says exactly what was done, or nothing was.
        IExecutionStrategy strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(ct);
            int total = 0;
            int batch;
            do
            {
                batch = await rules.PurgeBatchAsync(type, ct);
                total += batch;
            }
            while (batch == BatchSize);

            db.Audit(actor, nowUtc, AuditActions.RetentionPurged, "retention", type, Purpose,
                string.Create(CultureInfo.InvariantCulture, $"purged={total};period={period.TotalDays:0.##}d;before={cutoff:yyyy-MM-ddTHH:mm:ssZ}"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return total;
        }, cancellationToken);
    }

    /// <summary>Which records are past their period and no longer needed, as queries (the same for a count and a purge).</summary>
    private sealed class Rules(MaabarDbContext db, DateTime nowUtc, RetentionOptions periods, NodeCalendar calendar)
    {
        private DateTime Cutoff(TimeSpan period) => nowUtc - period;

        public (TimeSpan Period, DateTime Cutoff) PeriodOf(string type)
        {
            TimeSpan period = type switch
            {
                RetentionRecordTypes.Hits => periods.Hits,
                RetentionRecordTypes.Passages or RetentionRecordTypes.Travellers => periods.Passages,
                RetentionRecordTypes.Clearances => periods.Clearances,
                RetentionRecordTypes.InboxPayloads => periods.InboxPayloads,
                RetentionRecordTypes.OutboxPayloads => periods.OutboxPayloads,
                RetentionRecordTypes.Attachments => periods.Attachments,
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a retention record type."),
            };
            return (period, Cutoff(period));
        }

        /// <summary>Clearances that stopped covering before <paramref name="cutoff"/>: revoked or refused, or their entry withdrawn, expired, or changed to a new version.</summary>
        private IQueryable<Clearance> EndedBefore(DateTime cutoff)
        {
            DateOnly cutoffDay = calendar.DayOf(cutoff);
            IQueryable<WatchlistEntryRevision> revisions = db.WatchlistEntryRevisions;
            return db.Clearances.Where(c =>
                c.RevokedUtc < cutoff
                || db.WatchlistEntries.Any(e => e.Id == c.WatchlistEntryId && (
                    e.WithdrawnUtc < cutoff
                    || e.ExpiryDate < cutoffDay
                    || (e.Version > c.EntryVersion && (
                        revisions.Any(r => r.WatchlistEntryId == e.Id && r.Version == c.EntryVersion + 1 && r.ChangedUtc < cutoff)

                        // A partner's entry has no revisions here: when its version moved on is not known, so count from the clearance's issue.
                        || (!revisions.Any(r => r.WatchlistEntryId == e.Id && r.Version == c.EntryVersion + 1) && c.IssuedUtc < cutoff))))));
        }

        /// <summary>Decided hits past their period, except the one that issued a clearance still in force.</summary>
        private IQueryable<Hit> Hits()
        {
            DateTime cutoff = Cutoff(periods.Hits);
            // Ended by now (a millisecond on: PostgreSQL keeps microseconds, and a revocation this instant has ended it).
            IQueryable<Clearance> ended = EndedBefore(nowUtc.AddMilliseconds(1));
            return db.Hits.Where(h =>
                ((h.Status == HitStatus.Closed && (h.ConfirmedUtc ?? h.DecidedUtc ?? h.CreatedUtc) < cutoff)
                    || (h.Status == HitStatus.Suppressed && h.CreatedUtc < cutoff))
                && !db.Clearances.Any(c => c.HitId == h.Id && !ended.Any(x => x.Id == c.Id)));
        }

        /// <summary>Passages past their period whose hits all go (or have gone).</summary>
        private IQueryable<Passage> Passages()
        {
            DateTime cutoff = Cutoff(periods.Passages);
            IQueryable<Hit> hits = Hits();
            return db.Passages.Where(p => p.RecordedUtc < cutoff && !db.Hits.Any(h => h.PassageId == p.Id && !hits.Any(x => x.Id == h.Id)));
        }

        /// <summary>Clearances that ended before their period and that no remaining hit refers to.</summary>
        private IQueryable<Clearance> Clearances()
        {
            IQueryable<Hit> hits = Hits();
            IQueryable<Clearance> ended = EndedBefore(Cutoff(periods.Clearances));
            return ended.Where(c => !db.Hits.Any(h => h.ClearanceId == c.Id && !hits.Any(x => x.Id == h.Id)));
        }

        /// <summary>Travellers no remaining passage or clearance refers to (recorded before the passages' period, so none is in the making).</summary>
        private IQueryable<Traveller> Travellers()
        {
            DateTime cutoff = Cutoff(periods.Passages);
            IQueryable<Passage> passages = Passages();
            IQueryable<Clearance> clearances = Clearances();
            return db.Travellers.Where(t => t.CreatedUtc < cutoff
                && !db.Passages.Any(p => p.TravellerId == t.Id && !passages.Any(x => x.Id == p.Id))
                && !db.Clearances.Any(c => c.TravellerId == t.Id && !clearances.Any(x => x.Id == c.Id)));
        }

        private IQueryable<InboxMessage> Inbox()
        {
            DateTime cutoff = Cutoff(periods.InboxPayloads);
            return db.InboxMessages.Where(m => m.ReceivedUtc < cutoff && m.Payload != PurgedPayload
                && !((m.Type == MessageTypes.HitNotification || m.Type == MessageTypes.RequestForInformation) && m.RepliedUtc == null));
        }

        private IQueryable<OutboxMessage> Outbox()
        {
            DateTime cutoff = Cutoff(periods.OutboxPayloads);
            return db.OutboxMessages.Where(m => m.Status != OutboxStatus.Pending && (m.DeliveredUtc ?? m.CreatedUtc) < cutoff && m.Payload != PurgedPayload);
        }

        private IQueryable<IncidentAttachment> Attachments()
        {
            DateTime cutoff = Cutoff(periods.Attachments);
            return db.IncidentAttachments.Where(a => db.Incidents.Any(i => i.Id == a.IncidentId && i.ClosedUtc < cutoff));
        }

        public Task<int> CountAsync(string type, CancellationToken cancellationToken) => type switch
        {
            RetentionRecordTypes.Hits => Hits().CountAsync(cancellationToken),
            RetentionRecordTypes.Passages => Passages().CountAsync(cancellationToken),
            RetentionRecordTypes.Clearances => Clearances().CountAsync(cancellationToken),
            RetentionRecordTypes.Travellers => Travellers().CountAsync(cancellationToken),
            RetentionRecordTypes.InboxPayloads => Inbox().CountAsync(cancellationToken),
            RetentionRecordTypes.OutboxPayloads => Outbox().CountAsync(cancellationToken),
            RetentionRecordTypes.Attachments => Attachments().CountAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a retention record type."),
        };

        /// <summary>Purges up to <see cref="BatchSize"/> records of <paramref name="type"/>; returns how many.</summary>
        public async Task<int> PurgeBatchAsync(string type, CancellationToken cancellationToken)
        {
            switch (type)
            {
                case RetentionRecordTypes.Hits:
                {
                    List<Guid> ids = await Hits().OrderBy(h => h.Id).Select(h => h.Id).Take(BatchSize).ToListAsync(cancellationToken);
                    return ids.Count == 0 ? 0 : await db.Hits.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                case RetentionRecordTypes.Passages:
                {
                    List<Guid> ids = await Passages().OrderBy(p => p.Id).Select(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
                    if (ids.Count == 0)
                    {
                        return 0;
                    }

                    // An idempotency record names its passage: it goes with it (a replay then finds nothing to repeat).
                    await db.IdempotencyRecords.Where(r => ids.Contains(r.PassageId)).ExecuteDeleteAsync(cancellationToken);
                    return await db.Passages.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                case RetentionRecordTypes.Clearances:
                {
                    List<Guid> ids = await Clearances().OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
                    return ids.Count == 0 ? 0 : await db.Clearances.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                case RetentionRecordTypes.Travellers:
                {
                    List<Guid> ids = await Travellers().OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
                    if (ids.Count == 0)
                    {
                        return 0;
                    }

                    await db.TravelDocuments.Where(d => ids.Contains(d.TravellerId)).ExecuteDeleteAsync(cancellationToken);
                    return await db.Travellers.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                case RetentionRecordTypes.InboxPayloads:
                {
                    // The row stays (its id keeps a replay from being applied twice); only what it said goes.
                    List<Guid> ids = await Inbox().OrderBy(m => m.MessageId).Select(m => m.MessageId).Take(BatchSize).ToListAsync(cancellationToken);
                    return ids.Count == 0 ? 0 : await db.InboxMessages.Where(m => ids.Contains(m.MessageId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Payload, PurgedPayload), cancellationToken);
                }

                case RetentionRecordTypes.OutboxPayloads:
                {
                    List<long> ids = await Outbox().OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
                    return ids.Count == 0 ? 0 : await db.OutboxMessages.Where(m => ids.Contains(m.Sequence)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Payload, PurgedPayload), cancellationToken);
                }

                case RetentionRecordTypes.Attachments:
                {
                    List<Guid> ids = await Attachments().OrderBy(a => a.Id).Select(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
                    if (ids.Count == 0)
                    {
                        return 0;
                    }

                    await db.IncidentAttachmentContents.Where(c => ids.Contains(c.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
                    return await db.IncidentAttachments.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "Not a retention record type.");
            }
        }
    }
}
