using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Cancel the unfilled remainder. <see cref="Scope"/> limits the lookup to one account's orders and
/// <see cref="Kind"/> to one kind (a dialect that serves one kind sees no other as existing).
/// </summary>
public sealed record CancelOrder(Actor Actor, OrderRef Order, long? Scope, string? Reason = null, OrderKind? Kind = null);
