using Ordo.Core.Engine;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Server.Auth;

namespace Ordo.Server.Demo;

/// <summary>
/// Demo exchange: btcusdc and ethusdc, a market-maker account with buys and sells around a mid
/// price, and the demo user's own resting buy (order 3: 0.0425 BTC at 68733.81, of which 0.009 is
/// already filled, as on tanX's cancel page), so a demo user can place, match and cancel at once.
/// </summary>
public static class DemoMarkets
{
    public static async Task SeedAsync(IServiceProvider services, long user)
    {
        var administration = services.GetRequiredService<Administration>();
        var engine = services.GetRequiredService<OrderEngine>();
        await administration.SaveMarketAsync(new Market("btcusdc", "BTC", "USDC", 2, 4, 0.0001m, 0.0004m, 0.0004m));
        await administration.SaveMarketAsync(new Market("ethusdc", "ETH", "USDC", 2, 4, 0.001m, 0.0004m, 0.0007m));
        var maker = (await administration.CreateAccountAsync("demo market maker", null)).Id;
        foreach (var (asset, amount) in new[] { ("BTC", 100m), ("ETH", 1_000m), ("USDC", 10_000_000m) })
        {
            await administration.DepositAsync(maker, asset, amount, $"demo-maker-{asset}");
        }

        var first = await Limit(engine, user, "btcusdc", OrderSide.Buy, 68733.81m, 0.0425m);
        if (first.Id != DemoData.TanxOrderId)
        {
            throw new InvalidOperationException($"the demo's tanX order got id {first.Id}, not {DemoData.TanxOrderId}");
        }

        await Limit(engine, maker, "btcusdc", OrderSide.Sell, 68733.81m, 0.009m);
        for (var step = 1; step <= 5; step++)
        {
            await Limit(engine, maker, "btcusdc", OrderSide.Buy, 68500m - (100m * step), 0.05m * step);
            await Limit(engine, maker, "btcusdc", OrderSide.Sell, 69000m + (100m * step), 0.05m * step);
            await Limit(engine, maker, "ethusdc", OrderSide.Buy, 3500m - (5m * step), 0.5m * step);
            await Limit(engine, maker, "ethusdc", OrderSide.Sell, 3520m + (5m * step), 0.5m * step);
        }
    }

    private static async Task<Order> Limit(OrderEngine engine, long account, string market, OrderSide side, decimal price, decimal volume)
    {
        var result = await engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = DialectNames.Tanx,
            Kind = OrderKind.Limit,
            Market = market,
            Side = side,
            Type = OrderType.Limit,
            Price = price,
            Quantity = volume,
        });
        return result.Order ?? throw new InvalidOperationException($"demo order refused: {result.Status} {result.Message}");
    }
}
