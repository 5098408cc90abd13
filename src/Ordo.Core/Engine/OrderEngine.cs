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
    private readonly DepthReads depth;

    public OrderEngine(IOrderStore store, TimeProvider clock, OrderBooks? books = null)
    {
        this.store = store;
        this.clock = clock;
        Books = books ?? new OrderBooks();
        depth = new DepthReads(store);

        // A rolled-back write may have changed books that the store never kept: those are rebuilt.
        store.WriteSteps += Books.Follow;
    }

    /// <summary>The markets' order books; touched only inside store writes.</summary>
    public OrderBooks Books { get; }

    public const string NativeDialect = "native";

    // Each command takes an optional sameWrite: the caller's own addition to the command's transaction (see SameWrite).

    public async Task<PlaceResult> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken = default, Action<IOrderTransaction, PlaceResult>? sameWrite = null)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Place(command), sameWrite, cancellationToken);
        EngineMetrics.Place(result.Status);
        return result;
    }

    public async Task<CancelResult> CancelAsync(CancelOrder command, CancellationToken cancellationToken = default, Action<IOrderTransaction, CancelResult>? sameWrite = null)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Cancel(command), sameWrite, cancellationToken);
        EngineMetrics.Cancel(result.Status);
        return result;
    }

    public Task<AmendResult> AmendAsync(AmendOrder command, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Amend(command), cancellationToken);

    public async Task<FillResult> FillAsync(FillOrder command, CancellationToken cancellationToken = default, Action<IOrderTransaction, FillResult>? sameWrite = null)
    {
        var result = await store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Fill(command), sameWrite, cancellationToken);
        EngineMetrics.Fill(result.Status);
        return result;
    }

    /// <summary>
    /// Builds every market's book from the open orders in the store (at start-up, so the first order meets
    /// a ready book); returns the resting orders. One write per market, so commands on other markets go
    /// in between; and without taking any market's sequencer, so a node starting on a shared database
    /// makes no other node rebuild its books. A book not built yet is built by the first write on its
    /// market anyway (<see cref="OrderBooks.For"/>): this only moves that work ahead.
    /// </summary>
    public async Task<int> LoadBooksAsync(CancellationToken cancellationToken = default)
    {
        var resting = 0;
        foreach (var name in await store.WriteAsync(tx => tx.ListMarkets().Select(market => market.Name).ToList(), cancellationToken))
        {
            resting += await store.WriteAsync(tx => tx.FindMarket(name) is { } market ? Books.ForReading(market, tx).OrderCount : 0, cancellationToken);
        }

        return resting;
    }

    /// <summary>
    /// The market's book as committed (every answered write is in it); null for an unknown market. Read
    /// off the writer (<see cref="DepthReads"/>), so depth reads never wait behind writes.
    /// </summary>
    public Task<BookDepth?> DepthAsync(string market, CancellationToken cancellationToken = default) =>
        depth.ReadAsync(market, cancellationToken);

    /// <summary>A payment from outside for an order placed unpaid: opens it, once per reference (see <see cref="PayOrder"/>).</summary>
    public Task<PayResult> PayAsync(PayOrder command, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Pay(command), cancellationToken);

    public Task<ExpireResult> ExpireAsync(long orderId, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => new OrderWrite(tx, clock.Now(), Books).Expire(orderId), cancellationToken);

    /// <summary>
    /// Cancels each matching open order, each by the rules of a single cancel, in one write: the
    /// orders are chosen and cancelled in the same transaction, so the answer (kept under an
    /// idempotency key with <paramref name="sameWrite"/>) is exactly the change, and a retry after a
    /// crash cancels nothing placed in between.
    /// </summary>
    public async Task<IReadOnlyList<BulkCancelItem>> BulkCancelAsync(
        BulkCancel command, CancellationToken cancellationToken = default, Action<IOrderTransaction, IReadOnlyList<BulkCancelItem>>? sameWrite = null)
    {
        var items = await store.WriteAsync<IReadOnlyList<BulkCancelItem>>(
            tx =>
            {
                var ids = command.Ids is { Count: > 0 }
                    ? command.Ids.Distinct().Take(command.Limit).ToList()
                    : tx.ListOrders(new OrderQuery
                    {
                        AccountId = command.Scope,
                        Market = command.Market,
                        Side = command.Side,
                        Kind = command.Kind,
                        States = CancellableStates(command.Kind),
                        Sort = OrderSort.OldestFirst,
                        Limit = command.Limit,
                    }).Select(order => order.Id).ToList();
                var write = new OrderWrite(tx, clock.Now(), Books);
                return ids.Select(id => new BulkCancelItem(id, write.Cancel(new CancelOrder(command.Actor, OrderRef.Of(id), command.Scope, command.Reason)))).ToList();
            },
            sameWrite,
            cancellationToken);
        foreach (var item in items)
        {
            EngineMetrics.Cancel(item.Result.Status);
        }

        return items;
    }

    private static List<OrderState> CancellableStates(OrderKind? kind) =>
        (kind is { } one ? [Lifecycles.For(one)] : Lifecycles.All)
            .SelectMany(life => life.States.Where(life.CanCancel))
            .Distinct()
            .ToList();
}
