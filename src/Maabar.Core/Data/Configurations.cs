using Maabar.Core.Features.Passages;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maabar.Core.Data;

internal sealed class MaabarUserConfiguration : IEntityTypeConfiguration<MaabarUser>
{
    public void Configure(EntityTypeBuilder<MaabarUser> b)
    {
        b.Property(u => u.Agency).HasMaxLength(3).IsRequired();
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasIndex(u => u.Agency);
    }
}

internal sealed class CrossingPointConfiguration : IEntityTypeConfiguration<CrossingPoint>
{
    public void Configure(EntityTypeBuilder<CrossingPoint> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(40);
        b.Property(c => c.NameAr).HasMaxLength(120);
        b.Property(c => c.NameFr).HasMaxLength(120);
        b.Property(c => c.NameEn).HasMaxLength(120);
        b.Property(c => c.Countries).HasMaxLength(40);
        b.HasMany(c => c.Lanes).WithOne().HasForeignKey(l => l.CrossingPointId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LaneConfiguration : IEntityTypeConfiguration<Lane>
{
    public void Configure(EntityTypeBuilder<Lane> b)
    {
        b.Property(l => l.CrossingPointId).HasMaxLength(40);
        b.Property(l => l.Agency).HasMaxLength(3);
        b.Property(l => l.Code).HasMaxLength(40);
        b.Property(l => l.Direction).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(l => new { l.CrossingPointId, l.Agency, l.Code }).IsUnique();
    }
}

internal sealed class TravellerConfiguration : IEntityTypeConfiguration<Traveller>
{
    public void Configure(EntityTypeBuilder<Traveller> b)
    {
        b.Property(t => t.Agency).HasMaxLength(3);
        b.Property(t => t.FullNameArabic).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.FullNameLatin).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.NameKeyArabic).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.NameKeyLatin).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.Nationality).HasMaxLength(3);
        b.Property(t => t.FatherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.GrandfatherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.MotherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(t => t.NationalNumber).HasMaxLength(20);
        b.HasMany(t => t.Documents).WithOne().HasForeignKey(d => d.TravellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.Agency, t.NameKeyArabic });
        b.HasIndex(t => new { t.Agency, t.NameKeyLatin });
    }
}

internal sealed class TravelDocumentConfiguration : IEntityTypeConfiguration<TravelDocument>
{
    public void Configure(EntityTypeBuilder<TravelDocument> b)
    {
        b.Property(d => d.Type).HasMaxLength(2);
        b.Property(d => d.Number).HasMaxLength(IdentityRules.MaxDocumentNumberLength);
        b.Property(d => d.IssuingState).HasMaxLength(3);
        b.Property(d => d.Agency).HasMaxLength(3);

        // One document of one issuer is one traveller of an agency: the passage path finds it by this index,
        // and concurrent first passages with one new passport cannot create two travellers.
        b.HasIndex(d => new { d.Agency, d.IssuingState, d.Number }).IsUnique();
    }
}

