using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Server.Tests;

/// <summary>Makes real payouts through the engine: a rental paid from outside, paid, then cancelled (10 paid, 9 owed back).</summary>
public static class Payouts
{
    public static async Task<Order> PaidAndCancelledAsync(IOrderStore store, TimeProvider clock, long account, string refundAddress)
    {
        var engine = new OrderEngine(store, clock);
        var placed = await engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Rental,
            Quantity = 1000,
            Price = 0.01m,
            Payment = 10m,
            Asset = "TRX",
            Duration = TimeSpan.FromHours(1),
            Validity = TimeSpan.FromMinutes(10),
            Terms = new CancelTerms(TimeSpan.Zero, 0.1m),
            PaidFromOutside = new OutsidePayment(refundAddress),
        });
        var order = placed.Order!;
        (await engine.PayAsync(new PayOrder(Actor.System, OrderRef.Of(order.Id), $"tx-{order.Id}", 10m, null))).Status.ShouldBe(PayStatus.Paid);
        (await engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(order.Id), account))).Status.ShouldBe(CancelStatus.Cancelled);
        return order;
    }
}
