using System.Security.Cryptography;
using Maabar.Core.Data;
using Maabar.Core.Features.Audit;
using Maabar.Domain;
using Maabar.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Maabar.Core.Tests;

/// <summary>
/// The tamper-evident audit trail, on each provider: every test has a node (database) of its own, with a
/// checkpoint every 10 rows signed by the node's key, and changes the database as an insider would, behind
/// the application's back.
/// </summary>
public abstract class AuditChainTests(StorageProvider provider)
{
    private const int Every = 10;

    private sealed class ChainFixture(StorageProvider provider) : CoreFixture(provider)
    {
        public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Audit:CheckpointEvery", Every.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        protected override void Configure(IServiceCollection services)
        {
            services.RemoveAll<IAuditSigner>();
            services.AddSingleton<IAuditSigner>(new KeySigner(Key));
        }
    }

    private sealed class KeySigner(ECDsa key) : IAuditSigner
    {
        public string? PublicKey { get; } = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

        public byte[]? Sign(byte[] data) => key.SignData(data, HashAlgorithmName.SHA256);
    }

    private async Task<T> OnFreshNodeAsync<T>(Func<ChainFixture, Task<T>> test)
    {
        var node = new ChainFixture(provider);
        await node.InitializeAsync();
        try
        {
            return await test(node);
        }
        finally
        {
            await node.DisposeAsync();
            node.Key.Dispose();
        }
    }

    private static Task<int> WriteAsync(CoreFixture node, int rows, string userName = "officer.test") => node.InScopeAsync(async sp =>
    {
        MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
        for (int i = 0; i < rows; i++)
        {
            db.Audit(new Actor(Guid.CreateVersion7(), userName, "TUN", new HashSet<string>()), node.Clock.GetUtcNow().UtcDateTime.AddTicks(3), "test.written", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "audit.test", "n=" + i);
        }

        return await db.SaveChangesAsync();
    });

    private static Task<AuditVerification> VerifyAsync(CoreFixture node, ECDsa? key = null) =>
        node.InScopeAsync(sp => VerifyAudit.HandleAsync(sp.GetRequiredService<MaabarDbContext>(), key, CancellationToken.None));

    private static Task<int> TamperAsync(CoreFixture node, Func<MaabarDbContext, Task<int>> change) =>
        node.InScopeAsync(sp => change(sp.GetRequiredService<MaabarDbContext>()));

    private static Task<long> LastPositionAsync(CoreFixture node) =>
        node.InScopeAsync(async sp => await sp.GetRequiredService<MaabarDbContext>().AuditEntries.MaxAsync(a => a.ChainPosition) ?? 0);

