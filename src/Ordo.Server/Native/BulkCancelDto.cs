namespace Ordo.Server.Native;

public sealed record BulkCancelItemDto(long Id, string Outcome, OrderDto? Order);

public sealed record BulkCancelDto(IReadOnlyList<BulkCancelItemDto> Results);
