namespace Ordo.Core.Engine;

/// <summary>
/// A rental paid from outside Ordo (the buyer pays on chain) rather than from a balance: the order
/// starts unpaid and opens when <see cref="OrderEngine.PayAsync"/> reports the payment. Ordo holds
/// no key, so money owed back (refunds, a payment that came too late) becomes a payout to
/// <see cref="RefundAddress"/>, which the operator sends. <see cref="Forward"/> is an amount the payment
/// carries for someone else (paid out to <see cref="ForwardAddress"/> when the payment arrives).
/// </summary>
public sealed record OutsidePayment(string RefundAddress, decimal Forward = 0m, string? ForwardAddress = null);
