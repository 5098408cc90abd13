using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Orders;

namespace Ordo.Core.Store;

/// <summary>
/// The one interface over the database (SQLite embedded, PostgreSQL in production).
/// Writes: <see cref="WriteAsync{T}"/> runs the work in a transaction and completes only after
/// that transaction is durably committed; a store may batch many works into one commit. Works
/// that touch the same order never run at the same time. Reads see committed data only.
/// </summary>
public interface IOrderStore
{
    Task<T> WriteAsync<T>(Func<IOrderTransaction, T> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised on the writer, before the next work runs: a work starts, a work was undone alone, a batch
    /// committed or was undone. Whatever is derived from writes in memory (the order books) follows it,
    /// so what an undone write touched is rebuilt. A write the store cannot take now fails with
    /// <see cref="StoreUnavailableException"/> (retryable; nothing of it kept).
    /// </summary>
    event Action<WriteStep>? WriteSteps;

    /// <summary>An account's trades, newest first.</summary>
    Task<IReadOnlyList<Matching.TradeRecord>> ListTradesAsync(TradeQuery query, CancellationToken cancellationToken = default);

    Task<Order?> GetOrderAsync(OrderRef reference, long? accountId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Order>> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many orders match the query's filters, for platforms that show a total.</summary>
    Task<int> CountOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrderEvent>> GetEventsAsync(long orderId, CancellationToken cancellationToken = default);

    /// <summary>Ids of orders whose expiry time has come and whose state is not final, oldest due first.</summary>
    Task<IReadOnlyList<long>> FindDueOrderIdsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Balance>> GetBalancesAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>Payouts, newest first (an account's, or all of them).</summary>
    Task<IReadOnlyList<Payout>> ListPayoutsAsync(PayoutQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(CancellationToken cancellationToken = default);

    Task<Account?> GetAccountAsync(long id, CancellationToken cancellationToken = default);

    Task<Market?> GetMarketAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The market's book version as last committed (0 for an unknown market), read without waiting on
    /// the writer. Every committed change to the market's book or settings moves it.
    /// </summary>
    Task<long> GetMarketVersionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The market's open limit orders as committed, oldest first (as <see cref="IOrderTransaction.ListRestingOrders"/>), read without waiting on the writer.</summary>
    Task<IReadOnlyList<Matching.RestingOrder>> ListRestingOrdersAsync(string market, CancellationToken cancellationToken = default);

    /// <summary>The live (not revoked) credential of the dialect with this lookup key: one indexed read.</summary>
    Task<Credential?> FindCredentialAsync(string dialect, string lookupKey, CancellationToken cancellationToken = default);

    /// <summary>The live (not revoked) credential with this id, for tokens that name their credential.</summary>
    Task<Credential?> GetCredentialAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>True when the database answers and every migration is applied.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
