namespace Ordo.Core.Store;

/// <summary>A page of payouts, newest first; <see cref="BeforeId"/> is the cursor; no account: all of them (the operator).</summary>
public sealed record PayoutQuery
{
    public long? AccountId { get; init; }
    public long? OrderId { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = 100;
}
