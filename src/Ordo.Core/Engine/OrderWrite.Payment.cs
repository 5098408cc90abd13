using System.Globalization;

using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Orders paid from outside Ordo: placed unpaid (<c>Pending</c>), opened by the payment, and what
/// they owe back written as payouts. A payment is applied once per reference; money that arrives
/// and cannot open its order is never lost: all of it becomes one payout to the refund address.
/// </summary>
internal sealed partial class OrderWrite
{
    private PlaceResult PlaceUnpaid(PlaceOrder command, OutsidePayment outside, PlaceFunding funding, Lifecycle life)
    {
        if (!life.Allows(OrderState.Pending, OrderCommand.Pay, OrderState.Open))
        {
            return PlaceResult.Invalid("payment", $"a {command.Kind} order is not paid from outside");
        }

        if (string.IsNullOrWhiteSpace(outside.RefundAddress))
        {
            return PlaceResult.Invalid("refund_address", "an order paid from outside needs an address for refunds");
        }

        if (outside.Forward < 0 || (outside.Forward > 0 && string.IsNullOrWhiteSpace(outside.ForwardAddress)))
        {
            return PlaceResult.Invalid("forward", "a forwarded amount is not negative and has an address");
        }

        var order = NewOrder(command, tx.NextOrderId(), funding.Asset, 0m, OrderState.Pending);
        order.Attributes[PaymentAttributes.Due] = Decimals.ToText(funding.Amount);
        order.Attributes[PaymentAttributes.RefundAddress] = outside.RefundAddress;
        if (outside.Forward > 0)
        {
            order.Attributes[PaymentAttributes.ForwardAmount] = Decimals.ToText(outside.Forward);
            order.Attributes[PaymentAttributes.ForwardAddress] = outside.ForwardAddress!;
        }

        tx.InsertOrder(order);
        tx.AppendEvent(new OrderEvent(order.Id, EventTypes.Created, order.State, command.Actor, null, now, new Dictionary<string, string>()));
        return new PlaceResult(PlaceStatus.Placed, order);
    }

    public PayResult Pay(PayOrder command)
    {
        var order = tx.FindOrder(command.Order, null);
        if (order is null)
        {
            return new PayResult(PayStatus.NotFound, null);
        }

        if (!PaymentAttributes.PaidFromOutside(order) || order.Asset is not { } asset)
        {
            return new PayResult(PayStatus.NotPaidFromOutside, order);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(command.Amount);
        // One scope for every order: a payment counts once, even if two orders were shown the same reference.
        const string scope = "payment";
        if (tx.HasExternalId(scope, command.Reference))
        {
            return new PayResult(PayStatus.Duplicate, order);
        }

        tx.RecordExternalId(scope, command.Reference);
        var due = Due(order, PaymentAttributes.Due);
        var forward = Due(order, PaymentAttributes.ForwardAmount);
        var data = new Dictionary<string, string>
        {
            ["reference"] = command.Reference,
            ["amount"] = Decimals.ToText(command.Amount),
        };

        // The money is here whatever happens next: it enters the owner's balance from outside.
        _ledger.Move(Pocket.Available(SystemAccounts.External), Pocket.Available(order.AccountId), asset, command.Amount, order.Id, MovementReasons.Payment);

        var life = Lifecycles.For(order.Kind);
        if (!life.Allows(order.State, OrderCommand.Pay, OrderState.Open) || command.Amount != due + forward)
        {
            var returned = PayOut(order, command.Amount, order.Attributes[PaymentAttributes.RefundAddress], PayoutReasons.Returned);
            Commit(order, EventTypes.PaymentReturned, command.Actor, $"payment cannot open the order in {order.State}", data);
            return new PayResult(PayStatus.Returned, order, returned);
        }

        if (!_ledger.TryHold(order, due, MovementReasons.Payment))
        {
            throw new InvalidOperationException($"order {order.Id}: the payment just credited does not cover its escrow");
        }

        order.AmountPaid = due;
        var forwarded = forward > 0 ? PayOut(order, forward, order.Attributes[PaymentAttributes.ForwardAddress], PayoutReasons.Forward) : null;
        order.Attributes[PaymentAttributes.Reference] = command.Reference;
        MoveTo(order, life, OrderCommand.Pay, OrderState.Open);

        // The unpaid order expired with its payment window; paid, it stays open for its validity.
        order.ExpiresAt = command.Validity is { } validity ? now + validity : null;
        Commit(order, EventTypes.Paid, command.Actor, null, data);
        return new PayResult(PayStatus.Paid, order, forwarded);
    }

    /// <summary>Sends an amount of the owner's available balance out (to the external account) and records the payout.</summary>
    private Payout? PayOut(Order order, decimal amount, string address, string reason)
    {
        if (amount <= 0)
        {
            return null;
        }

        _ledger.Move(Pocket.Available(order.AccountId), Pocket.Available(SystemAccounts.External), order.Asset!, amount, order.Id, MovementReasons.Payout);
        return tx.InsertPayout(new Payout(0, order.Id, order.AccountId, order.Asset!, amount, address, reason, now));
    }

    private static decimal Due(Order order, string attribute) =>
        order.Attributes.TryGetValue(attribute, out var text) ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
}
