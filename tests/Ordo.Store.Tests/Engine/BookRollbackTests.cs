using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;

namespace Ordo.Store.Tests.Engine;

/// <summary>A write rolled back on one market rebuilds that market's book alone, from what the store kept.</summary>
public abstract class BookRollbackTests(StoreEngine engine) : IDisposable
{
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_rolled_back_work_on_one_market_leaves_the_other_markets_book_in_place_and_rebuilds_its_own()
    {
        var a = (await _f.Admin.SaveMarketAsync(new Market("aaausdc", "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market;
        var b = (await _f.Admin.SaveMarketAsync(new Market("bbbusdc", "BBB", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market;
        var buyer = await _f.AccountWithAsync("USDC", 10_000m);
        var restingA = await _f.LimitBuyAsync(buyer, a.Name, 100m);
        var restingB = await _f.LimitBuyAsync(buyer, b.Name, 200m);
        var bookB = _f.Engine.Books.Built(b.Name).ShouldNotBeNull();

        // A work changes market A's book, then fails: the store keeps nothing of it.
        var failed = _f.Store.WriteAsync<int>(tx =>
        {
            _f.Engine.Books.For(a, tx).Rest(999_999, buyer, OrderSide.Buy, 15_000, 1);
            throw new InvalidOperationException("the work failed after touching the book");
        });
        await Should.ThrowAsync<InvalidOperationException>(failed);

        _f.Engine.Books.Built(b.Name).ShouldBeSameAs(bookB, "market B was not touched: its book stays");
        var depthA = (await _f.Engine.DepthAsync(a.Name)).ShouldNotBeNull();
        depthA.Bids.Single().Price.ShouldBe(100m);
        var bookA = await _f.Store.WriteAsync(tx => _f.Engine.Books.For(a, tx));
        bookA.Contains(999_999).ShouldBeFalse("A's book was rebuilt from the store");
        bookA.Contains(restingA.Id).ShouldBeTrue();
        bookA.BestBid.ShouldBe(10_000);
        bookB.Contains(restingB.Id).ShouldBeTrue();
    }

    public sealed class OnSqlite() : BookRollbackTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : BookRollbackTests(new StoreEngine.Postgres());
}
