using Maabar.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maabar.Core.Data;

/// <summary>
/// The node's database: Identity tables plus the domain's. Provider-neutral; the host chooses SQLite or
/// PostgreSQL and the matching migrations assembly.
/// </summary>
public sealed class MaabarDbContext(DbContextOptions<MaabarDbContext> options)
    : IdentityDbContext<MaabarUser, MaabarRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<CrossingPoint> CrossingPoints => Set<CrossingPoint>();

    public DbSet<Lane> Lanes => Set<Lane>();

    public DbSet<Traveller> Travellers => Set<Traveller>();

    public DbSet<TravelDocument> TravelDocuments => Set<TravelDocument>();

    public DbSet<Passage> Passages => Set<Passage>();

    public DbSet<WatchlistEntry> WatchlistEntries => Set<WatchlistEntry>();

    public DbSet<Hit> Hits => Set<Hit>();

    public DbSet<Clearance> Clearances => Set<Clearance>();

    public DbSet<WatchlistEntryRevision> WatchlistEntryRevisions => Set<WatchlistEntryRevision>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<PartnerLink> PartnerLinks => Set<PartnerLink>();

    public DbSet<CrossingSideStatus> CrossingSideStatuses => Set<CrossingSideStatus>();

    public DbSet<SectorAssessment> SectorAssessments => Set<SectorAssessment>();

    public DbSet<CommitteeMeeting> CommitteeMeetings => Set<CommitteeMeeting>();

    public DbSet<MeetingParticipant> MeetingParticipants => Set<MeetingParticipant>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<CommitteeDecision> CommitteeDecisions => Set<CommitteeDecision>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<CommitteeNotice> CommitteeNotices => Set<CommitteeNotice>();

    public DbSet<IncidentAttachment> IncidentAttachments => Set<IncidentAttachment>();

    public DbSet<IncidentAttachmentContent> IncidentAttachmentContents => Set<IncidentAttachmentContent>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentReport> IncidentReports => Set<IncidentReport>();

    public DbSet<CrossingStatusChange> CrossingStatusChanges => Set<CrossingStatusChange>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    /// <summary>
    /// The data-protection key ring (cookies, antiforgery and bearer tokens), shared by every server instance on this
    /// database; each key's XML is encrypted with the configured certificate (<c>DataProtection:Certificate</c>).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Audit rows added through <see cref="AddAudit"/> and not yet saved, in the order they were added.</summary>
    private readonly List<AuditEntry> auditOrder = [];

    /// <summary>Adds an audit row, remembering its place among the rows of this unit of work.</summary>
    internal void AddAudit(AuditEntry row)
    {
        AuditEntries.Add(row);
        auditOrder.Add(row);
    }

    /// <summary>
    /// Saves the unit of work; when it holds new audit rows, they are chained first (position, previous hash,
    /// hash, checkpoints) in the same transaction, after locking the chain's head, so concurrent writers take
    /// turns and the chain has neither gaps nor forks.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The chain keeps the order the rows were written in: Audit()'s order, then rows added otherwise by id.
        // (Ids are version-7 GUIDs, whose order within one millisecond is random: not an order of writing.)
        HashSet<AuditEntry> pending = [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
        auditOrder.RemoveAll(row => !pending.Contains(row));
        List<AuditEntry> added = [.. auditOrder, .. pending.Except(auditOrder).OrderBy(a => a.Id)];
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (AuditCallContext.Current is { } call)
        {
            // Each row says which session and which address the action came from (chained with the row).
            foreach (AuditEntry row in added.Where(r => r.SessionId is null && r.ClientAddress is null))
            {
                row.SessionId = AuditCallContext.Clamp(call.SessionId);
                row.ClientAddress = AuditCallContext.Clamp(call.ClientAddress);
            }
        }

        AuditChain chain = AuditChain.For(this);
        if (Database.CurrentTransaction is not null)
        {
            await chain.AppendAsync(this, added, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction = await Database.BeginTransactionAsync(cancellationToken);
        await chain.AppendAsync(this, added, cancellationToken);
        int saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Synchronous saves take the same path (audit rows are chained).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("Audit rows are saved with SaveChangesAsync (they are chained in one serialized step).")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Stored instants are UTC DateTime (STYLE.md). SQLite hands them back as Unspecified; mark them UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);

        // Enums as their names: readable in the database and stable when members are added.
        configurationBuilder.Properties<Sex>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PassageDirection>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<PassageDecision>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CrossingStatus>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<LaneMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<HitBand>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<HitStatus>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<HitOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EntryKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IncidentType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ImpactLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WatchlistCategory>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MaabarDbContext).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
        v => v.ToString(),
        v => Parse(v))
    {
        private static PartialDate Parse(string text)
        {
            string? error = PartialDate.TryParse(text, out PartialDate value);
            return error is null ? value : throw new InvalidOperationException($"Stored partial date is malformed ({error}).");
        }
    }
}
