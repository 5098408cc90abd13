using Ordo.Core.Engine;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Engine;

/// <summary>
/// Who may report a fill (issue 9, defect 2): an executor never fills its own rental, only the assigned
/// provider moves a p2p order, only the store itself moves its purchases, nobody reports a trade.
/// </summary>
public sealed class FillRulesTests
{
    private const long Stranger = 300;
    private readonly StateSetup _s = new();

    [Fact]
    public void The_owner_of_a_rental_cannot_fill_it_and_gets_its_escrow_back_only_by_a_cancel()
    {
        var order = _s.Place(OrderKind.Rental);
        var result = _s.Write.Fill(new FillOrder { Actor = Actor.Executor(StateSetup.Owner), Order = OrderRef.Of(order.Id), Quantity = 10 });

        result.Status.ShouldBe(FillStatus.NotAllowed);
        result.Order.ShouldBeNull();
        order.FilledQuantity.ShouldBe(0m);
        _s.Tx.GetBalance(StateSetup.Owner, "TRX").Locked.ShouldBe(20m, "the escrow stays where it was");
    }

    [Fact]
    public void Any_other_executor_fills_a_rental_but_an_owner_acting_as_owner_does_not()
    {
        var order = _s.Place(OrderKind.Rental);
        _s.Write.Fill(new FillOrder { Actor = Actor.Owner(Stranger), Order = OrderRef.Of(order.Id), Quantity = 1 }).Status.ShouldBe(FillStatus.NotAllowed);
        _s.Write.Fill(new FillOrder { Actor = Actor.Executor(Stranger), Order = OrderRef.Of(order.Id), Quantity = 1 }).Status.ShouldBe(FillStatus.Applied);
        _s.Write.Fill(new FillOrder { Actor = Actor.Operator(), Order = OrderRef.Of(order.Id), Quantity = 1 }).Status.ShouldBe(FillStatus.Applied);
    }

    [Fact]
    public void Only_the_assigned_provider_or_an_operator_moves_a_p2p_order()
    {
        var order = _s.Place(OrderKind.P2p);
        Stage(order, Stranger).Status.ShouldBe(FillStatus.NotAllowed);
        Stage(order, StateSetup.Owner).Status.ShouldBe(FillStatus.NotAllowed);
        order.State.ShouldBe(OrderState.Acknowledged);

        Stage(order, StateSetup.Executor).Status.ShouldBe(FillStatus.Applied);
        _s.Write.Fill(new FillOrder { Actor = Actor.Operator(), Order = OrderRef.Of(order.Id), Stage = OrderState.FundReceivedFromUser })
            .Status.ShouldBe(FillStatus.Applied);
    }

    [Fact]
    public void A_p2p_order_without_an_assigned_provider_is_moved_by_operators_only()
    {
        var result = _s.Write.Place(new PlaceOrder
        {
            Actor = Actor.Owner(StateSetup.Owner),
            AccountId = StateSetup.Owner,
            Dialect = "test",
            Kind = OrderKind.P2p,
            Side = OrderSide.Buy,
            Quantity = 5,
        });
        Stage(result.Order!, StateSetup.Executor).Status.ShouldBe(FillStatus.NotAllowed);
        _s.Write.Fill(new FillOrder { Actor = Actor.Operator(), Order = OrderRef.Of(result.Order!.Id), Stage = OrderState.FundedProvider })
            .Status.ShouldBe(FillStatus.Applied);
    }

    [Fact]
    public void A_purchase_takes_payment_stages_only_from_its_own_store()
    {
        var order = _s.Place(OrderKind.Purchase);
        _s.Write.Fill(new FillOrder { Actor = Actor.Executor(Stranger), Order = OrderRef.Of(order.Id), Stage = OrderState.Paid })
            .Status.ShouldBe(FillStatus.NotAllowed);
        order.State.ShouldBe(OrderState.Pending);
        _s.Write.Fill(new FillOrder { Actor = Actor.Executor(StateSetup.Owner), Order = OrderRef.Of(order.Id), Stage = OrderState.Paid })
            .Status.ShouldBe(FillStatus.Applied);
    }

    [Fact]
    public void A_refusal_shows_the_order_only_to_those_who_may_read_it()
    {
        var order = _s.Place(OrderKind.Rental);
        var stranger = _s.Write.Fill(new FillOrder { Actor = Actor.Executor(Stranger), Order = OrderRef.Of(order.Id), Quantity = 11 });
        stranger.Status.ShouldBe(FillStatus.ExceedsRemaining);
        stranger.Order.ShouldBeNull("the executor may fill it but not read it");
        stranger.Remaining.ShouldBe(10m);

        var p2p = _s.Place(OrderKind.P2p);
        var provider = Stage(p2p, StateSetup.Executor, OrderState.Completed);
        provider.Status.ShouldBe(FillStatus.NotFillable);
        provider.Order.ShouldBeSameAs(p2p, "the assigned provider reads its order");
        provider.State.ShouldBe(OrderState.Acknowledged);
    }

    [Fact]
    public void A_kind_filter_hides_orders_of_other_kinds()
    {
        var order = _s.Place(OrderKind.P2p);
        _s.Write.Fill(new FillOrder { Actor = Actor.Operator(), Order = OrderRef.Of(order.Id), Kind = OrderKind.Rental, Quantity = 1 })
            .Status.ShouldBe(FillStatus.NotFound);
    }

    private FillResult Stage(Order order, long account, OrderState stage = OrderState.FundedProvider) =>
        _s.Write.Fill(new FillOrder { Actor = Actor.Executor(account), Order = OrderRef.Of(order.Id), Stage = stage });
}
