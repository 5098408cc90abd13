namespace Ordo.Core.Ledger;

/// <summary>One side of a movement: an account's bucket.</summary>
public readonly record struct Pocket(long AccountId, Bucket Bucket)
{
    public static Pocket Available(long accountId) => new(accountId, Bucket.Available);

    public static Pocket Locked(long accountId) => new(accountId, Bucket.Locked);
}
