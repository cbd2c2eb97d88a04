using System.Globalization;
using System.Security.Cryptography;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Audit;

/// <summary>What <see cref="VerifyAudit"/> found: intact, or the first break, named.</summary>
/// <param name="Intact">True when every row is in its place, unaltered, and every checkpoint agrees.</param>
/// <param name="Message">The summary (intact) or the first break: the row missing, altered or out of its chain, or the checkpoint contradicted.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Checkpoints">Checkpoints read.</param>
/// <param name="SignedCheckpoints">Checkpoints whose signature was verified.</param>
public sealed record AuditVerification(bool Intact, string Message, long Rows, int Checkpoints, int SignedCheckpoints);

/// <summary>
/// Reads the whole audit chain in position order and checks, row by row: the position follows the one before
/// (else a row is missing), the hash recomputed from the fields is the stored one (else the row was altered),
/// the previous hash is the previous row's (else the row is out of its chain); then that every checkpoint's row
/// exists with the hash it vouches for and its signature holds, and that the trail reaches the chain's head
/// (else its tail was cut). With a trusted key signatures must be by that key; without one, by
/// the key stored with them. Reads only; not audited itself (the verifier must not change what it checks).
/// </summary>
public static class VerifyAudit
{
    public static async Task<AuditVerification> HandleAsync(MaabarDbContext db, ECDsa? trustedKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        string previous = AuditChainHead.Genesis;
        var hashes = new Dictionary<long, string>();
        int unchained = await db.AuditEntries.CountAsync(a => a.ChainPosition == null, cancellationToken);
        if (unchained > 0)
        {
            Guid first = await db.AuditEntries.Where(a => a.ChainPosition == null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(cancellationToken);
            return Broken($"row {first} is out of the chain: it has no position ({unchained} such row(s))", expected - 1, 0, 0);
        }

        await foreach (AuditEntry row in db.AuditEntries.AsNoTracking().OrderBy(a => a.ChainPosition).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            long position = row.ChainPosition!.Value;
            if (position != expected)
            {
                return Broken(position > expected
                    ? $"row {expected} is missing (the chain jumps from {expected - 1} to {position})"
                    : $"row {position} ({row.Id}) is out of its chain: position {position} appears again", expected - 1, 0, 0);
            }

            if (!string.Equals(AuditChain.HashOf(row), row.Hash, StringComparison.Ordinal))
            {
                return Broken($"row {position} ({row.Id}) was altered: its fields do not give its hash", expected - 1, 0, 0);
            }

            if (!string.Equals(row.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken($"row {position} ({row.Id}) is out of its chain: its previous hash is not row {position - 1}'s", expected - 1, 0, 0);
            }

            hashes[position] = row.Hash!;
            previous = row.Hash!;
            expected++;
        }

        long last = expected - 1;
        List<AuditCheckpoint> checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Position).ToListAsync(cancellationToken);
        int signed = 0;
        foreach (AuditCheckpoint checkpoint in checkpoints)
        {
            if (!hashes.TryGetValue(checkpoint.Position, out string? hash))
            {
                return Broken($"checkpoint {checkpoint.Position} is contradicted: row {checkpoint.Position} is missing (the trail ends at {last})", last, checkpoints.Count, signed);
            }

            if (!string.Equals(hash, checkpoint.Hash, StringComparison.Ordinal))
            {
                return Broken($"checkpoint {checkpoint.Position} is contradicted: row {checkpoint.Position}'s hash differs from the one it vouches for", last, checkpoints.Count, signed);
            }

            string? signatureProblem = CheckSignature(checkpoint, trustedKey);
            if (signatureProblem is not null)
            {
                return Broken($"checkpoint {checkpoint.Position} {signatureProblem}", last, checkpoints.Count, signed);
            }

            if (checkpoint.Signature is not null)
            {
                signed++;
            }
        }

        AuditChainHead? head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.NodeChain, cancellationToken);
        if (head is null || head.Position != last || !string.Equals(head.Hash, previous, StringComparison.Ordinal))
        {
            return Broken(head is not null && head.Position > last
                ? $"row {last + 1} is missing: the trail ends at {last} but the chain's head is at {head.Position}"
                : $"the chain's head ({head?.Position.ToString(CultureInfo.InvariantCulture) ?? "none"}) does not match the trail's last row {last}", last, checkpoints.Count, signed);
        }

        string keyNote = trustedKey is null ? "signatures checked against the key stored with them" : "signatures checked against the node's key";
        return new AuditVerification(true,
            string.Create(CultureInfo.InvariantCulture, $"audit trail intact: {last} rows, {checkpoints.Count} checkpoints ({signed} signed; {keyNote}), head {last} {previous}"),
            last, checkpoints.Count, signed);
    }

    private static string? CheckSignature(AuditCheckpoint checkpoint, ECDsa? trustedKey)
    {
        if (checkpoint.Signature is null)
        {
            return trustedKey is null ? null : "is not signed, but the node has a key";
        }

        try
        {
            byte[] signature = Convert.FromBase64String(checkpoint.Signature);
            byte[] data = AuditChain.CheckpointBytes(checkpoint.Position, checkpoint.Hash, checkpoint.CreatedUtc);
            if (trustedKey is not null)
            {
                return trustedKey.VerifyData(data, signature, HashAlgorithmName.SHA256) ? null : "has a signature that is not the node's key's";
            }

            if (checkpoint.PublicKey is null)
            {
                return "is signed without its public key";
            }

            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(checkpoint.PublicKey), out _);
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256) ? null : "has a signature that does not verify";
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return "has a malformed signature or key";
        }
    }

    private static AuditVerification Broken(string message, long rows, int checkpoints, int signed) => new(false, message, rows, checkpoints, signed);
}

/// <summary>
/// The audit trail as JSON lines for a write-once store: rows in chain order from a position, each checkpoint
/// right after the row it vouches for, and the chain's head last. Every field the hash covers is written as
/// stored, so the file can be re-checked away from the node. Reads only.
/// </summary>
public static class ExportAudit
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Writes the lines; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(MaabarDbContext db, long fromPosition, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(writer);
        Dictionary<long, AuditCheckpoint> checkpoints = await db.AuditCheckpoints.AsNoTracking().Where(c => c.Position >= fromPosition).ToDictionaryAsync(c => c.Position, cancellationToken);
        long rows = 0;
        await foreach (AuditEntry row in db.AuditEntries.AsNoTracking().Where(a => a.ChainPosition >= fromPosition).OrderBy(a => a.ChainPosition).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                type = "row", position = row.ChainPosition, previousHash = row.PreviousHash, hash = row.Hash, id = row.Id, occurredUtc = row.OccurredUtc,
                userId = row.UserId, userName = row.UserName, agency = row.Agency, action = row.Action, entityType = row.EntityType, entityId = row.EntityId,
                purpose = row.Purpose, details = row.Details, sessionId = row.SessionId, clientAddress = row.ClientAddress,
            }, Json));
            rows++;
            if (checkpoints.TryGetValue(row.ChainPosition!.Value, out AuditCheckpoint? c))
            {
                await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    type = "checkpoint", position = c.Position, hash = c.Hash, createdUtc = c.CreatedUtc, publicKey = c.PublicKey, signature = c.Signature,
                }, Json));
            }
        }

        AuditChainHead? head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.NodeChain, cancellationToken);
        await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { type = "head", position = head?.Position, hash = head?.Hash }, Json));
        await writer.FlushAsync(cancellationToken);
        return rows;
    }
}
