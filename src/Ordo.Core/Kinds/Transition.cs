using Ordo.Core.Orders;

namespace Ordo.Core.Kinds;

/// <summary>One row of a lifecycle table: in state From, Command may lead to To.</summary>
public readonly record struct Transition(OrderState From, OrderCommand Command, OrderState To);
