using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;

namespace Ordo.Store.Tests.Engine;

public abstract class RentalTests(StoreEngine engine) : IDisposable
{
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Placing_pays_into_escrow_and_cancel_refunds_the_undelivered_share_less_the_fee()
    {
        var buyer = await _f.AccountWithAsync("TRX", 100m);
        var seller = await _f.AccountWithAsync("TRX", 0.000001m);
        var order = await _f.RentalAsync(buyer, quantity: 1000, price: 0.01m, terms: new CancelTerms(TimeSpan.Zero, 0.1m));
        (await Balance(buyer)).ShouldBe((90m, 10m));

        var fill = await _f.Engine.FillAsync(new FillOrder { Actor = Actor.Executor(seller), Order = OrderRef.Of(order.Id), Quantity = 250, ExternalId = "tx-1" });
        fill.Status.ShouldBe(FillStatus.Applied);
        fill.Order!.State.ShouldBe(OrderState.Open);
        (await Balance(seller)).Available.ShouldBe(2.500001m);

        var cancel = await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(order.Id), buyer));
        cancel.Status.ShouldBe(CancelStatus.Cancelled);
        cancel.Order!.AmountRefunded.ShouldBe(6.75m);
        cancel.Order.Fee.ShouldBe(0.75m);
        (await Balance(buyer)).ShouldBe((96.75m, 0m));
        (await Balance(SystemAccounts.Platform)).Available.ShouldBe(0.75m);

        var again = await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(order.Id), buyer));
        again.Status.ShouldBe(CancelStatus.AlreadyCancelled);
        (await Balance(buyer)).ShouldBe((96.75m, 0m));

        var late = await _f.Engine.FillAsync(new FillOrder { Actor = Actor.Executor(seller), Order = OrderRef.Of(order.Id), Quantity = 1 });
        late.Status.ShouldBe(FillStatus.NotFillable);
    }

    [Fact]
    public async Task Everything_survives_a_reopen()
    {
        var buyer = await _f.AccountWithAsync("TRX", 50m);
        var order = await _f.RentalAsync(buyer);
        await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(order.Id), buyer));
        _f.Reopen();
        var stored = await _f.Store.GetOrderAsync(OrderRef.Of(order.Id), buyer);
        stored!.State.ShouldBe(OrderState.Cancelled);
        stored.AmountRefunded.ShouldBe(3.2m);
        stored.CreatedAt.ShouldBe(order.CreatedAt);
        (await _f.Store.GetEventsAsync(order.Id)).Select(e => e.Type).ShouldBe([EventTypes.Created, EventTypes.Cancelled]);
    }

    private async Task<(decimal Available, decimal Locked)> Balance(long account)
    {
        var balance = (await _f.Store.GetBalancesAsync(account)).SingleOrDefault(b => b.Asset == "TRX");
        return (balance?.Available ?? 0, balance?.Locked ?? 0);
    }

    public sealed class OnSqlite() : RentalTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : RentalTests(new StoreEngine.Postgres());
}
