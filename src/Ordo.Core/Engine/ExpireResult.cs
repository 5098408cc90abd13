using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

public sealed record ExpireResult(ExpireStatus Status, Order? Order);
