using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Server.Auth;
using Ordo.Server.XendBridge;

namespace Ordo.Server.Demo;

/// <summary>
/// Demo store and p2p orders: a pending store order <c>DEMOORDER001</c> (19.99 USD) and a paid one,
/// and the XendBridge buy that the platform's cancel page cancels (<c>XB_0877e5692ee946f491bafab275d3d522</c>
/// for johndoe@gmail.com).
/// </summary>
public static class DemoStoreAndP2p
{
    public static async Task SeedAsync(IServiceProvider services, long account)
    {
        var engine = services.GetRequiredService<OrderEngine>();
        var options = services.GetRequiredService<ServerOptions>();
        await Purchase(engine, account, options, DemoData.FungiesOrderNumber, "19.99", paid: false);
        await Purchase(engine, account, options, "DEMOORDER002", "49", paid: true);

        var initiation = new XendInitiation(
            OrderSide.Buy, DemoData.XendCustomer, "+2348000000000", "johndoe", "NGN", "LOCAL", "USDT", "BSC", 50_000m, 31.25m, null, null);
        var p2p = await engine.PlaceAsync(initiation.ToCommand(account, options.XendBridge, (_, _) => DemoData.XendOrderReference));
        p2p.Status.ShouldBePlaced();
    }

    private static async Task Purchase(OrderEngine engine, long account, ServerOptions options, string number, string amount, bool paid)
    {
        var placed = await engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = DialectNames.Fungies,
            Kind = OrderKind.Purchase,
            Quantity = 1,
            Validity = options.Native.PurchaseValidity,
            Numbering = (_, _) => number,
            Attributes = new Dictionary<string, string>
            {
                ["amount"] = amount,
                ["currency"] = "USD",
                ["country"] = "US",
                ["customer_id"] = "demo-user-1",
                ["customer_name"] = "Demo Customer",
            },
        });
        placed.Status.ShouldBePlaced();
        if (paid)
        {
            await engine.AmendAsync(new AmendOrder { Actor = Actor.Owner(account), Order = OrderRef.Of(placed.Order!.Id), Stage = OrderState.Paid });
        }
    }

    private static void ShouldBePlaced(this PlaceStatus status)
    {
        if (status != PlaceStatus.Placed)
        {
            throw new InvalidOperationException($"demo order refused: {status}");
        }
    }
}
