using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;

namespace Ordo.Store.Tests.Engine;

/// <summary>
/// Depth is read off the writer (DepthReads): from the committed resting orders, never queued behind
/// writes, and rebuilt only when the market's book version moves. Waits only turn a hang into a failure.
/// </summary>
public abstract class DepthReadTests(StoreEngine engine) : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(30);

    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_depth_read_is_answered_while_the_writer_is_held_and_shows_only_committed_orders()
    {
        var market = (await _f.Admin.SaveMarketAsync(new Market("dddusdc", "DDD", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market;
        var buyer = await _f.AccountWithAsync("USDC", 10_000m);
        await _f.LimitBuyAsync(buyer, market.Name, 100m);

        using var hold = new SemaphoreSlim(0);
        using var holding = new SemaphoreSlim(0);
        var held = _f.Store.WriteAsync(tx =>
        {
            _f.Engine.Books.For(market, tx).Rest(999_999, buyer, OrderSide.Buy, 20_000, 1);
            holding.Release();
            hold.Wait(Answered);
            return 0;
        });
        (await holding.WaitAsync(Answered)).ShouldBeTrue("the held write started");

        try
        {
            // Through the writer this read would wait for the held write; off it, it is answered now.
            var depth = (await _f.Engine.DepthAsync(market.Name).WaitAsync(Answered)).ShouldNotBeNull();
            depth.Bids.Single().Price.ShouldBe(100m, "the held write's uncommitted order is not shown");
        }
        finally
        {
            hold.Release();
            await held;
        }
    }

    [Fact]
    public async Task A_depth_is_kept_while_the_market_is_quiet_and_follows_each_committed_change()
    {
        var market = (await _f.Admin.SaveMarketAsync(new Market("eeeusdc", "EEE", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market;
        var buyer = await _f.AccountWithAsync("USDC", 10_000m);
        var first = await _f.LimitBuyAsync(buyer, market.Name, 100m);

        var depth = (await _f.Engine.DepthAsync(market.Name)).ShouldNotBeNull();
        depth.Bids.Single().Volume.ShouldBe(1m);
        (await _f.Engine.DepthAsync(market.Name)).ShouldBeSameAs(depth, "nothing changed on the market: the depth is kept");

        await _f.LimitBuyAsync(buyer, market.Name, 101m);
        (await _f.Engine.DepthAsync(market.Name))!.Bids.Select(level => level.Price).ShouldBe([101m, 100m]);

        (await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(first.Id), buyer, null))).Status.ShouldBe(CancelStatus.Cancelled);
        (await _f.Engine.DepthAsync(market.Name))!.Bids.Single().Price.ShouldBe(101m);

        (await _f.Engine.DepthAsync("nosuchmarket")).ShouldBeNull();
    }

    public sealed class OnSqlite() : DepthReadTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : DepthReadTests(new StoreEngine.Postgres());
}
