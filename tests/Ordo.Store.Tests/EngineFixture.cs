using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Tests;

/// <summary>The engine on a real store of one engine (SQLite file or PostgreSQL schema), with a moveable clock.</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly StoreEngine _engine;

    public EngineFixture(StoreEngine engine)
    {
        _engine = engine;
        Store = engine.Open();
        Engine = new OrderEngine(Store, Clock);
        Admin = new Administration(Store, Clock);
    }

    public ManualClock Clock { get; } = new();

    public IOrderStore Store { get; private set; }

    public IIdempotencyStore Idempotency => (IIdempotencyStore)Store;

    public OrderEngine Engine { get; private set; }

    public Administration Admin { get; private set; }

    public async Task<long> AccountWithAsync(string asset, decimal amount)
    {
        var account = await Admin.CreateAccountAsync("tenant-" + Guid.NewGuid().ToString("N")[..6], null);
        await Admin.DepositAsync(account.Id, asset, amount, "seed-" + account.Id);
        return account.Id;
    }

    public async Task<Order> RentalAsync(long account, decimal quantity = 32000, decimal price = 0.0001m, CancelTerms? terms = null, TimeSpan? validity = null)
    {
        var result = await Engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Rental,
            Quantity = quantity,
            Price = price,
            Payment = quantity * price,
            Asset = "TRX",
            Duration = TimeSpan.FromHours(1),
            Validity = validity,
            Terms = terms ?? CancelTerms.None,
        });
        result.Status.ShouldBe(PlaceStatus.Placed);
        return result.Order!;
    }

    /// <summary>A limit buy of one unit at the price, resting on the market's book (placed, not matched).</summary>
    public async Task<Order> LimitBuyAsync(long account, string market, decimal price)
    {
        var result = await Engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Limit,
            Market = market,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Price = price,
            Quantity = 1m,
        });
        result.Status.ShouldBe(PlaceStatus.Placed, result.Message);
        return result.Order!;
    }

    /// <summary>Closes and reopens the store on the same database, as a restart would (optionally with another queue bound).</summary>
    public void Reopen(TimeSpan? queueTimeout = null)
    {
        ((IDisposable)Store).Dispose();
        Store = _engine.Open(queueTimeout);
        Engine = new OrderEngine(Store, Clock);
        Admin = new Administration(Store, Clock);
    }

    public void Dispose()
    {
        ((IDisposable)Store).Dispose();
        _engine.Dispose();
    }
}
