using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Engine;

/// <summary>
/// Rentals paid from outside (on chain): placed unpaid, opened by the payment exactly once, and
/// every refund written as a payout with its movement to the external account.
/// </summary>
public sealed class OutsidePaymentTests
{
    private const long Owner = StateSetup.Owner;
    private const string Buyer = "TBuyerAddress";
    private readonly StateSetup _s = new();

    private Order PlaceUnpaid(decimal forward = 0m)
    {
        var result = _s.Write.Place(new PlaceOrder
        {
            Actor = Actor.Owner(Owner),
            AccountId = Owner,
            Dialect = "test",
            Kind = OrderKind.Rental,
            Quantity = 10,
            Price = 2,
            Payment = 20,
            Asset = "TRX",
            Duration = TimeSpan.FromHours(1),
            Validity = TimeSpan.FromMinutes(2),
            Terms = new CancelTerms(TimeSpan.Zero, 0.1m),
            PaidFromOutside = new OutsidePayment(Buyer, forward, forward > 0 ? "TReceiver" : null),
        });
        result.Status.ShouldBe(PlaceStatus.Placed);
        return result.Order!;
    }

    private PayResult Pay(Order order, string reference = "tx-1", decimal amount = 20m) =>
        _s.Write.Pay(new PayOrder(Actor.System, OrderRef.Of(order.Id), reference, amount, TimeSpan.FromHours(24)));

    private decimal Available(long account) => _s.Tx.GetBalance(account, "TRX").Available;

    private decimal Locked(long account) => _s.Tx.GetBalance(account, "TRX").Locked;

    [Fact]
    public void An_unpaid_order_holds_nothing_and_sellers_cannot_fill_it()
    {
        var order = PlaceUnpaid();
        order.State.ShouldBe(OrderState.Pending);
        order.AmountLocked.ShouldBe(0m);
        order.AmountPaid.ShouldBe(0m);
        order.ExpiresAt.ShouldBe(StateSetup.Start + TimeSpan.FromMinutes(2));
        Available(Owner).ShouldBe(1000m, "the owner's balance is not touched");
        _s.FillQuantity(order, 4).Status.ShouldBe(FillStatus.NotFillable);
    }

    [Fact]
    public void The_payment_opens_the_order_with_its_escrow_from_the_external_account_once()
    {
        var order = PlaceUnpaid();
        var external = Available(SystemAccounts.External);

        var paid = Pay(order);

        paid.Status.ShouldBe(PayStatus.Paid);
        order.State.ShouldBe(OrderState.Open);
        order.AmountLocked.ShouldBe(20m);
        order.AmountPaid.ShouldBe(20m);
        order.ExpiresAt.ShouldBe(StateSetup.Start + TimeSpan.FromHours(24), "paid, it stays open for its validity");
        Locked(Owner).ShouldBe(20m);
        Available(Owner).ShouldBe(1000m);
        Available(SystemAccounts.External).ShouldBe(external - 20m);
        _s.Tx.Events.Last().Type.ShouldBe(EventTypes.Paid);

        Pay(order).Status.ShouldBe(PayStatus.Duplicate);
        Locked(Owner).ShouldBe(20m);
        _s.Tx.Payouts.ShouldBeEmpty();
    }

    [Fact]
    public void A_cancel_after_a_partial_fill_pays_out_the_unsold_share_less_the_fee()
    {
        var order = PlaceUnpaid();
        Pay(order);
        _s.FillQuantity(order, 4).Status.ShouldBe(FillStatus.Applied);
        var external = Available(SystemAccounts.External);

        _s.Cancel(order).Status.ShouldBe(CancelStatus.Cancelled);

        // 6 of 10 unsold: 12 TRX, less 10%: 10.8 out, 1.2 to the platform.
        var payout = _s.Tx.Payouts.ShouldHaveSingleItem();
        payout.ShouldBe(new Payout(1, order.Id, Owner, "TRX", 10.8m, Buyer, PayoutReasons.Cancel, StateSetup.Start));
        Available(SystemAccounts.External).ShouldBe(external + 10.8m);
        Available(SystemAccounts.Platform).ShouldBe(1.2m);
        Available(Owner).ShouldBe(1000m, "the refund left the owner's balance with the payout");
        Locked(Owner).ShouldBe(0m);

        _s.Cancel(order).Status.ShouldBe(CancelStatus.AlreadyCancelled);
        _s.Tx.Payouts.Count.ShouldBe(1, "a refund is paid out once");
    }

    [Fact]
    public void Expiry_of_a_paid_order_pays_out_the_rest_in_full()
    {
        var order = PlaceUnpaid();
        Pay(order);
        _s.FillQuantity(order, 5);

        _s.Expire(order).Status.ShouldBe(ExpireStatus.Expired);

        var payout = _s.Tx.Payouts.ShouldHaveSingleItem();
        (payout.Amount, payout.Reason, payout.Address).ShouldBe((10m, PayoutReasons.Expiry, Buyer));
    }