    [Fact]
    public Task Verify_ConcurrentWriters_ChainHasNoGapNorForkAndIsIntact() => OnFreshNodeAsync(async node =>
    {
        long before = await LastPositionAsync(node);

        // 16 writers at once, each saving 8 units of work of 1 to 3 rows.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 8; i++)
            {
                await WriteAsync(node, 1 + ((w + i) % 3));
            }
        })));

        List<long> positions = await node.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.Select(a => a.ChainPosition!.Value).OrderBy(p => p).ToListAsync());
        int written = Enumerable.Range(0, 16).Sum(w => Enumerable.Range(0, 8).Sum(i => 1 + ((w + i) % 3)));
        Assert.Equal(before + written, positions[^1]);
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(p => (long)p), positions);
        AuditVerification result = await VerifyAsync(node, node.Key);
        Assert.True(result.Intact, result.Message);
        Assert.Equal(positions.Count / Every, result.SignedCheckpoints);
        return 0;
    });

    [Fact]
    public Task Verify_RowDeleted_NamesTheMissingRow() => OnFreshNodeAsync(async node =>
    {
        await WriteAsync(node, 25);
        long victim = await LastPositionAsync(node) - 12;
        Assert.True((await VerifyAsync(node, node.Key)).Intact);

        await TamperAsync(node, db => db.AuditEntries.Where(a => a.ChainPosition == victim).ExecuteDeleteAsync());

        AuditVerification result = await VerifyAsync(node, node.Key);
        Assert.False(result.Intact);
        Assert.StartsWith($"row {victim} is missing", result.Message, StringComparison.Ordinal);
        return 0;
    });

    [Fact]
    public Task Verify_RowAltered_NamesIt_EvenWhenItsHashOrTheWholeTailIsRecomputed() => OnFreshNodeAsync(async node =>
    {
        await WriteAsync(node, 35);
        long last = await LastPositionAsync(node);
        long victim = last - 20;

        // A decider's name rewritten.
        await TamperAsync(node, db => db.AuditEntries.Where(a => a.ChainPosition == victim).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "someone.else")));
        AuditVerification altered = await VerifyAsync(node);
        Assert.False(altered.Intact);
        Assert.StartsWith($"row {victim} (", altered.Message, StringComparison.Ordinal);
        Assert.EndsWith("was altered: its fields do not give its hash", altered.Message, StringComparison.Ordinal);

        // ...and its hash recomputed: the next row no longer links to it.
        await TamperAsync(node, async db =>
        {
            AuditEntry row = await db.AuditEntries.SingleAsync(a => a.ChainPosition == victim);
            row.Hash = AuditChain.HashOf(row);
            return await db.AuditEntries.Where(a => a.ChainPosition == victim).ExecuteUpdateAsync(s => s.SetProperty(a => a.Hash, row.Hash));
        });
        AuditVerification unlinked = await VerifyAsync(node);
        Assert.StartsWith($"row {victim + 1} (", unlinked.Message, StringComparison.Ordinal);
        Assert.Contains("is out of its chain", unlinked.Message, StringComparison.Ordinal);

        // ...and the whole tail re-chained: the next signed checkpoint contradicts it.
        await TamperAsync(node, async db =>
        {
            List<AuditEntry> tail = await db.AuditEntries.Where(a => a.ChainPosition >= victim).OrderBy(a => a.ChainPosition).ToListAsync();
            string previous = (await db.AuditEntries.SingleAsync(a => a.ChainPosition == victim - 1)).Hash!;
            foreach (AuditEntry row in tail)
            {
                row.PreviousHash = previous;
                row.Hash = AuditChain.HashOf(row);
                previous = row.Hash;
            }

            await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Hash, previous));
            return await db.SaveChangesAsync();
        });
        long checkpoint = (victim + Every - 1) / Every * Every;
        AuditVerification forged = await VerifyAsync(node, node.Key);
        Assert.False(forged.Intact);
        Assert.StartsWith($"checkpoint {checkpoint} is contradicted", forged.Message, StringComparison.Ordinal);
        return 0;
    });

    [Fact]
    public Task Verify_TailTruncatedAfterACheckpoint_NamesTheCheckpointOrTheMissingTail() => OnFreshNodeAsync(async node =>
    {
        await WriteAsync(node, 30);
        if (await LastPositionAsync(node) % Every == 0)
        {
            await WriteAsync(node, 1);
        }

        long last = await LastPositionAsync(node);
        long checkpoint = (last - 15) / Every * Every;

        // Only the rows after the last checkpoint cut: the chain's head still says where the trail ended.
        long lastCheckpoint = last / Every * Every;

        await TamperAsync(node, db => db.AuditEntries.Where(a => a.ChainPosition > lastCheckpoint).ExecuteDeleteAsync());
        AuditVerification tail = await VerifyAsync(node, node.Key);
        Assert.False(tail.Intact);
        Assert.StartsWith($"row {lastCheckpoint + 1} is missing: the trail ends at {lastCheckpoint} but the chain's head is at {last}", tail.Message, StringComparison.Ordinal);

        // Cut before a checkpoint, the head made to agree: the checkpoint contradicts the trail.
        await TamperAsync(node, async db =>
        {
            await db.AuditEntries.Where(a => a.ChainPosition > checkpoint - 3).ExecuteDeleteAsync();
            string hash = (await db.AuditEntries.SingleAsync(a => a.ChainPosition == checkpoint - 3)).Hash!;
            return await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Position, checkpoint - 3).SetProperty(h => h.Hash, hash));
        });
        AuditVerification cut = await VerifyAsync(node, node.Key);
        Assert.False(cut.Intact);
        Assert.StartsWith($"checkpoint {checkpoint} is contradicted: row {checkpoint} is missing", cut.Message, StringComparison.Ordinal);
        return 0;
    });

    [Fact]
    public Task Verify_CheckpointSignedByAnotherKey_IsRefusedWithTheNodesKey() => OnFreshNodeAsync(async node =>
    {
        await WriteAsync(node, Every);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AuditVerification withStranger = await VerifyAsync(node, stranger);
        AuditVerification withOwn = await VerifyAsync(node, node.Key);

        Assert.True(withOwn.Intact, withOwn.Message);
        Assert.False(withStranger.Intact);
        Assert.Contains("is not the node's key's", withStranger.Message, StringComparison.Ordinal);
        return 0;
    });
}

public sealed class SqliteAuditChainTests() : AuditChainTests(StorageProvider.Sqlite);

public sealed class PostgresAuditChainTests() : AuditChainTests(StorageProvider.Postgres);
