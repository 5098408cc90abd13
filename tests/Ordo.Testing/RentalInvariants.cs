using System.Globalization;

using Ordo.Core.Ledger;
using Ordo.Core.Orders;
using Ordo.Core.Store;

using Shouldly;

namespace Ordo.Testing;

/// <summary>
/// What must hold of rental orders in TRX and the ledger after any interleaving of place, fill, cancel
/// and expire, on one node or several: every order in one consistent state, closed at most once and
/// refunded at most once, every paid sun accounted for, double entry per asset, balances equal to
/// their ledger legs, locks equal to what the orders hold, and nothing created or lost.
/// </summary>
public static class RentalInvariants
{
    /// <param name="accounts">Every account that holds TRX (the platform is added).</param>
    /// <param name="deposited">All TRX deposited: what the accounts hold together.</param>
    public static async Task CheckAsync(IOrderStore store, IReadOnlyList<long> accounts, decimal deposited)
    {
        var orders = await store.ListOrdersAsync(new OrderQuery { Limit = 100_000 });
        var ledger = await store.GetLedgerAsync();
        foreach (var order in orders)
        {
            var events = await store.GetEventsAsync(order.Id);
            var fills = events.Where(e => e.Type is EventTypes.Filled or EventTypes.PartiallyFilled).Sum(e => decimal.Parse(e.Data["quantity"], CultureInfo.InvariantCulture));
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
                    (decimal.Parse(closes[0].Data["cancelled_quantity"], CultureInfo.InvariantCulture) + order.FilledQuantity).ShouldBe(order.Quantity);
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
            var balance = (await store.GetBalancesAsync(account)).SingleOrDefault(b => b.Asset == "TRX") ?? new Balance(account, "TRX", 0, 0);
            var legs = ledger.Where(e => e.AccountId == account).ToList();
            balance.Available.ShouldBe(legs.Where(e => e.Bucket == Bucket.Available).Sum(e => e.Amount));
            balance.Locked.ShouldBe(legs.Where(e => e.Bucket == Bucket.Locked).Sum(e => e.Amount));
            balance.Locked.ShouldBe(orders.Where(o => o.AccountId == account).Sum(o => o.AmountLocked), $"account {account}: locked = held by its orders");
            total += balance.Available + balance.Locked;
        }

        total.ShouldBe(deposited, "nothing created or lost apart from deposits");
    }

}
