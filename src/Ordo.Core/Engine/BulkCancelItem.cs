namespace Ordo.Core.Engine;

/// <summary>One order's outcome in a bulk cancel (the order is null when not found).</summary>
public sealed record BulkCancelItem(long Id, CancelResult Result);