internal sealed class PassageConfiguration : IEntityTypeConfiguration<Passage>
{
    public void Configure(EntityTypeBuilder<Passage> b)
    {
        b.Property(p => p.Agency).HasMaxLength(3);
        b.Property(p => p.CrossingPointId).HasMaxLength(40);
        b.Property(p => p.DocumentNumber).HasMaxLength(IdentityRules.MaxDocumentNumberLength);
        b.Property(p => p.RawMrz).HasMaxLength(RecordPassage.MaxMrzLength);
        b.Property(p => p.Category).HasMaxLength(20);
        b.HasOne(p => p.Traveller).WithMany().HasForeignKey(p => p.TravellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Lane).WithMany().HasForeignKey(p => p.LaneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CrossingPoint>().WithMany().HasForeignKey(p => p.CrossingPointId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.VehiclePlate).HasMaxLength(20);
        b.Property(p => p.VehicleCountry).HasMaxLength(3);
        b.HasMany(p => p.Hits).WithOne().HasForeignKey(h => h.PassageId).OnDelete(DeleteBehavior.Cascade);
        // The agency's passages in time order, with what the dashboard counts them by: the reports read the
        // index alone (no table rows), and lists page by (RecordedUtc, Id).
        b.HasIndex(p => new { p.Agency, p.RecordedUtc, p.Id, p.CrossingPointId, p.Direction });
        b.HasIndex(p => p.TravellerId);
    }
}

internal sealed class WatchlistEntryConfiguration : IEntityTypeConfiguration<WatchlistEntry>
{
    public void Configure(EntityTypeBuilder<WatchlistEntry> b)
    {
        b.Property(e => e.OwnerAgency).HasMaxLength(3);
        b.Property(e => e.FullNameArabic).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.FullNameLatin).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.NameKeyArabic).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.NameKeyLatin).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.Nationality).HasMaxLength(3);
        b.Property(e => e.Reference).HasMaxLength(64);
        b.Property(e => e.SharedWith).HasMaxLength(200);
        b.Property(e => e.FatherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.GrandfatherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.MotherName).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(e => e.LegalBasis).HasMaxLength(500);
        b.Property(e => e.VehiclePlate).HasMaxLength(20);
        b.Property(e => e.VehicleCountry).HasMaxLength(3);
        b.Property(e => e.Aliases);
        b.Property(e => e.OtherBirthDates);
        b.OwnsMany(e => e.Documents, d =>
        {
            d.ToJson();
            d.Property(x => x.Type).HasMaxLength(20);
            d.Property(x => x.Number).HasMaxLength(30);
            d.Property(x => x.IssuingState).HasMaxLength(3);
        });
        b.HasIndex(e => e.NameKeyArabic);
        b.HasIndex(e => e.NameKeyLatin);
        b.HasIndex(e => new { e.OwnerAgency, e.Reference }).IsUnique();
    }
}

