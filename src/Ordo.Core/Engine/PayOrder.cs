using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// A payment from outside arrived for an order placed with <see cref="PlaceOrder.PaidFromOutside"/>.
/// <see cref="Reference"/> (a transaction id) makes it count once. <see cref="Validity"/> is how long
/// the paid order then stays open for sellers (null: no limit).
/// </summary>
public sealed record PayOrder(Actor Actor, OrderRef Order, string Reference, decimal Amount, TimeSpan? Validity);
