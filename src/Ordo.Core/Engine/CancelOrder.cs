using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>Cancel the unfilled remainder. <see cref="Scope"/> limits the lookup to one account's orders.</summary>
public sealed record CancelOrder(Actor Actor, OrderRef Order, long? Scope, string? Reason = null);
