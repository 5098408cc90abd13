using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Engine;

/// <summary>Places an order of a kind and drives it into a wanted state through real commands.</summary>
internal sealed class StateSetup
{
    public const long Owner = 100;
    public const long Executor = 200;
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public InMemoryTransaction Tx { get; } = new();

    public DateTimeOffset Now { get; set; } = Start;

    public OrderWrite Write => new(Tx, Now);

    public StateSetup()
    {
        Tx.SaveBalance(new Balance(Owner, "TRX", 1000, 0));
        Tx.SaveBalance(new Balance(Owner, "USDC", 100000, 0));
        Tx.SaveBalance(new Balance(SystemAccounts.External, "TRX", -1000, 0));
        Tx.SaveBalance(new Balance(SystemAccounts.External, "USDC", -100000, 0));
        Tx.SaveBalance(new Balance(Executor, "BTC", 1000, 0));
        Tx.SaveBalance(new Balance(SystemAccounts.External, "BTC", -1000, 0));
        Tx.SaveMarket(new Markets.Market("btcusdc", "BTC", "USDC", 2, 4, 0.0001m, 0, 0));
    }

    /// <param name="paidFromOutside">A rental paid on chain: it starts unpaid (Pending) and refunds by payouts to this address.</param>
    public Order Place(OrderKind kind, string? paidFromOutside = null)
    {
        var command = new PlaceOrder
        {
            Actor = Actor.Owner(Owner),
            AccountId = Owner,
            Dialect = "test",
            Kind = kind,
            Quantity = 10,
            Price = kind is OrderKind.Limit or OrderKind.Rental ? 2 : null,
            Side = kind is OrderKind.Limit or OrderKind.P2p ? OrderSide.Buy : null,
            Type = kind == OrderKind.Limit ? OrderType.Limit : null,
            Market = kind == OrderKind.Limit ? "btcusdc" : null,
            Payment = kind == OrderKind.Rental ? 20 : null,
            Asset = kind == OrderKind.Rental ? "TRX" : null,
            Duration = kind == OrderKind.Rental ? TimeSpan.FromHours(1) : null,
            Validity = kind == OrderKind.Limit ? null : TimeSpan.FromHours(1),
            Terms = kind == OrderKind.Rental ? new CancelTerms(TimeSpan.Zero, 0.1m) : CancelTerms.None,
            Executor = kind == OrderKind.P2p ? Executor : null,
            PaidFromOutside = paidFromOutside is null ? null : new OutsidePayment(paidFromOutside),
        };
        var result = Write.Place(command);
        result.Status.ShouldBe(PlaceStatus.Placed);
        return result.Order!;
    }

    /// <summary>An order of the kind in the state, reached the way production reaches it.</summary>
    public Order InState(OrderKind kind, OrderState state)
    {
        // The one way a rental is Pending: placed to be paid from outside.
        var order = Place(kind, kind == OrderKind.Rental && state == OrderState.Pending ? "TBuyer" : null);
        if (state is OrderState.Submitted or OrderState.Rejected)
        {
            // Declared in the tables but not produced by placing today (providers are assigned at
            // once; nothing rejects yet): set directly, so the rows out of them are still checked.
            order.State = state;
            return order;
        }

        foreach (var step in PathTo(kind, state))
        {
            step(this, order);
        }

        order.State.ShouldBe(state, $"setup of {kind} in {state}");
        return order;
    }

    /// <summary>A delivery for a rental; for an open limit order, a crossing sell from the executor (limit orders fill only by trades).</summary>
    public FillResult FillQuantity(Order order, decimal quantity)
    {
        if (order.Kind != OrderKind.Limit || order.State != OrderState.Open || quantity > order.RemainingQuantity)
        {
            // Limit orders take reported fills from no one; an operator's fill shows what their table says.
            var actor = order.Kind == OrderKind.Limit ? Actor.Operator() : Actor.Executor(Executor);
            return Write.Fill(new FillOrder { Actor = actor, Order = OrderRef.Of(order.Id), Quantity = quantity });
        }

        var sell = Write.Place(new PlaceOrder
        {
            Actor = Actor.Owner(Executor),
            AccountId = Executor,
            Dialect = "test",
            Kind = OrderKind.Limit,
            Market = order.Market,
            Side = OrderSide.Sell,
            Type = OrderType.Limit,
            Price = order.Price,
            Quantity = quantity,
        });
        sell.Status.ShouldBe(PlaceStatus.Placed);
        sell.Order!.State.ShouldBe(OrderState.Filled, "the sell crossed the order");
        return new FillResult(FillStatus.Applied, Tx.Orders[order.Id]);
    }

    /// <summary>A stage from the party allowed to report it: a p2p order's provider, a purchase's own store.</summary>
    public FillResult FillStage(Order order, OrderState stage) =>
        Write.Fill(new FillOrder { Actor = Actor.Executor(order.Kind == OrderKind.P2p ? Executor : Owner), Order = OrderRef.Of(order.Id), Stage = stage });

    public CancelResult Cancel(Order order) => Write.Cancel(new CancelOrder(Actor.Owner(Owner), OrderRef.Of(order.Id), Owner));

    public ExpireResult Expire(Order order)
    {
        Now += TimeSpan.FromDays(2);
        return Write.Expire(order.Id);
    }

    private static IEnumerable<Action<StateSetup, Order>> PathTo(OrderKind kind, OrderState state)
    {
        var quantity = kind is OrderKind.Limit or OrderKind.Rental;
        switch (state)
        {
            case OrderState.Open or OrderState.Acknowledged or OrderState.Pending:
                yield break;
            case OrderState.Cancelled:
                yield return (s, o) => s.Cancel(o).Status.ShouldBe(CancelStatus.Cancelled);
                yield break;
            case OrderState.Expired:
                yield return (s, o) => s.Expire(o).Status.ShouldBe(ExpireStatus.Expired);
                yield break;
            case OrderState.Filled when quantity:
                yield return (s, o) => s.FillQuantity(o, 10).Status.ShouldBe(FillStatus.Applied);
                yield break;
            case OrderState.Completed when kind == OrderKind.Rental:
                yield return (s, o) => s.FillQuantity(o, 10).Status.ShouldBe(FillStatus.Applied);
                yield return (s, o) => s.Expire(o).Status.ShouldBe(ExpireStatus.Expired);
                yield break;
        }

        // Stage kinds: walk the stages in order until the wanted one.
        var walk = kind == OrderKind.P2p
            ? new[] { OrderState.FundedProvider, OrderState.FundReceivedFromUser, OrderState.FundedUser, OrderState.Completed }
            : state switch
            {
                OrderState.Refunded => [OrderState.Paid, OrderState.Refunded],
                OrderState.PartiallyRefunded => [OrderState.Paid, OrderState.PartiallyRefunded],
                _ => new[] { state },
            };
        foreach (var stage in walk)
        {
            yield return (s, o) => s.FillStage(o, stage).Status.ShouldBe(FillStatus.Applied);
            if (stage == state)
            {
                yield break;
            }
        }
    }
}
