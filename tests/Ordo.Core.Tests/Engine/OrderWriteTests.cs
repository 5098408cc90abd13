using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Core.Tests.Engine;

public sealed class OrderWriteTests
{
    private readonly StateSetup _s = new();

    [Fact]
    public void The_owner_cannot_cancel_inside_the_window_but_an_operator_can()
    {
        var order = RentalWithWindow(TimeSpan.FromMinutes(5));
        _s.Now += TimeSpan.FromMinutes(4);
        var early = _s.Cancel(order);
        early.Status.ShouldBe(CancelStatus.TooEarly);
        early.RetryAfter.ShouldBe(StateSetup.Start + TimeSpan.FromMinutes(5));

        _s.Write.Cancel(new CancelOrder(Actor.Operator(), OrderRef.Of(order.Id), null)).Status.ShouldBe(CancelStatus.Cancelled);
        order.CancelledBy.ShouldBe(ActorKind.Operator);
    }

    [Fact]
    public void Amend_changes_attributes_and_a_stage_the_table_allows_but_never_a_final_order()
    {
        var order = _s.Place(OrderKind.Purchase);
        var amend = new AmendOrder { Actor = Actor.Owner(StateSetup.Owner), Order = OrderRef.Of(order.Id), Scope = StateSetup.Owner, Stage = OrderState.Paid, Attributes = new Dictionary<string, string> { ["fee"] = "150" } };
        _s.Write.Amend(amend).Status.ShouldBe(AmendStatus.Amended);
        order.State.ShouldBe(OrderState.Paid);
        order.Attributes["fee"].ShouldBe("150");
        _s.Tx.Events[^1].Type.ShouldBe(EventTypes.Amended);

        var version = order.Version;
        _s.Write.Amend(amend with { Stage = OrderState.Pending }).Status.ShouldBe(AmendStatus.StageNotAllowed);
        _s.Write.Amend(amend with { Stage = OrderState.Refunded }).Status.ShouldBe(AmendStatus.Amended);
        _s.Write.Amend(amend with { Stage = null, Attributes = new Dictionary<string, string> { ["fee"] = "1" } }).Status.ShouldBe(AmendStatus.Closed);
        order.Attributes["fee"].ShouldBe("150");
        order.Version.ShouldBe(version + 1);
        _s.Write.Amend(amend with { Scope = 999 }).Status.ShouldBe(AmendStatus.NotFound);
    }

    [Fact]
    public void An_exclusive_attribute_allows_one_open_order_per_value()
    {
        static PlaceOrder P2p(string email) => ExclusiveOrders.P2p(StateSetup.Owner, email);
        var first = _s.Write.Place(P2p("a@example.com"));
        first.Status.ShouldBe(PlaceStatus.Placed);
        var second = _s.Write.Place(P2p("a@example.com"));
        second.Status.ShouldBe(PlaceStatus.OpenOrderExists);
        second.Order!.Id.ShouldBe(first.Order!.Id);
        _s.Write.Place(P2p("b@example.com")).Status.ShouldBe(PlaceStatus.Placed, "another customer");
        _s.Cancel(first.Order);
        _s.Write.Place(P2p("a@example.com")).Status.ShouldBe(PlaceStatus.Placed, "the first is closed");
    }

    [Fact]
    public void A_cancel_or_amend_with_an_attribute_match_sees_only_the_matching_order()
    {
        var order = _s.Place(OrderKind.P2p);
        order.Attributes["customer_email"] = "ada@example.com";
        var other = new AttributeMatch("customer_email", "eve@example.com");
        _s.Write.Cancel(new CancelOrder(Actor.Owner(StateSetup.Owner), OrderRef.Of(order.Id), StateSetup.Owner, null, null, other)).Status.ShouldBe(CancelStatus.NotFound);
        _s.Write.Amend(new AmendOrder { Actor = Actor.Owner(StateSetup.Owner), Order = OrderRef.Of(order.Id), Match = other, Stage = OrderState.FundedProvider })
            .Status.ShouldBe(AmendStatus.NotFound);
        order.State.ShouldBe(OrderState.Acknowledged);
        _s.Write.Cancel(new CancelOrder(Actor.Owner(StateSetup.Owner), OrderRef.Of(order.Id), StateSetup.Owner, null, null, other with { Value = "ada@example.com" }))
            .Status.ShouldBe(CancelStatus.Cancelled);
    }

    [Fact]
    public void A_cancel_for_one_kind_does_not_see_orders_of_another()
    {
        var rental = _s.Place(OrderKind.Rental);
        var result = _s.Write.Cancel(new CancelOrder(Actor.Owner(StateSetup.Owner), OrderRef.Of(rental.Id), StateSetup.Owner, null, OrderKind.Limit));
        result.Status.ShouldBe(CancelStatus.NotFound);
        result.Order.ShouldBeNull();
        rental.State.ShouldBe(OrderState.Open);
    }

