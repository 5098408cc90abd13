using Ordo.Core.Ledger;
using Ordo.Core.Orders;

// The namespace differs from the folder: Ordo.Core.Tests.Ledger would hide the Ledger class.
namespace Ordo.Core.Tests.Ledgers;

/// <summary>Locked funds belong to orders: held for one, released only through it, never more than it holds.</summary>
public sealed class LedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryTransaction _tx = new();
    private readonly Core.Ledger.Ledger _ledger;

    public LedgerTests()
    {
        _ledger = new Core.Ledger.Ledger(_tx, Now);
        _ledger.Move(Pocket.Available(SystemAccounts.External), Pocket.Available(100), "USDC", 1000m, null, MovementReasons.Deposit);
    }

    [Fact]
    public void A_hold_moves_available_to_locked_and_counts_on_the_order()
    {
        var order = Order(1);
        _ledger.TryHold(order, 300m, MovementReasons.Lock).ShouldBeTrue();
        order.AmountLocked.ShouldBe(300m);
        _tx.GetBalance(100, "USDC").ShouldBe(new Balance(100, "USDC", 700m, 300m));
        _ledger.TryHold(Order(2), 701m, MovementReasons.Lock).ShouldBeFalse("only 700 is available");
        _tx.GetBalance(100, "USDC").ShouldBe(new Balance(100, "USDC", 700m, 300m));
    }

    [Fact]
    public void An_order_cannot_release_what_another_order_of_the_account_holds()
    {
        var first = Order(1);
        var second = Order(2);
        _ledger.TryHold(first, 100m, MovementReasons.Lock).ShouldBeTrue();
        _ledger.TryHold(second, 400m, MovementReasons.Lock).ShouldBeTrue();

        // The account has 500 locked, but the first order holds only 100 of it.
        Should.Throw<InvalidOperationException>(() => _ledger.Release(first, Pocket.Available(100), 150m, MovementReasons.Release));
        first.AmountLocked.ShouldBe(100m);
        _tx.GetBalance(100, "USDC").Locked.ShouldBe(500m);

        _ledger.Release(first, Pocket.Available(100), 100m, MovementReasons.Release);
        first.AmountLocked.ShouldBe(0m);
        _tx.GetBalance(100, "USDC").ShouldBe(new Balance(100, "USDC", 600m, 400m));
    }

    [Fact]
    public void Locked_funds_never_move_outside_an_order()
    {
        _ledger.TryHold(Order(1), 100m, MovementReasons.Lock).ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() =>
            _ledger.TryMove(Pocket.Locked(100), Pocket.Available(100), "USDC", 50m, 1, MovementReasons.Release));
        Should.Throw<InvalidOperationException>(() =>
            _ledger.TryMove(Pocket.Available(100), Pocket.Locked(100), "USDC", 50m, null, MovementReasons.Lock));
        _tx.GetBalance(100, "USDC").ShouldBe(new Balance(100, "USDC", 900m, 100m));
    }

    private static Order Order(long id) => new()
    {
        Id = id,
        Number = $"ORD-{id}",
        AccountId = 100,
        Dialect = "test",
        Kind = OrderKind.Limit,
        Asset = "USDC",
        Quantity = 1,
    };
}
