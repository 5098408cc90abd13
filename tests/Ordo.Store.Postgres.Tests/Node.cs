using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres.Tests;

/// <summary>One server node: its own store (writer, pool, leases), engine and books, on a shared database.</summary>
internal sealed class Node : IDisposable
{
    public Node(PostgresOrderStore store, TimeProvider clock)
    {
        Store = store;
        Engine = new OrderEngine(store, clock);
        Admin = new Administration(store, clock);
    }

    public PostgresOrderStore Store { get; }

    public OrderEngine Engine { get; }

    public Administration Admin { get; }

    /// <summary>A new tenant account holding <paramref name="amount"/> of the asset.</summary>
    public async Task<long> AccountWithAsync(string asset, decimal amount)
    {
        var account = await Admin.CreateAccountAsync("tenant-" + Guid.NewGuid().ToString("N")[..6], null);
        await Admin.DepositAsync(account.Id, asset, amount, "seed-" + account.Id);
        return account.Id;
    }

    /// <summary>A rental of 10 units for 5 TRX, valid an hour, cancellable at once (with the given fee).</summary>
    public static PlaceOrder Rental(long account, decimal cancelFee = 0m) => new()
    {
        Actor = Actor.Owner(account),
        AccountId = account,
        Dialect = OrderEngine.NativeDialect,
        Kind = OrderKind.Rental,
        Quantity = 10,
        Price = 0.5m,
        Payment = 5m,
        Asset = "TRX",
        Duration = TimeSpan.FromHours(1),
        Validity = TimeSpan.FromHours(1),
        Terms = new CancelTerms(TimeSpan.Zero, cancelFee),
    };

    /// <summary>Places <see cref="Rental"/> through this node; it must be placed.</summary>
    public async Task<Order> RentalAsync(long account, decimal cancelFee = 0m)
    {
        var result = await Engine.PlaceAsync(Rental(account, cancelFee));
        result.Status.ShouldBe(PlaceStatus.Placed, result.Message);
        return result.Order!;
    }

    /// <summary>Runs a command as a client would: a retryable refusal (the store unavailable for a moment) is sent again.</summary>
    public static async Task<T> RetryingAsync<T>(Func<Task<T>> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (StoreUnavailableException) when (attempt < 20)
            {
                await Task.Delay(50); // a client's back-off; no rule is timed
            }
        }
    }

    public void Dispose() => Store.Dispose();
}
