namespace Ordo.Server.Native;

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record OrderPage(IReadOnlyList<OrderDto> Data, string? NextCursor);