    [Fact]
    public void The_owner_can_cancel_once_the_window_is_open()
    {
        var order = RentalWithWindow(TimeSpan.FromMinutes(5));
        _s.Now += TimeSpan.FromMinutes(5);
        _s.Cancel(order).Status.ShouldBe(CancelStatus.Cancelled);
    }

    [Fact]
    public void Cancel_refunds_the_unfilled_share_less_the_fee_rounded_down_to_the_sun()
    {
        var order = _s.Place(OrderKind.Rental); // 10 units for 20 TRX, fee 10%
        _s.FillQuantity(order, 3).Status.ShouldBe(FillStatus.Applied);
        _s.Tx.GetBalance(StateSetup.Executor, "TRX").Available.ShouldBe(6m);

        _s.Cancel(order).Status.ShouldBe(CancelStatus.Cancelled);
        order.AmountRefunded.ShouldBe(12.6m); // 14 × 0.9
        order.Fee.ShouldBe(1.4m);
        order.AmountLocked.ShouldBe(0m);
        _s.Tx.GetBalance(StateSetup.Owner, "TRX").ShouldBe(new Balance(StateSetup.Owner, "TRX", 992.6m, 0m));
        _s.Tx.GetBalance(SystemAccounts.Platform, "TRX").Available.ShouldBe(1.4m);
    }

    [Fact]
    public void Expiry_refunds_the_rest_in_full_without_a_fee()
    {
        var order = _s.Place(OrderKind.Rental);
        _s.FillQuantity(order, 5);
        _s.Expire(order).Status.ShouldBe(ExpireStatus.Expired);
        order.State.ShouldBe(OrderState.Expired);
        order.AmountRefunded.ShouldBe(10m);
        order.Fee.ShouldBe(0m);
        _s.Tx.Events[^1].Actor.ShouldBe(Actor.System);
    }

    [Fact]
    public void Ledger_legs_always_sum_to_zero_per_asset()
    {
        var order = _s.Place(OrderKind.Rental);
        _s.FillQuantity(order, 3);
        _s.Cancel(order);
        var limit = _s.Place(OrderKind.Limit);
        _s.FillQuantity(limit, 2);
        _s.Cancel(limit);
        foreach (var asset in _s.Tx.Ledger.GroupBy(e => e.Asset))
        {
            asset.Sum(e => e.Amount).ShouldBe(0m, asset.Key);
        }

        foreach (var movement in _s.Tx.Ledger.GroupBy(e => e.MovementId))
        {
            movement.Count().ShouldBe(2);
            movement.Sum(e => e.Amount).ShouldBe(0m);
        }
    }

    [Fact]
    public void A_limit_buy_locks_price_times_quantity_and_a_cancel_releases_the_rest()
    {
        var order = _s.Place(OrderKind.Limit); // buy 10 at 2 USDC
        _s.Tx.GetBalance(StateSetup.Owner, "USDC").ShouldBe(new Balance(StateSetup.Owner, "USDC", 99980m, 20m));
        _s.FillQuantity(order, 4).Status.ShouldBe(FillStatus.Applied); // a sell of 4 trades at the resting buy's price, 2
        _s.Tx.GetBalance(StateSetup.Executor, "USDC").Available.ShouldBe(8m);
        _s.Tx.GetBalance(StateSetup.Owner, "USDC").ShouldBe(new Balance(StateSetup.Owner, "USDC", 99980m, 12m));
        _s.Tx.GetBalance(StateSetup.Owner, "BTC").Available.ShouldBe(4m);
        order.AveragePrice.ShouldBe(2m);

        _s.Cancel(order).Status.ShouldBe(CancelStatus.Cancelled);
        _s.Tx.GetBalance(StateSetup.Owner, "USDC").ShouldBe(new Balance(StateSetup.Owner, "USDC", 99992m, 0m));
        order.AmountRefunded.ShouldBe(0m, "a release is not a refund");
    }

