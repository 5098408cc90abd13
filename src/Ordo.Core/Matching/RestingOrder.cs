using Ordo.Core.Orders;

namespace Ordo.Core.Matching;

/// <summary>
/// What a book needs of a stored open limit order to rebuild it: no more, so rebuilding the books of a
/// large database reads and allocates little (no full <see cref="Order"/> per resting order).
/// </summary>
public readonly record struct RestingOrder(long Id, long AccountId, OrderSide Side, decimal Price, decimal Remaining);
