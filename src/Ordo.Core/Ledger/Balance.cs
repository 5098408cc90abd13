namespace Ordo.Core.Ledger;

public sealed record Balance(long AccountId, string Asset, decimal Available, decimal Locked)
{
    public decimal In(Bucket bucket) => bucket == Bucket.Available ? Available : Locked;

    public Balance Add(Bucket bucket, decimal amount) => bucket == Bucket.Available
        ? this with { Available = Available + amount }
        : this with { Locked = Locked + amount };
}
