namespace Ordo.Core.Store;

/// <summary>Trades of one account (either side), newest (or oldest) first, optionally of one market, one order or a time range.</summary>
public sealed record TradeQuery
{
    public required long AccountId { get; init; }
    public string? Market { get; init; }
    public long? OrderId { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Oldest first instead of newest first.</summary>
    public bool OldestFirst { get; init; }

    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}
