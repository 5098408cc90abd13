using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Orders;

namespace Ordo.Core.Store;

/// <summary>
/// What the engine may do inside one write. Calls are synchronous on purpose: a write runs on the
/// store's writer inside an open transaction, and nothing here waits on anything but the database.
/// Everything done through one transaction commits together or not at all.
/// </summary>
public interface IOrderTransaction
{
    long NextOrderId();

    long NextMovementId();

    /// <summary>The order, or null when it does not exist or (with an account) belongs to another account.</summary>
    Order? FindOrder(OrderRef reference, long? accountId);

    void InsertOrder(Order order);

    /// <summary>Orders as the transaction sees them.</summary>
    IReadOnlyList<Order> ListOrders(OrderQuery query);

    /// <summary>
    /// The market's open limit orders (in the limit lifecycle's initial state), oldest first, with only what
    /// a book is rebuilt from. A store may read them leaner than <see cref="ListOrders"/>; by default it is that.
    /// </summary>
    IReadOnlyList<Matching.RestingOrder> ListRestingOrders(string market) =>
        ListOrders(new OrderQuery
        {
            Market = market,
            Kind = OrderKind.Limit,
            States = [Kinds.LimitLifecycle.Table.Initial],
            Sort = OrderSort.OldestFirst,
            Limit = int.MaxValue,
        })
        .Where(order => order.Side is not null && order.Price is not null)
        .Select(order => new Matching.RestingOrder(order.Id, order.AccountId, order.Side!.Value, order.Price!.Value, order.RemainingQuantity))
        .ToList();

    /// <summary>Stores a trade and returns it with its new id.</summary>
    Matching.TradeRecord InsertTrade(Matching.TradeRecord trade);

    void UpdateOrder(Order order);

    void AppendEvent(OrderEvent orderEvent);

    /// <summary>The balance, or a zero balance when the account never held the asset.</summary>
    Balance GetBalance(long accountId, string asset);

    void SaveBalance(Balance balance);

    void AppendLedger(LedgerEntry entry);

    /// <summary>Whether an external id (of a fill or a deposit) was recorded in this scope.</summary>
    bool HasExternalId(string scope, string externalId);

    void RecordExternalId(string scope, string externalId);

    /// <summary>Stores a payout and returns it with its new id.</summary>
    Ledger.Payout InsertPayout(Ledger.Payout payout);

    Market? FindMarket(string name);

    /// <summary>
    /// Takes the market's sequencer for the rest of the transaction (one writer per market at a time,
    /// across every node on the database) and bumps the version of its book; returns the new version,
    /// or 0 for an unknown market. A book built at the version before this one is still current.
    /// </summary>
    long SequenceMarket(string name);

    /// <summary>The market's book version as this transaction sees it, without taking its sequencer (for reads); 0 for an unknown market.</summary>
    long MarketVersion(string name);

    void SaveMarket(Market market);

    IReadOnlyList<Market> ListMarkets();

    Account? FindAccount(long id);

    Account InsertAccount(string name, string? email, DateTimeOffset createdAt);

    /// <summary>Adds the credential, or returns null when its dialect already has one with the same lookup key.</summary>
    Credential? InsertCredential(Credential credential);

    /// <summary>
    /// Keeps an idempotent answer with the change it answers, so a retry after a crash replays it
    /// instead of acting twice. A live record under the same scope and key wins (false: the key is
    /// taken, by a request that committed first, possibly on another node); an expired one is replaced.
    /// </summary>
    bool SaveIdempotency(IdempotencyRecord record);

    /// <summary>The owner's nonces of a kind, expired or not, the one expiring first first.</summary>
    IReadOnlyList<Nonce> ListNonces(string kind, string owner);

    /// <summary>How many nonces of a kind are kept, and the soonest expiry among them.</summary>
    (int Count, DateTimeOffset? SoonestExpiry) CountNonces(string kind);

    void InsertNonce(Nonce nonce);

    /// <summary>Removes the nonce; true when it was there (of two writers spending one, only one gets true).</summary>
    bool DeleteNonce(Nonce nonce);

    /// <summary>Removes a kind's nonces that expired at or before <paramref name="now"/> (one owner's, or all).</summary>
    int DeleteExpiredNonces(string kind, string? owner, DateTimeOffset now);

    /// <summary>The credential with this id, revoked or not; null when there is none.</summary>
    Credential? FindCredential(long id);

    /// <summary>Marks the credential revoked from this time on; its lookup key is free again.</summary>
    void RevokeCredential(long id, DateTimeOffset revokedAt);
}
