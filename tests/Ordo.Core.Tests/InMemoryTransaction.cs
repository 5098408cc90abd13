using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Tests;

/// <summary>
/// A plain in-memory <see cref="IOrderTransaction"/> for unit tests of the rules alone. The real
/// stores are tested against a real database in their own projects.
/// </summary>
internal sealed class InMemoryTransaction : IOrderTransaction
{
    private long _nextOrderId = 1;
    private long _nextMovementId = 1;

    public Dictionary<long, Order> Orders { get; } = [];
    public List<OrderEvent> Events { get; } = [];
    public Dictionary<(long, string), Balance> Balances { get; } = [];
    public List<LedgerEntry> Ledger { get; } = [];
    public HashSet<(string, string)> ExternalIds { get; } = [];
    public Dictionary<string, Market> Markets { get; } = [];
    public Dictionary<long, Account> Accounts { get; } = [];

    public long NextOrderId() => _nextOrderId++;

    public long NextMovementId() => _nextMovementId++;

    public Order? FindOrder(OrderRef reference, long? accountId)
    {
        var order = reference switch
        {
            OrderRef.ById byId => Orders.GetValueOrDefault(byId.Id),
            OrderRef.ByUuid byUuid => Orders.Values.FirstOrDefault(o => o.Uuid == byUuid.Uuid),
            OrderRef.ByNumber byNumber => Orders.Values.FirstOrDefault(o => o.Number == byNumber.Number),
            OrderRef.ByClientId byClient => Orders.Values.FirstOrDefault(o => o.ClientOrderId == byClient.ClientOrderId && o.AccountId == accountId),
            _ => null,
        };
        return order is not null && (accountId is null || order.AccountId == accountId) ? order : null;
    }

    public void InsertOrder(Order order) => Orders.Add(order.Id, order);

    public List<TradeRecord> Trades { get; } = [];

    public IReadOnlyList<Order> ListOrders(OrderQuery query) => Orders.Values
        .Where(o => query.Market is null || o.Market == query.Market)
        .Where(o => query.Kind is null || o.Kind == query.Kind)
        .Where(o => query.States is null || query.States.Contains(o.State))
        .Where(o => query.AccountId is null || o.AccountId == query.AccountId)
        .Where(o => query.AttributeName is null || o.Attributes.GetValueOrDefault(query.AttributeName) == query.AttributeValue)
        .OrderBy(o => o.Id)
        .ToList();

    public TradeRecord InsertTrade(TradeRecord trade)
    {
        var stored = trade with { Id = Trades.Count + 1 };
        Trades.Add(stored);
        return stored;
    }

    public void UpdateOrder(Order order) => Orders[order.Id] = order;

    public void AppendEvent(OrderEvent orderEvent) => Events.Add(orderEvent);

    public Balance GetBalance(long accountId, string asset) =>
        Balances.GetValueOrDefault((accountId, asset)) ?? new Balance(accountId, asset, 0, 0);

    public void SaveBalance(Balance balance) => Balances[(balance.AccountId, balance.Asset)] = balance;

    public void AppendLedger(LedgerEntry entry) => Ledger.Add(entry);

    public bool HasExternalId(string scope, string externalId) => ExternalIds.Contains((scope, externalId));

    public void RecordExternalId(string scope, string externalId) => ExternalIds.Add((scope, externalId));

    public List<Payout> Payouts { get; } = [];

    public Payout InsertPayout(Payout payout)
    {
        var stored = payout with { Id = Payouts.Count + 1 };
        Payouts.Add(stored);
        return stored;
    }

    public Market? FindMarket(string name) => Markets.GetValueOrDefault(name);

    public void SaveMarket(Market market)
    {
        Markets[market.Name] = market;
        BookVersions[market.Name] = BookVersions.GetValueOrDefault(market.Name) + 1;
    }

    public Dictionary<string, long> BookVersions { get; } = [];

    public int Sequenced { get; private set; }

    public long MarketVersion(string name) => BookVersions.GetValueOrDefault(name);

    public long SequenceMarket(string name)
    {
        Sequenced++;
        return Markets.ContainsKey(name) ? BookVersions[name] = BookVersions.GetValueOrDefault(name) + 1 : 0;
    }

    public IReadOnlyList<Market> ListMarkets() => Markets.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public Account? FindAccount(long id) => Accounts.GetValueOrDefault(id);

    public Account InsertAccount(string name, string? email, DateTimeOffset createdAt)
    {
        var account = new Account(SystemAccounts.FirstTenant + Accounts.Count, name, email, createdAt);
        Accounts.Add(account.Id, account);
        return account;
    }

    public Credential? InsertCredential(Credential credential) => credential;

    public List<IdempotencyRecord> IdempotencyRecords { get; } = [];

    public bool SaveIdempotency(IdempotencyRecord record)
    {
        IdempotencyRecords.Add(record);
        return true;
    }

    public Credential? FindCredential(long id) => null;

    public void RevokeCredential(long id, DateTimeOffset revokedAt)
    {
    }

    public List<Nonce> Nonces { get; } = [];

    public IReadOnlyList<Nonce> ListNonces(string kind, string owner) =>
        Nonces.Where(n => n.Kind == kind && n.Owner == owner).OrderBy(n => n.ExpiresAt).ToList();

    public (int Count, DateTimeOffset? SoonestExpiry) CountNonces(string kind)
    {
        var all = Nonces.Where(n => n.Kind == kind).ToList();
        return (all.Count, all.Count == 0 ? null : all.Min(n => n.ExpiresAt));
    }

    public void InsertNonce(Nonce nonce) => Nonces.Add(nonce);

    public bool DeleteNonce(Nonce nonce) => Nonces.Remove(nonce);

    public int DeleteExpiredNonces(string kind, string? owner, DateTimeOffset now) =>
        Nonces.RemoveAll(n => n.Kind == kind && (owner is null || n.Owner == owner) && n.ExpiresAt <= now);
}
