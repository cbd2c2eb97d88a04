using Maabar.Domain;

namespace Maabar.Core.Data;

public static class AuditExtensions
{
    /// <summary>Adds an audit row to the unit of work; it is saved in the same transaction as the effect.</summary>
    public static void Audit(this MaabarDbContext db, Actor actor, DateTime nowUtc, string action, string entityType, string entityId, string purpose, string? details = null) =>
        db.AddAudit(new AuditEntry
        {
            OccurredUtc = nowUtc,
            UserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            UserName = actor.UserName,
            Agency = actor.Agency,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Purpose = purpose,
            Details = details,
        });
}
