using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Engine;

/// <summary>
/// Carries out commands. Each command is one store write: the engine loads the order inside the
/// write, checks the kind's table, moves funds through the ledger, appends the event, and the
/// caller is answered only after the store has committed. Outcomes are values, never exceptions.
/// </summary>
public sealed class OrderEngine
{
    private readonly IOrderStore store;
    private readonly TimeProvider clock;

    public OrderEngine(IOrderStore store, TimeProvider clock, OrderBooks? books = null)
    {
        this.store = store;
        this.clock = clock;
        Books = books ?? new OrderBooks();

        // A rolled-back write may have changed books that the store never kept: those are rebuilt.
        store.WriteSteps += Books.Follow;
    }

    /// <summary>The markets' order books; touched only inside store writes.</summary>
    public OrderBooks Books { get; }

    public const string NativeDialect = "native";

    public async Task<PlaceResult> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken = default)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Place(command), cancellationToken);
        EngineMetrics.Place(result.Status);
        return result;
    }

    public async Task<CancelResult> CancelAsync(CancelOrder command, CancellationToken cancellationToken = default)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Cancel(command), cancellationToken);
        EngineMetrics.Cancel(result.Status);
        return result;
    }

    public Task<AmendResult> AmendAsync(AmendOrder command, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Amend(command), cancellationToken);

    public async Task<FillResult> FillAsync(FillOrder command, CancellationToken cancellationToken = default)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Fill(command), cancellationToken);
        EngineMetrics.Fill(result.Status);
        return result;
    }

    /// <summary>Builds every market's book from the open orders in the store (at start-up, so the first order meets a ready book).</summary>
    public Task<int> LoadBooksAsync(CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => tx.ListMarkets().Sum(market => Books.For(market, tx).OrderCount), cancellationToken);

    /// <summary>The market's book as it stands after every write before this one; null for an unknown market.</summary>
    public Task<BookDepth?> DepthAsync(string market, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => tx.FindMarket(market) is { } found ? BookDepth.Of(Books.For(found, tx), new MarketUnits(found)) : null, cancellationToken);

    public Task<ExpireResult> ExpireAsync(long orderId, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Expire(orderId), cancellationToken);

    /// <summary>
    /// Cancels each matching open order in its own write (the store batches them into few commits),
    /// so one order's outcome never depends on another's.
    /// </summary>
    public async Task<IReadOnlyList<BulkCancelItem>> BulkCancelAsync(BulkCancel command, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<long> ids;
        if (command.Ids is { Count: > 0 })
        {
            ids = command.Ids.Distinct().Take(command.Limit).ToList();
        }
        else
        {
            var open = await store.ListOrdersAsync(
                new OrderQuery
                {
                    AccountId = command.Scope,
                    Market = command.Market,
                    Side = command.Side,
                    Kind = command.Kind,
                    States = CancellableStates(command.Kind),
                    Sort = OrderSort.OldestFirst,
                    Limit = command.Limit,
                },
                cancellationToken);
            ids = open.Select(order => order.Id).ToList();
        }

        var cancels = ids.Select(id =>
            CancelAsync(new CancelOrder(command.Actor, OrderRef.Of(id), command.Scope, command.Reason), cancellationToken));
        var results = await Task.WhenAll(cancels);
        return ids.Select((id, i) => new BulkCancelItem(id, results[i])).ToList();
    }

    private static List<OrderState> CancellableStates(OrderKind? kind) =>
        (kind is { } one ? [Lifecycles.For(one)] : Lifecycles.All)
            .SelectMany(life => life.States.Where(life.CanCancel))
            .Distinct()
            .ToList();
}
