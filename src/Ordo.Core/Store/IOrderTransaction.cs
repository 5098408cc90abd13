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

    /// <summary>Orders as the transaction sees them (books are rebuilt from this).</summary>
    IReadOnlyList<Order> ListOrders(OrderQuery query);

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

    void SaveMarket(Market market);

    IReadOnlyList<Market> ListMarkets();

    Account? FindAccount(long id);

    Account InsertAccount(string name, string? email, DateTimeOffset createdAt);

    /// <summary>Adds the credential, or returns null when its dialect already has one with the same lookup key.</summary>
    Credential? InsertCredential(Credential credential);

    /// <summary>
    /// Keeps an idempotent answer with the change it answers, so a retry after a crash replays it
    /// instead of acting twice. A live record under the same scope and key wins; an expired one is replaced.
    /// </summary>
    void SaveIdempotency(IdempotencyRecord record);

    /// <summary>The credential with this id, revoked or not; null when there is none.</summary>
    Credential? FindCredential(long id);

    /// <summary>Marks the credential revoked from this time on; its lookup key is free again.</summary>
    void RevokeCredential(long id, DateTimeOffset revokedAt);
}
