using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Tests.Engine;

/// <summary>Rentals paid from outside on a real store: payouts are stored, listed, and written exactly once under races.</summary>
public abstract class OutsidePaymentTests(StoreEngine engine) : IDisposable
{
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    private async Task<Order> UnpaidAsync(long account, string refundTo = "TBuyer")
    {
        var result = await _f.Engine.PlaceAsync(new PlaceOrder
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
            Validity = TimeSpan.FromMinutes(1),
            Terms = new CancelTerms(TimeSpan.Zero, 0.1m),
            PaidFromOutside = new OutsidePayment(refundTo),
        });
        result.Status.ShouldBe(PlaceStatus.Placed);
        return result.Order!;
    }

    private Task<PayResult> PayAsync(Order order, string reference = "tx-1") =>
        _f.Engine.PayAsync(new PayOrder(Actor.System, OrderRef.Of(order.Id), reference, 10m, TimeSpan.FromHours(24)));

    [Fact]
    public async Task Payouts_are_stored_with_their_order_and_listed_per_account_newest_first()
    {
        var a = (await _f.Admin.CreateAccountAsync("a", null)).Id;
        var b = (await _f.Admin.CreateAccountAsync("b", null)).Id;
        var first = await UnpaidAsync(a, "TFirst");
        var second = await UnpaidAsync(a, "TSecond");
        var other = await UnpaidAsync(b, "TOther");
        foreach (var order in new[] { first, second, other })
        {
            (await PayAsync(order, $"tx-{order.Id}")).Status.ShouldBe(PayStatus.Paid);
            (await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(order.AccountId), OrderRef.Of(order.Id), order.AccountId))).Status.ShouldBe(CancelStatus.Cancelled);
        }

        _f.Reopen();
        var mine = await _f.Store.ListPayoutsAsync(new PayoutQuery { AccountId = a });
        mine.Select(p => p.Address).ShouldBe(["TSecond", "TFirst"]);
        mine[0].ShouldBe(new Payout(mine[0].Id, second.Id, a, "TRX", 9m, "TSecond", PayoutReasons.Cancel, _f.Clock.GetUtcNow()));
        (await _f.Store.ListPayoutsAsync(new PayoutQuery())).Count.ShouldBe(3, "the operator sees all");
        var page = await _f.Store.ListPayoutsAsync(new PayoutQuery { Limit = 1, BeforeId = mine[0].Id });
        page.ShouldHaveSingleItem().Address.ShouldBe("TFirst");
        (await _f.Store.ListPayoutsAsync(new PayoutQuery { OrderId = other.Id })).ShouldHaveSingleItem().AccountId.ShouldBe(b);
    }

    [Fact]
    public async Task Cancel_racing_the_payment_ends_with_exactly_one_payout_of_what_is_owed()
    {
        for (var round = 0; round < 20; round++)
        {
            var account = (await _f.Admin.CreateAccountAsync($"race-{round}", null)).Id;
            var order = await UnpaidAsync(account);
            var pay = PayAsync(order, $"tx-{round}");
            var cancel = _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(order.Id), account));
            await Task.WhenAll(pay, cancel);

            var payouts = await _f.Store.ListPayoutsAsync(new PayoutQuery { OrderId = order.Id });
            var payout = payouts.ShouldHaveSingleItem();
            if ((await pay).Status == PayStatus.Paid)
            {
                // Paid first: the cancel refunds the whole unsold order less the fee.
                (payout.Amount, payout.Reason).ShouldBe((9m, PayoutReasons.Cancel));
            }
            else
            {
                // Cancelled first: the payment arrived for a closed order and goes back in full.
                (await pay).Status.ShouldBe(PayStatus.Returned);
                (payout.Amount, payout.Reason).ShouldBe((10m, PayoutReasons.Returned));
            }

            (await cancel).Status.ShouldBe(CancelStatus.Cancelled);
            var balance = (await _f.Store.GetBalancesAsync(account)).Single(x => x.Asset == "TRX");
            (balance.Available, balance.Locked).ShouldBe((0m, 0m));
        }
    }

    [Fact]
    public async Task An_unpaid_order_times_out_when_its_window_ends_and_owes_nothing()
    {
        var account = (await _f.Admin.CreateAccountAsync("t", null)).Id;
        var order = await UnpaidAsync(account);
        _f.Clock.Advance(TimeSpan.FromMinutes(2));
        (await _f.Store.FindDueOrderIdsAsync(_f.Clock.GetUtcNow(), 10)).ShouldContain(order.Id);
        (await _f.Engine.ExpireAsync(order.Id)).Order!.State.ShouldBe(OrderState.Expired);
        (await _f.Store.ListPayoutsAsync(new PayoutQuery { OrderId = order.Id })).ShouldBeEmpty();
    }

    public sealed class OnSqlite() : OutsidePaymentTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : OutsidePaymentTests(new StoreEngine.Postgres());
}