internal sealed class HitConfiguration : IEntityTypeConfiguration<Hit>
{
    public void Configure(EntityTypeBuilder<Hit> b)
    {
        b.Property(h => h.Explanation).HasMaxLength(8000);
        b.HasOne(h => h.WatchlistEntry).WithMany().HasForeignKey(h => h.WatchlistEntryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(h => h.Reason).HasMaxLength(Adjudication.MaxReasonLength);
        b.HasIndex(h => new { h.Status, h.CreatedUtc });
        b.HasIndex(h => h.WatchlistEntryId);

        // The dashboard's period of hits.
        b.HasIndex(h => h.CreatedUtc);
        b.HasOne(h => h.Clearance).WithMany().HasForeignKey(h => h.ClearanceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClearanceConfiguration : IEntityTypeConfiguration<Clearance>
{
    public void Configure(EntityTypeBuilder<Clearance> b)
    {
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.Agency).HasMaxLength(3);
        b.Property(c => c.DocumentNumber).HasMaxLength(30);
        b.Property(c => c.IssuingState).HasMaxLength(3);
        b.Property(c => c.FullNameArabic).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(c => c.FullNameLatin).HasMaxLength(IdentityRules.MaxNameLength);
        b.Property(c => c.RevocationReason).HasMaxLength(Adjudication.MaxReasonLength);
        b.HasIndex(c => c.Number).IsUnique();

        // Screening looks clearances up by the document presented.
        b.HasIndex(c => new { c.DocumentNumber, c.IssuingState });
        b.HasOne<WatchlistEntry>().WithMany().HasForeignKey(c => c.WatchlistEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Traveller>().WithMany().HasForeignKey(c => c.TravellerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WatchlistEntryRevisionConfiguration : IEntityTypeConfiguration<WatchlistEntryRevision>
{
    public void Configure(EntityTypeBuilder<WatchlistEntryRevision> b)
    {
        b.Property(r => r.Change).HasMaxLength(16);
        b.Property(r => r.Fields).HasMaxLength(500);
        b.HasIndex(r => new { r.WatchlistEntryId, r.Version });
        b.HasOne<WatchlistEntry>().WithMany().HasForeignKey(r => r.WatchlistEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Agency).HasMaxLength(3);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Purpose).HasMaxLength(200);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.Property(a => a.SessionId).HasMaxLength(AuditEntry.MaxContextLength);
        b.Property(a => a.ClientAddress).HasMaxLength(AuditEntry.MaxContextLength);
        b.HasIndex(a => new { a.Agency, a.OccurredUtc });
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.UserId);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => a.ChainPosition).IsUnique();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.HasKey(c => c.Position);
        b.Property(c => c.Position).ValueGeneratedNever();
        b.Property(c => c.Hash).HasMaxLength(64);
        b.Property(c => c.PublicKey).HasMaxLength(400);
        b.Property(c => c.Signature).HasMaxLength(200);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
        b.HasData(new AuditChainHead { Id = AuditChainHead.NodeChain, Position = 0, Hash = AuditChainHead.Genesis });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.Key).HasMaxLength(RecordPassage.MaxIdempotencyKeyLength);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Sequence);
        b.Property(m => m.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(m => m.MessageId).IsUnique();
        b.Property(m => m.Recipient).HasMaxLength(3);
        b.Property(m => m.Type).HasMaxLength(40);
        b.Property(m => m.LastError).HasMaxLength(100);

        // The dispatcher's query: a partner's pending messages in sequence order.
        b.HasIndex(m => new { m.Recipient, m.Status, m.Sequence });

        // The dashboard: messages sent in the period, replies overdue.
        b.HasIndex(m => m.CreatedUtc);
        b.HasIndex(m => m.ReplyDueUtc);
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.HasKey(m => m.MessageId);
        b.Property(m => m.Sender).HasMaxLength(3);
        b.Property(m => m.Recipient).HasMaxLength(3);
        b.Property(m => m.Type).HasMaxLength(40);
        b.HasIndex(m => new { m.Sender, m.Sequence });
        b.HasIndex(m => m.ReceivedUtc);
        b.HasIndex(m => m.CorrelationId);
        b.HasIndex(m => m.ReplyDueUtc);
    }
}

internal sealed class PartnerLinkConfiguration : IEntityTypeConfiguration<PartnerLink>
{
    public void Configure(EntityTypeBuilder<PartnerLink> b)
    {
        b.HasKey(p => p.Agency);
        b.Property(p => p.Agency).HasMaxLength(3);
        b.Property(p => p.LastError).HasMaxLength(100);
        b.Property(p => p.LeaseOwner).HasMaxLength(100);
    }
}

internal sealed class CrossingSideStatusConfiguration : IEntityTypeConfiguration<CrossingSideStatus>
{
    public void Configure(EntityTypeBuilder<CrossingSideStatus> b)
    {
        b.HasKey(s => new { s.CrossingPointId, s.Agency });
        b.Property(s => s.CrossingPointId).HasMaxLength(40);
        b.Property(s => s.Agency).HasMaxLength(3);
        b.Property(s => s.Reason).HasMaxLength(CrossingRules.MaxReasonLength);
        b.Property(s => s.AllowedCategories).HasMaxLength(100);
        b.HasOne<CrossingPoint>().WithMany().HasForeignKey(s => s.CrossingPointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrossingStatusChangeConfiguration : IEntityTypeConfiguration<CrossingStatusChange>
{
    public void Configure(EntityTypeBuilder<CrossingStatusChange> b)
    {
        b.Property(s => s.CrossingPointId).HasMaxLength(40);
        b.Property(s => s.Agency).HasMaxLength(3);
        b.Property(s => s.LaneCode).HasMaxLength(40);
        b.Property(s => s.Reason).HasMaxLength(CrossingRules.MaxReasonLength);
        b.Property(s => s.AllowedCategories).HasMaxLength(100);
        b.HasIndex(s => new { s.CrossingPointId, s.ChangedUtc });
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(x => x.Agency).HasMaxLength(3);
        b.Property(x => x.CrossingPointId).HasMaxLength(40);
        b.Property(x => x.SectorId).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(IncidentRules.MaxTitleLength);
        b.Property(x => x.Description).HasMaxLength(IncidentRules.MaxTextLength);
        b.HasMany(x => x.Reports).WithOne().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ClosedUtc, x.OccurredUtc });
        b.HasIndex(x => x.OccurredUtc);
    }
}

internal sealed class SectorAssessmentConfiguration : IEntityTypeConfiguration<SectorAssessment>
{
    public void Configure(EntityTypeBuilder<SectorAssessment> b)
    {
        b.HasKey(s => new { s.SectorId, s.Agency });
        b.Property(s => s.SectorId).HasMaxLength(20);
        b.Property(s => s.Agency).HasMaxLength(3);
        b.Property(s => s.Reason).HasMaxLength(CrossingRules.MaxReasonLength);
    }
}

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> b)
    {
        b.Property(r => r.Agency).HasMaxLength(3);
        b.Property(r => r.Text).HasMaxLength(IncidentRules.MaxTextLength);
    }
}

internal sealed class CommitteeMeetingConfiguration : IEntityTypeConfiguration<CommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<CommitteeMeeting> b)
    {
        b.Property(m => m.OwnerAgency).HasMaxLength(3);
        b.Property(m => m.Title).HasMaxLength(CommitteeRules.MaxShortText);
        b.Property(m => m.Place).HasMaxLength(CommitteeRules.MaxShortText);
        b.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Decisions).WithOne().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Actions).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.HeldUtc);
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> b)
    {
        b.Property(p => p.Agency).HasMaxLength(3);
        b.Property(p => p.Name).HasMaxLength(CommitteeRules.MaxShortText);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b) => b.Property(a => a.Title).HasMaxLength(CommitteeRules.MaxShortText);
}

