namespace Maabar.Core.Data;

/// <summary>Remembers the result of a request sent with an <c>Idempotency-Key</c> so a repeat returns the same result.</summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Keys are scoped to the user who sent them.</summary>
    public Guid UserId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the canonical request, hex; a different body under the same key is refused.</summary>
    public required string RequestHash { get; init; }

    public Guid PassageId { get; init; }

    public DateTime CreatedUtc { get; init; }
}