    [Fact]
    public void Unpaid_cancel_and_timeout_move_no_money()
    {
        var cancelled = PlaceUnpaid();
        var timedOut = PlaceUnpaid();
        var ledger = _s.Tx.Ledger.Count;

        _s.Cancel(cancelled).Status.ShouldBe(CancelStatus.Cancelled);
        _s.Expire(timedOut).Status.ShouldBe(ExpireStatus.Expired);

        timedOut.State.ShouldBe(OrderState.Expired);
        _s.Tx.Ledger.Count.ShouldBe(ledger);
        _s.Tx.Payouts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("expire")]
    public void A_payment_after_the_order_closed_is_paid_back_in_full(string close)
    {
        var order = PlaceUnpaid(forward: 1.5m);
        if (close == "cancel")
        {
            _s.Cancel(order);
        }
        else
        {
            _s.Expire(order);
        }

        var state = order.State;
        var result = Pay(order, amount: 21.5m);

        result.Status.ShouldBe(PayStatus.Returned);
        order.State.ShouldBe(state);
        var payout = _s.Tx.Payouts.ShouldHaveSingleItem();
        (payout.Amount, payout.Reason, payout.Address).ShouldBe((21.5m, PayoutReasons.Returned, Buyer));
        result.Payout.ShouldBe(payout);
        (Available(Owner), Locked(Owner)).ShouldBe((1000m, 0m), "the money passed through");
        Pay(order, amount: 21.5m).Status.ShouldBe(PayStatus.Duplicate);
        _s.Tx.Payouts.Count.ShouldBe(1);
    }

    [Fact]
    public void A_payment_of_another_amount_is_paid_back_and_the_order_stays_unpaid()
    {
        var order = PlaceUnpaid();
        Pay(order, amount: 19m).Status.ShouldBe(PayStatus.Returned);
        order.State.ShouldBe(OrderState.Pending);
        _s.Tx.Payouts.ShouldHaveSingleItem().Amount.ShouldBe(19m);
    }

    [Fact]
    public void A_forwarded_part_is_paid_out_to_its_address_when_the_payment_arrives()
    {
        var order = PlaceUnpaid(forward: 1.5m);
        var paid = Pay(order, amount: 21.5m);
        paid.Status.ShouldBe(PayStatus.Paid);
        order.AmountLocked.ShouldBe(20m);
        var payout = _s.Tx.Payouts.ShouldHaveSingleItem();
        (payout.Amount, payout.Reason, payout.Address).ShouldBe((1.5m, PayoutReasons.Forward, "TReceiver"));
        Available(Owner).ShouldBe(1000m);
    }

    [Fact]
    public void One_payment_reference_opens_one_order_only()
    {
        var first = PlaceUnpaid();
        var second = PlaceUnpaid();
        Pay(first, "tx-same").Status.ShouldBe(PayStatus.Paid);
        Pay(second, "tx-same").Status.ShouldBe(PayStatus.Duplicate);
        second.State.ShouldBe(OrderState.Pending);
        Locked(Owner).ShouldBe(20m, "one payment is credited once");
    }

    [Fact]
    public void An_order_paid_from_a_balance_takes_no_outside_payment()
    {
        var order = _s.Place(OrderKind.Rental);
        Pay(order).Status.ShouldBe(PayStatus.NotPaidFromOutside);
        order.AmountLocked.ShouldBe(20m);
    }

    [Fact]
    public void Only_a_rental_is_placed_to_be_paid_from_outside()
    {
        var result = _s.Write.Place(new PlaceOrder
        {
            Actor = Actor.Owner(Owner),
            AccountId = Owner,
            Dialect = "test",
            Kind = OrderKind.Purchase,
            Quantity = 1,
            PaidFromOutside = new OutsidePayment(Buyer),
        });
        result.Status.ShouldBe(PlaceStatus.Invalid);
        result.Field.ShouldBe("payment");
    }

    [Fact]
    public void Money_sums_to_zero_through_pay_fill_cancel_and_a_returned_payment()
    {
        var first = PlaceUnpaid(forward: 1m);
        Pay(first, amount: 21m);
        _s.FillQuantity(first, 3);
        _s.Cancel(first);
        var late = PlaceUnpaid();
        _s.Cancel(late);
        Pay(late, "tx-2");

        _s.Tx.Ledger.GroupBy(e => e.MovementId).ShouldAllBe(m => m.Sum(e => e.Amount) == 0m);
        var paidIn = 21m + 20m;
        var out_ = _s.Tx.Payouts.Sum(p => p.Amount);
        var kept = Available(SystemAccounts.Platform) + Available(StateSetup.Executor);
        (paidIn - out_).ShouldBe(kept, "what came in either left as payouts or was earned by the seller and the platform");
    }
}
