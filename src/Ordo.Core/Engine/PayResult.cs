using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>The outcome of a payment; <see cref="Payout"/> is what it owes back (returned, or forwarded), if anything.</summary>
public sealed record PayResult(PayStatus Status, Order? Order, Payout? Payout = null);
