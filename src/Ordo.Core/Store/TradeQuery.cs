namespace Ordo.Core.Store;

/// <summary>Trades of one account (either side), newest first, optionally of one market or one order.</summary>
public sealed record TradeQuery
{
    public required long AccountId { get; init; }
    public string? Market { get; init; }
    public long? OrderId { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}
