// Seeds a database for the start-up and memory benchmark (bench/startup.sh): ORDERS orders, of which
// OPEN are open limit orders resting on a few markets and the rest closed (cancelled limit orders,
// cancelled rentals with their refund, filled rentals paid to a seller).
//
// Fast and consistent at once: the real engine writes a few template orders of each sort through the
// store (so every row is exactly what the store's own writes produce), then each template's rows
// (order, events, ledger legs, fill ids) are copied with new ids and owners in large transactions,
// and the balances are moved by the copied ledger legs. Every account is funded by real deposits
// first, so the ledger stays double entry, balances equal their legs, and locks equal what the open
// orders hold.
//
// Usage: Ordo.Seed DATABASE [ORDERS] [OPEN]   (DATABASE: a SQLite path or an Npgsql connection string)
using System.Diagnostics;

using Ordo.Core.Engine;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Seed;
using Ordo.Store.Postgres;
using Ordo.Store.Sqlite;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Ordo.Seed DATABASE [ORDERS] [OPEN]");
    return 2;
}

var database = args[0];
var total = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
var open = args.Length > 2 ? int.Parse(args[2]) : 100_000;
var postgres = database.Contains('=') || database.StartsWith("postgres", StringComparison.Ordinal);
var clock = Stopwatch.StartNew();
void Say(string what) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {what}");

const int Markets = 10;
const int Levels = 20;
const int Accounts = 500;

// 1. Accounts, deposits, markets and templates, through the engine.
var templates = new Templates();
IOrderStore store = postgres
    ? PostgresOrderStore.Open(new PostgresStoreOptions(database))
    : SqliteOrderStore.Open(new SqliteStoreOptions(database));
try
{
    var engine = new OrderEngine(store, TimeProvider.System);
    var admin = new Administration(store, TimeProvider.System);
    var markets = Enumerable.Range(0, Markets).Select(i => new Market($"seed{i}usdc", $"SEED{i}", "USDC", 2, 4, 0.0001m, 0.0004m, 0.0004m)).ToList();
    foreach (var market in markets)
    {
        await admin.SaveMarketAsync(market);
    }

    var accounts = new List<long>();
    for (var i = 0; i < Accounts; i++)
    {
        accounts.Add((await admin.CreateAccountAsync($"seed-{i}", null)).Id);
    }

    var assets = markets.Select(m => m.Base).Append("USDC").Append("TRX").ToList();
    for (var i = 0; i < accounts.Count; i += 50)
    {
        await Task.WhenAll(accounts.Skip(i).Take(50).SelectMany(a => assets.Select(asset => admin.DepositAsync(a, asset, 100_000_000m, $"seed-{a}-{asset}"))));
    }

    Say($"{Accounts} accounts funded, {Markets} markets");
    var owner = accounts[0];
    var seller = accounts[1];
    templates.Owner = owner;
    templates.Accounts = accounts.Skip(2).ToList();
    foreach (var market in markets)
    {
        for (var level = 0; level < Levels; level++)
        {
            templates.Open.Add(await Place(engine, Limit(owner, market.Name, OrderSide.Buy, 1000m - level, 0.5m)));
            templates.Open.Add(await Place(engine, Limit(owner, market.Name, OrderSide.Sell, 1001m + level, 0.5m)));
        }
    }

    var cancelledLimit = await Place(engine, Limit(owner, markets[0].Name, OrderSide.Buy, 900m, 1m));
    await engine.CancelAsync(new CancelOrder(Actor.Owner(owner), OrderRef.Of(cancelledLimit), owner));
    var cancelledRental = await Place(engine, Rental(owner));
    await engine.CancelAsync(new CancelOrder(Actor.Owner(owner), OrderRef.Of(cancelledRental), owner));
    var filledRental = await Place(engine, Rental(owner));
    var fill = await engine.FillAsync(new FillOrder { Actor = Actor.Executor(seller), Order = OrderRef.Of(filledRental), Quantity = 32_000m, ExternalId = "seed-delegation" });
    if (fill.Status != FillStatus.Applied)
    {
        throw new InvalidOperationException($"template fill: {fill.Status}");
    }

    if (open == 0)
    {
        // No open order at all: the open templates are cancelled too (they are then closed orders like the rest).
        foreach (var id in templates.Open)
        {
            await engine.CancelAsync(new CancelOrder(Actor.Owner(owner), OrderRef.Of(id), owner));
        }

        templates.Open.Clear();
    }

    templates.Closed.AddRange([cancelledLimit, cancelledRental, filledRental]);
    Say($"{templates.Open.Count + templates.Closed.Count} template orders written by the engine");
}
finally
{
    (store as IDisposable)?.Dispose();
}

// 2. Copies of the templates, in large transactions.
using (var copier = postgres ? (Copier)new PostgresCopier(database) : new SqliteCopier(database))
{
    templates.Load(copier);
    var copies = total - (int)copier.MaxOrderId();
    var openCopies = Math.Max(0, open - templates.Open.Count);
    if (copies < openCopies)
    {
        throw new ArgumentException("ORDERS must be at least OPEN plus the templates");
    }

    templates.Copy(copier, copies, openCopies, Say);
}

Say("done");
return 0;

static async Task<long> Place(OrderEngine engine, PlaceOrder command)
{
    var result = await engine.PlaceAsync(command);
    return result.Order?.Id ?? throw new InvalidOperationException($"template refused: {result.Status} {result.Message}");
}

static PlaceOrder Limit(long account, string market, OrderSide side, decimal price, decimal volume) => new()
{
    Actor = Actor.Owner(account),
    AccountId = account,
    Dialect = "native",
    Kind = OrderKind.Limit,
    Market = market,
    Side = side,
    Type = OrderType.Limit,
    Price = price,
    Quantity = volume,
};

static PlaceOrder Rental(long account) => new()
{
    Actor = Actor.Owner(account),
    AccountId = account,
    Dialect = "native",
    Kind = OrderKind.Rental,
    Asset = "TRX",
    Payment = 12.5m,
    Quantity = 32_000m,
    Duration = TimeSpan.FromHours(1),
    Attributes = new Dictionary<string, string> { ["receive_address"] = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf" },
};