    [Theory]
    [InlineData(SystemAccounts.Platform)]
    [InlineData(SystemAccounts.External)]
    public void A_system_account_places_no_orders(long account)
    {
        // Issue 9, defect 4: the external account may go below zero, so an order of its own would be paid with nothing.
        var result = _s.Write.Place(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = "test",
            Kind = OrderKind.Rental,
            Quantity = 10,
            Price = 2,
            Payment = 20,
            Asset = "TRX",
        });
        result.Status.ShouldBe(PlaceStatus.Invalid);
        result.Field.ShouldBe("account");
        _s.Tx.Orders.ShouldBeEmpty();
    }

    [Fact]
    public void A_limit_order_takes_fills_only_from_trades()
    {
        var order = _s.Place(OrderKind.Limit);
        _s.Write.Fill(new FillOrder { Actor = Actor.Executor(StateSetup.Executor), Order = OrderRef.Of(order.Id), Quantity = 1 })
            .Status.ShouldBe(FillStatus.NotAllowed);
        _s.Write.Fill(new FillOrder { Actor = Actor.Operator(), Order = OrderRef.Of(order.Id), Quantity = 1 })
            .Status.ShouldBe(FillStatus.NotFillable, "not even an operator reports a trade");
    }

    [Fact]
    public void A_repeated_external_id_is_applied_once()
    {
        var order = _s.Place(OrderKind.Rental);
        var first = new FillOrder { Actor = Actor.Executor(StateSetup.Executor), Order = OrderRef.Of(order.Id), Quantity = 2, ExternalId = "tx-9" };
        _s.Write.Fill(first).Status.ShouldBe(FillStatus.Applied);
        _s.Write.Fill(first).Status.ShouldBe(FillStatus.Duplicate);
        order.FilledQuantity.ShouldBe(2m);
    }

    [Fact]
    public void A_fill_larger_than_the_remainder_changes_nothing()
    {
        var order = _s.Place(OrderKind.Rental);
        _s.FillQuantity(order, 7);
        _s.FillQuantity(order, 4).Status.ShouldBe(FillStatus.ExceedsRemaining);
        order.FilledQuantity.ShouldBe(7m);
    }

    [Fact]
    public void A_full_delivery_starts_the_lease_and_its_end_completes_the_order()
    {
        var order = _s.Place(OrderKind.Rental);
        _s.Now += TimeSpan.FromMinutes(3);
        _s.FillQuantity(order, 10);
        order.ExpiresAt.ShouldBe(StateSetup.Start + TimeSpan.FromMinutes(3) + TimeSpan.FromHours(1));
        _s.Write.Expire(order.Id).Status.ShouldBe(ExpireStatus.NotDue);
        _s.Now = order.ExpiresAt!.Value;
        _s.Write.Expire(order.Id).Status.ShouldBe(ExpireStatus.Expired);
        order.State.ShouldBe(OrderState.Completed);
    }

    [Fact]
    public void Placing_without_funds_writes_nothing()
    {
        var command = new PlaceOrder
        {
            Actor = Actor.Owner(StateSetup.Owner),
            AccountId = StateSetup.Owner,
            Dialect = "test",
            Kind = OrderKind.Rental,
            Quantity = 1,
            Price = 5000,
            Payment = 5000,
            Asset = "TRX",
        };
        _s.Write.Place(command).Status.ShouldBe(PlaceStatus.InsufficientBalance);
        _s.Tx.Orders.ShouldBeEmpty();
        _s.Tx.Ledger.ShouldBeEmpty();
    }

    [Fact]
    public void Rentals_are_whole_units_of_energy()
    {
        var command = new PlaceOrder
        {
            Actor = Actor.Owner(StateSetup.Owner),
            AccountId = StateSetup.Owner,
            Dialect = "test",
            Kind = OrderKind.Rental,
            Quantity = 10.5m,
            Price = 1,
            Payment = 10.5m,
            Asset = "TRX",
        };
        var result = _s.Write.Place(command);
        result.Status.ShouldBe(PlaceStatus.Invalid);
        result.Field.ShouldBe("quantity");
    }

    [Fact]
    public void A_client_order_id_is_used_once_per_account()
    {
        var command = new PlaceOrder
        {
            Actor = Actor.Owner(StateSetup.Owner),
            AccountId = StateSetup.Owner,
            Dialect = "test",
            Kind = OrderKind.Purchase,
            Quantity = 1,
            ClientOrderId = "c-1",
        };
        var first = _s.Write.Place(command);
        var second = _s.Write.Place(command);
        second.Status.ShouldBe(PlaceStatus.DuplicateClientOrderId);
        second.Order!.Id.ShouldBe(first.Order!.Id);
    }

    [Theory]
    [InlineData("0.001", "price")]
    [InlineData("0.00001", "quantity")]
    public void Limit_orders_keep_the_market_precision(string quantityOrPrice, string field)
    {
        var value = decimal.Parse(quantityOrPrice, System.Globalization.CultureInfo.InvariantCulture);
        var command = new PlaceOrder
        {
            Actor = Actor.Owner(StateSetup.Owner),
            AccountId = StateSetup.Owner,
            Dialect = "test",
            Kind = OrderKind.Limit,
            Market = "btcusdc",
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Price = field == "price" ? value : 1,
            Quantity = field == "quantity" ? value : 1,
        };
        var result = _s.Write.Place(command);
        result.Status.ShouldBe(PlaceStatus.Invalid);
        result.Field.ShouldBe(field);
    }

    private Order RentalWithWindow(TimeSpan window) => _s.Write.Place(new PlaceOrder
    {
        Actor = Actor.Owner(StateSetup.Owner),
        AccountId = StateSetup.Owner,
        Dialect = "test",
        Kind = OrderKind.Rental,
        Quantity = 10,
        Price = 1,
        Payment = 10,
        Asset = "TRX",
        Terms = new CancelTerms(window, 0),
    }).Order!;
}
