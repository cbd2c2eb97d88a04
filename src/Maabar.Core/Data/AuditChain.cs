using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maabar.Core.Data;

/// <summary>Section <c>Audit</c>: how the tamper-evident trail is kept.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>A signed checkpoint every this many rows (default 100).</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEvery { get; set; } = 100;
}

/// <summary>Signs audit checkpoints with the node's key. A node without a key leaves its checkpoints unsigned.</summary>
public interface IAuditSigner
{
    /// <summary>The public key (SubjectPublicKeyInfo, base64), or null when the node has no key.</summary>
    string? PublicKey { get; }

    /// <summary>ECDSA P-256 / SHA-256 signature (IEEE P1363) of <paramref name="data"/>, or null when the node has no key. Thread-safe.</summary>
    byte[]? Sign(byte[] data);
}

/// <summary>A node without a signing key.</summary>
public sealed class NoAuditSigner : IAuditSigner
{
    public static readonly NoAuditSigner Instance = new();

    public string? PublicKey => null;

    public byte[]? Sign(byte[] data) => null;
}

/// <summary>
/// The node's audit chain. Each row's hash is SHA-256 over a canonical, unambiguous form of its fields (each
/// field length-prefixed, null distinct from empty) that includes its position and the previous row's hash;
/// every <see cref="AuditOptions.CheckpointEvery"/> rows a checkpoint signed with the node's key vouches for
/// the row's hash. Appending locks the chain's head row first (PostgreSQL: a row lock until commit; SQLite:
/// the database's single writer lock), so writers take turns: no gap, no fork. Thread-safe.
/// </summary>
public sealed class AuditChain(IOptions<AuditOptions> options, IAuditSigner signer)
{
    private static readonly AuditChain Default = new(Options.Create(new AuditOptions()), NoAuditSigner.Instance);

    /// <summary>The chain configured in the application's services, or defaults (no signature) for a context built by hand.</summary>
    internal static AuditChain For(MaabarDbContext db)
    {
        IServiceProvider? app = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return app?.GetService<AuditChain>() ?? Default;
    }

    /// <summary>Chains <paramref name="added"/> (in the order given: the order of writing) behind the head; must run inside the saving transaction.</summary>
    internal async Task AppendAsync(MaabarDbContext db, List<AuditEntry> added, CancellationToken cancellationToken)
    {
        // The lock, held until the transaction ends: PostgreSQL reads the head row FOR UPDATE in one round trip;
        // SQLite takes its single writer lock with an update of the row, then reads it.
        foreach (Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AuditChainHead> stale in db.ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            // A head left from an earlier save of this context is out of date: it is read again under the lock.
            stale.State = EntityState.Detached;
        }

        AuditChainHead head;
        if (string.Equals(db.Database.ProviderName, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal))
        {
            head = await db.AuditChainHeads.FromSqlRaw("SELECT * FROM \"AuditChainHeads\" WHERE \"Id\" = 1 FOR UPDATE").AsNoTracking().SingleAsync(cancellationToken);
        }
        else
        {
            await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.NodeChain)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Position, h => h.Position), cancellationToken);
            head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.NodeChain, cancellationToken);
        }

        long position = head.Position;
        string previous = head.Hash;
        var rows = new List<AuditEntry>();
        if (position == 0)
        {
            // Rows written before the chain existed join it first, in the order they were written.
            rows.AddRange(await db.AuditEntries.Where(a => a.ChainPosition == null).OrderBy(a => a.OccurredUtc).ThenBy(a => a.Id).ToListAsync(cancellationToken));
        }

        rows.AddRange(added);
        int every = options.Value.CheckpointEvery;
        foreach (AuditEntry row in rows)
        {
            // Stored instants keep whole microseconds (PostgreSQL's precision): the hash must read back the same.
            db.Entry(row).Property(a => a.OccurredUtc).CurrentValue = Microseconds(row.OccurredUtc);
            position++;
            row.ChainPosition = position;
            row.PreviousHash = previous;
            row.Hash = HashOf(row);
            previous = row.Hash;
            if (position % every == 0)
            {
                db.AuditCheckpoints.Add(Checkpoint(position, row.Hash, row.OccurredUtc));
            }
        }

        // The new head is saved with the rows, in the same batch.
        db.AuditChainHeads.Attach(head);
        head.Position = position;
        head.Hash = previous;
    }

    private AuditCheckpoint Checkpoint(long position, string hash, DateTime createdUtc)
    {
        byte[]? signature = signer.Sign(CheckpointBytes(position, hash, createdUtc));
        return new AuditCheckpoint
        {
            Position = position,
            Hash = hash,
            CreatedUtc = createdUtc,
            PublicKey = signature is null ? null : signer.PublicKey,
            Signature = signature is null ? null : Convert.ToBase64String(signature),
        };
    }

    /// <summary>The instant cut to whole microseconds.</summary>
    public static DateTime Microseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    /// <summary>SHA-256 (lower-case hex) of the row's canonical form, which includes its position and previous hash.</summary>
    public static string HashOf(AuditEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(512);

        // Rows with a session or client address use form 2, which covers them too; older rows keep form 1.
        bool withContext = row.SessionId is not null || row.ClientAddress is not null;
        Field(buffer, withContext ? "maabar-audit-row/2" : "maabar-audit-row/1");
        Field(buffer, row.ChainPosition?.ToString(CultureInfo.InvariantCulture));
        Field(buffer, row.PreviousHash);
        Field(buffer, row.Id.ToString("D"));
        Field(buffer, (Microseconds(row.OccurredUtc).Ticks / 10).ToString(CultureInfo.InvariantCulture));
        Field(buffer, row.UserId?.ToString("D"));
        Field(buffer, row.UserName);
        Field(buffer, row.Agency);
        Field(buffer, row.Action);
        Field(buffer, row.EntityType);
        Field(buffer, row.EntityId);
        Field(buffer, row.Purpose);
        Field(buffer, row.Details);
        if (withContext)
        {
            Field(buffer, row.SessionId);
            Field(buffer, row.ClientAddress);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The bytes a checkpoint's signature covers.</summary>
    public static byte[] CheckpointBytes(long position, string hash, DateTime createdUtc)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        Field(buffer, "maabar-audit-checkpoint/1");
        Field(buffer, position.ToString(CultureInfo.InvariantCulture));
        Field(buffer, hash);
        Field(buffer, (Microseconds(createdUtc).Ticks / 10).ToString(CultureInfo.InvariantCulture));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A field as a 4-byte big-endian length (-1 for null) and its UTF-8 bytes: no separator can be forged.</summary>
    private static void Field(ArrayBufferWriter<byte> buffer, string? value)
    {
        Span<byte> length = buffer.GetSpan(4);
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.Advance(4);
            return;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(length, count);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }
}
