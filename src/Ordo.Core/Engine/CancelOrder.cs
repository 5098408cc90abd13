using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Cancel the unfilled remainder. <see cref="Scope"/> limits the lookup to one account's orders and
/// <see cref="Kind"/> to one kind (a dialect that serves one kind sees no other as existing);
/// <see cref="Match"/> to orders whose attribute has a value (only the order's own customer).
/// </summary>
public sealed record CancelOrder(Actor Actor, OrderRef Order, long? Scope, string? Reason = null, OrderKind? Kind = null, AttributeMatch? Match = null);

/// <summary>An order is seen only when its attribute <see cref="Name"/> equals <see cref="Value"/>.</summary>
public sealed record AttributeMatch(string Name, string Value);
