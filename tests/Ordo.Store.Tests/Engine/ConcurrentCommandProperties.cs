using System.Collections.Concurrent;

using FsCheck;
using FsCheck.Fluent;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Store.Tests.Engine;

/// <summary>
/// Random interleavings of place, fill, cancel and expire on rental orders, from concurrent tasks,
/// on a real store of each engine. Afterwards every order and the ledger must add up, whatever the order
/// the commands happened to commit in.
/// </summary>
public abstract class ConcurrentCommandProperties(Func<StoreEngine> engine)
{
    private const int Accounts = 3;
    private const decimal Deposit = 1_000m;

    public enum Step
    {
        Place,
        Fill,
        Cancel,
        Expire,
    }

    public sealed record Op(Step Step, int Target, int Quantity, int Account);

    private static readonly Gen<Op> OpGen =
        from step in Gen.Frequency((3, Gen.Constant(Step.Place)), (4, Gen.Constant(Step.Fill)), (3, Gen.Constant(Step.Cancel)), (1, Gen.Constant(Step.Expire)))
        from target in Gen.Choose(0, 30)
        from quantity in Gen.Choose(1, 7)
        from account in Gen.Choose(0, Accounts - 1)
        select new Op(step, target, quantity, account);

    [Fact]
    public void Orders_and_ledger_add_up_after_any_interleaving()
    {
        var flows = Gen.ListOf(OpGen).Where(ops => ops.Count is > 5 and < 80).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(flows, ops => Run(engine(), ops.ToList()).GetAwaiter().GetResult()));
    }

    private static async Task<bool> Run(StoreEngine engine, List<Op> ops)
    {
        using var f = new EngineFixture(engine);
        var accounts = new List<long>();
        for (var i = 0; i < Accounts; i++)
        {
            accounts.Add(await f.AccountWithAsync("TRX", Deposit));
        }

        var executor = await f.AccountWithAsync("TRX", 1m);
        var placed = new ConcurrentQueue<long>();
        long PickOrder(int target) => placed.IsEmpty ? 0 : placed.ElementAt(target % placed.Count);

        async Task Apply(Op op)
        {
            switch (op.Step)
            {
                case Step.Place:
                    var account = accounts[op.Account];
                    var price = 0.37m * op.Quantity;
                    var result = await f.Engine.PlaceAsync(new PlaceOrder
                    {
                        Actor = Actor.Owner(account),
                        AccountId = account,
                        Dialect = "test",
                        Kind = OrderKind.Rental,
                        Quantity = 10,
                        Price = price,
                        Payment = 10 * price,
                        Asset = "TRX",
                        Duration = TimeSpan.FromHours(1),
                        Validity = TimeSpan.FromHours(3),
                        Terms = new CancelTerms(TimeSpan.Zero, 0.1m),
                    });
                    if (result.Order is { } order)
                    {
                        placed.Enqueue(order.Id);
                    }

                    break;
                case Step.Fill:
                    await f.Engine.FillAsync(new FillOrder
                    {
                        Actor = Actor.Executor(executor),
                        Order = OrderRef.Of(PickOrder(op.Target)),
                        Quantity = op.Quantity,
                        ExternalId = $"d-{op.Target}-{op.Quantity}",
                    });
                    break;
                case Step.Cancel:
                    var id = PickOrder(op.Target);
                    var owner = (await f.Store.GetOrderAsync(OrderRef.Of(id), null))?.AccountId;
                    await f.Engine.CancelAsync(new CancelOrder(Actor.Owner(owner ?? 0), OrderRef.Of(id), owner ?? 0));
                    break;
                case Step.Expire:
                    f.Clock.Advance(TimeSpan.FromHours(2));
                    await f.Engine.ExpireAsync(PickOrder(op.Target));
                    break;
            }
        }

        // Four workers take the ops in turn and run at the same time.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; i < ops.Count; i += 4)
            {
                await Apply(ops[i]);
            }
        })));

        await CheckInvariants(f, accounts.Append(executor).ToList());
        return true;
    }

    private static async Task CheckInvariants(EngineFixture f, List<long> accounts)
    {
        var orders = await f.Store.ListOrdersAsync(new Core.Store.OrderQuery { Limit = 1000 });
        var ledger = await f.Store.GetLedgerAsync();
        foreach (var order in orders)
        {
            var events = await f.Store.GetEventsAsync(order.Id);
            var fills = events.Where(e => e.Type is EventTypes.Filled or EventTypes.PartiallyFilled).Sum(e => decimal.Parse(e.Data["quantity"], System.Globalization.CultureInfo.InvariantCulture));
            fills.ShouldBe(order.FilledQuantity, $"order {order.Id}: fills");
            order.FilledQuantity.ShouldBeLessThanOrEqualTo(order.Quantity);
            var closes = events.Where(e => e.Type is EventTypes.Cancelled or EventTypes.Expired).ToList();
            switch (order.State)
            {
                case OrderState.Filled or OrderState.Completed:
                    order.FilledQuantity.ShouldBe(order.Quantity);
                    order.AmountLocked.ShouldBe(0m);
                    closes.ShouldBeEmpty();
                    break;
                case OrderState.Open:
                    order.FilledQuantity.ShouldBeLessThan(order.Quantity);
                    closes.ShouldBeEmpty();
                    break;
                case OrderState.Cancelled or OrderState.Expired:
                    order.FilledQuantity.ShouldBeLessThan(order.Quantity);
                    order.AmountLocked.ShouldBe(0m);
                    closes.Count.ShouldBe(1, $"order {order.Id} closed once");
                    (decimal.Parse(closes[0].Data["cancelled_quantity"], System.Globalization.CultureInfo.InvariantCulture) + order.FilledQuantity).ShouldBe(order.Quantity);
                    break;
                default:
                    throw new ShouldAssertException($"order {order.Id} in {order.State}");
            }

            var refunds = ledger.Where(e => e.OrderId == order.Id && e.Reason == MovementReasons.Refund && e.Amount > 0).ToList();
            refunds.Count.ShouldBeLessThanOrEqualTo(1, $"order {order.Id} refunded once");
            refunds.Sum(e => e.Amount).ShouldBe(order.AmountRefunded);
            var settled = ledger.Where(e => e.OrderId == order.Id && e.Reason == MovementReasons.Settle && e.Amount > 0).Sum(e => e.Amount);
            (settled + order.AmountRefunded + order.Fee + order.AmountLocked).ShouldBe(order.AmountPaid, $"order {order.Id}: every paid sun accounted for");
        }

        foreach (var asset in ledger.GroupBy(e => e.Asset))
        {
            asset.Sum(e => e.Amount).ShouldBe(0m, "double entry");
        }

        var total = 0m;
        foreach (var account in accounts.Append(SystemAccounts.Platform))
        {
            var balance = (await f.Store.GetBalancesAsync(account)).SingleOrDefault(b => b.Asset == "TRX") ?? new Balance(account, "TRX", 0, 0);
            var legs = ledger.Where(e => e.AccountId == account).ToList();
            balance.Available.ShouldBe(legs.Where(e => e.Bucket == Bucket.Available).Sum(e => e.Amount));
            balance.Locked.ShouldBe(legs.Where(e => e.Bucket == Bucket.Locked).Sum(e => e.Amount));
            balance.Locked.ShouldBe(orders.Where(o => o.AccountId == account).Sum(o => o.AmountLocked), $"account {account}: locked = held by its orders");
            total += balance.Available + balance.Locked;
        }

        total.ShouldBe(Deposit * Accounts + 1m, "nothing created or lost apart from deposits");
    }

    public sealed class OnSqlite() : ConcurrentCommandProperties(() => new StoreEngine.Sqlite());

    public sealed class OnPostgres() : ConcurrentCommandProperties(() => new StoreEngine.Postgres());
}
