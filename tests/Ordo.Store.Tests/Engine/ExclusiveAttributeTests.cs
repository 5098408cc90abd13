using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Store.Tests.Engine;

/// <summary>
/// One open order per value of an exclusive attribute (XendBridge: per customer e-mail), on a real store:
/// the check finds the open order among the account's others (SQLite reads it through the partial index
/// orders_p2p_by_account, PostgreSQL through its GIN index on attributes) and lets a closed one go.
/// </summary>
public abstract class ExclusiveAttributeTests(StoreEngine engine) : IDisposable
{
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    private Task<PlaceResult> P2pAsync(long account, string email) => _f.Engine.PlaceAsync(ExclusiveOrders.P2p(account, email));

    [Fact]
    public async Task An_open_order_with_the_value_refuses_another_until_it_is_closed()
    {
        var account = await _f.AccountWithAsync("TRX", 100m);
        var other = await _f.AccountWithAsync("TRX", 100m);
        for (var i = 0; i < 5; i++)
        {
            await _f.RentalAsync(account, quantity: 1000, price: 0.001m); // orders of another kind, with attributes of their own
        }

        var first = await P2pAsync(account, "a@example.com");
        first.Status.ShouldBe(PlaceStatus.Placed);
        var again = await P2pAsync(account, "a@example.com");
        again.Status.ShouldBe(PlaceStatus.OpenOrderExists);
        again.Order!.Id.ShouldBe(first.Order!.Id);

        (await P2pAsync(account, "b@example.com")).Status.ShouldBe(PlaceStatus.Placed, "another customer");
        (await P2pAsync(other, "a@example.com")).Status.ShouldBe(PlaceStatus.Placed, "another tenant's customer");

        (await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(first.Order.Id), account))).Status.ShouldBe(CancelStatus.Cancelled);
        (await P2pAsync(account, "a@example.com")).Status.ShouldBe(PlaceStatus.Placed, "the first is closed");
    }

    public sealed class OnSqlite() : ExclusiveAttributeTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : ExclusiveAttributeTests(new StoreEngine.Postgres());
}
