using FsCheck;
using FsCheck.Fluent;

using Ordo.Core.Engine;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Matching;

/// <summary>
/// Random order flows through the engine and the book (limit and market orders from four accounts,
/// cancels of random orders). Afterwards: the book is not crossed and holds exactly the open
/// orders' remainders; every order's executed + remaining = origin and its trades add up to what
/// it executed; per asset, all balances together (fees included) equal the deposits; and every
/// account's locked funds equal what its open orders hold.
/// </summary>
public sealed class OrderFlowProperties
{
    private const int Accounts = 4;
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private enum Step
    {
        Limit,
        Market,
        Cancel,
    }

    private sealed record Op(Step Step, int Account, bool Buy, int PriceCents, int VolumeLots, int Target);

    private static readonly Gen<Op> OpGen =
        from step in Gen.Frequency((6, Gen.Constant(Step.Limit)), (1, Gen.Constant(Step.Market)), (2, Gen.Constant(Step.Cancel)))
        from account in Gen.Choose(0, Accounts - 1)
        from buy in Gen.Elements(true, false)
        from price in Gen.Choose(9_500, 10_500)
        from volume in Gen.Choose(1, 30_000)
        from target in Gen.Choose(0, 200)
        select new Op(step, account, buy, price, volume, target);

    [Fact]
    public void Random_flows_keep_the_book_uncrossed_and_every_unit_accounted_for()
    {
        var flows = Gen.ListOf(OpGen).Where(ops => ops.Count is > 10 and < 300).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(flows, ops => Run(ops.ToList())));
    }

    private static void Run(List<Op> ops)
    {
        var tx = new InMemoryTransaction();
        var books = new OrderBooks();
        tx.SaveMarket(new Market("btcusdc", "BTC", "USDC", 2, 4, 0.0001m, 0.0004m, 0.0007m));
        var ledger = new Ledger.Ledger(tx, Now);
        for (var a = 0; a < Accounts; a++)
        {
            ledger.Move(Pocket.Available(SystemAccounts.External), Pocket.Available(100 + a), "USDC", 10_000_000m, null, MovementReasons.Deposit);
            ledger.Move(Pocket.Available(SystemAccounts.External), Pocket.Available(100 + a), "BTC", 1_000m, null, MovementReasons.Deposit);
        }

        foreach (var op in ops)
        {
            var write = new OrderWrite(tx, Now, books);
            var account = 100 + op.Account;
            if (op.Step == Step.Cancel)
            {
                if (tx.Orders.Count > 0)
                {
                    var id = tx.Orders.Keys.ElementAt(op.Target % tx.Orders.Count);
                    write.Cancel(new CancelOrder(Actor.Owner(account), OrderRef.Of(id), null));
                }

                continue;
            }

            write.Place(new PlaceOrder
            {
                Actor = Actor.Owner(account),
                AccountId = account,
                Dialect = "test",
                Kind = OrderKind.Limit,
                Market = "btcusdc",
                Side = op.Buy ? OrderSide.Buy : OrderSide.Sell,
                Type = op.Step == Step.Market ? OrderType.Market : OrderType.Limit,
                Price = op.Step == Step.Market ? null : op.PriceCents / 100m,
                Quantity = op.VolumeLots / 10_000m,
            });
        }

        Verify(tx, books);
    }

    private static void Verify(InMemoryTransaction tx, OrderBooks books)
    {
        var book = books.Built("btcusdc") ?? new OrderBook("btcusdc");
        if (book.BestBid is { } bid && book.BestAsk is { } ask)
        {
            bid.ShouldBeLessThan(ask, "the book is crossed");
        }

        var resting = book.Bids.Concat(book.Asks).SelectMany(level => level.Orders()).ToDictionary(o => o.Id, o => o.Remaining);
        foreach (var order in tx.Orders.Values)
        {
            (order.FilledQuantity + order.RemainingQuantity).ShouldBe(order.Quantity);
            order.FilledQuantity.ShouldBeInRange(0m, order.Quantity);
            tx.Trades.Where(t => t.MakerOrderId == order.Id || t.TakerOrderId == order.Id).Sum(t => t.Volume).ShouldBe(order.FilledQuantity, $"order {order.Id}");
            if (order.State == OrderState.Open)
            {
                order.Type.ShouldBe(OrderType.Limit, "only limit orders rest");
                resting.GetValueOrDefault(order.Id).ShouldBe((long)(order.RemainingQuantity * 10_000m), $"order {order.Id} rests with its remainder");
            }
            else
            {
                resting.ShouldNotContainKey(order.Id);
                order.AmountLocked.ShouldBe(0m, $"order {order.Id} is closed and holds nothing");
            }
        }

        resting.Count.ShouldBe(tx.Orders.Values.Count(o => o.State == OrderState.Open));
        foreach (var asset in new[] { "USDC", "BTC" })
        {
            tx.Balances.Values.Where(b => b.Asset == asset).Sum(b => b.Available + b.Locked).ShouldBe(0m, $"{asset} is conserved, fees included");
            tx.Balances.Values.Where(b => b.Asset == asset).ShouldAllBe(b => b.AccountId == SystemAccounts.External || (b.Available >= 0 && b.Locked >= 0));
            for (var a = 0; a < Accounts; a++)
            {
                tx.GetBalance(100 + a, asset).Locked.ShouldBe(tx.Orders.Values.Where(o => o.AccountId == 100 + a && o.Asset == asset).Sum(o => o.AmountLocked));
            }
        }

        tx.Ledger.GroupBy(e => e.MovementId).ShouldAllBe(movement => movement.Sum(e => e.Amount) == 0m);
    }
}