internal sealed class CommitteeDecisionConfiguration : IEntityTypeConfiguration<CommitteeDecision>
{
    public void Configure(EntityTypeBuilder<CommitteeDecision> b)
    {
        b.Property(d => d.Text).HasMaxLength(CommitteeRules.MaxLongText);
        b.Property(d => d.CrossingPointId).HasMaxLength(40);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.Property(a => a.Text).HasMaxLength(CommitteeRules.MaxLongText);
        b.Property(a => a.OwnerAgency).HasMaxLength(3);
        b.Property(a => a.Note).HasMaxLength(CommitteeRules.MaxLongText);
        b.HasIndex(a => new { a.Status, a.DueDate });
    }
}

internal sealed class CommitteeNoticeConfiguration : IEntityTypeConfiguration<CommitteeNotice>
{
    public void Configure(EntityTypeBuilder<CommitteeNotice> b) => b.HasIndex(n => new { n.IncidentId, n.Impact }).IsUnique();
}

internal sealed class IncidentAttachmentConfiguration : IEntityTypeConfiguration<IncidentAttachment>
{
    public void Configure(EntityTypeBuilder<IncidentAttachment> b)
    {
        b.Property(a => a.Agency).HasMaxLength(3);
        b.Property(a => a.FileName).HasMaxLength(AttachmentRules.MaxFileNameLength);
        b.Property(a => a.ContentType).HasMaxLength(40);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.IncidentId);
    }
}

internal sealed class IncidentAttachmentContentConfiguration : IEntityTypeConfiguration<IncidentAttachmentContent>
{
    public void Configure(EntityTypeBuilder<IncidentAttachmentContent> b)
    {
        b.HasKey(c => c.AttachmentId);
        b.HasOne<IncidentAttachment>().WithOne().HasForeignKey<IncidentAttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
