using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

public sealed record FillResult(FillStatus Status, Order? Order, string? Field = null, string? Message = null);
