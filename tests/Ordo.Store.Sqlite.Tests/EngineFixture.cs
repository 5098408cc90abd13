using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Store.Sqlite;
using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>The engine on a real SQLite file, with a moveable clock.</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly ScratchDatabase _database = new();
    private readonly Func<string, SqliteStoreOptions> _options;

    /// <param name="options">The store's settings for the database path (default: the defaults).</param>
    public EngineFixture(Func<string, SqliteStoreOptions>? options = null)
    {
        _options = options ?? (path => new SqliteStoreOptions(path));
        Store = SqliteOrderStore.Open(_options(_database.Path));
        Engine = new OrderEngine(Store, Clock);
        Admin = new Administration(Store, Clock);
    }

    public ManualClock Clock { get; } = new();

    public SqliteOrderStore Store { get; private set; }

    public OrderEngine Engine { get; private set; }

    public Administration Admin { get; private set; }

    public string DatabasePath => _database.Path;

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

    /// <summary>Closes and reopens the store on the same file, as a restart would.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = SqliteOrderStore.Open(_options(_database.Path));
        Engine = new OrderEngine(Store, Clock);
        Admin = new Administration(Store, Clock);
    }

    public void Dispose()
    {
        Store.Dispose();
        _database.Dispose();
    }
}
