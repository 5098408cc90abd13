using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Engine;

/// <summary>Operator actions: accounts, credentials, deposits, markets. Each is one durable write.</summary>
public sealed class Administration(IOrderStore store, TimeProvider clock)
{
    /// <param name="sameWrite">The caller's addition to the same transaction (an idempotent answer), run with the new account.</param>
    public Task<Account> CreateAccountAsync(string name, string? email, CancellationToken cancellationToken = default, Action<IOrderTransaction, Account>? sameWrite = null) =>
        store.WriteAsync(tx => tx.InsertAccount(name, email, clock.Now()), sameWrite, cancellationToken);

    /// <summary>
    /// Adds the credential; refuses a system account (nobody may act as the platform or the outside
    /// world), an unknown account, or a lookup key (source flag, key) already taken by a live credential.
    /// </summary>
    public Task<CredentialResult> AddCredentialAsync(Credential credential, CancellationToken cancellationToken = default, Action<IOrderTransaction, CredentialResult>? sameWrite = null) =>
        store.WriteAsync(tx => AddCredential(tx, credential), sameWrite, cancellationToken);

    private CredentialResult AddCredential(IOrderTransaction tx, Credential credential)
    {
        if (SystemAccounts.IsSystem(credential.AccountId))
        {
            return new CredentialResult(CredentialStatus.SystemAccount, null);
        }

        if (tx.FindAccount(credential.AccountId) is null)
        {
            return new CredentialResult(CredentialStatus.AccountNotFound, null);
        }

        return tx.InsertCredential(credential with { CreatedAt = clock.Now() }) is { } added
            ? new CredentialResult(CredentialStatus.Added, added)
            : new CredentialResult(CredentialStatus.LookupKeyTaken, null);
    }

    /// <summary>
    /// Revokes a credential at once; with an account, only that account's credential is found.
    /// Revoking twice changes nothing and answers <see cref="RevokeStatus.AlreadyRevoked"/>.
    /// </summary>
    public Task<RevokeStatus> RevokeCredentialAsync(long? accountId, long credentialId, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            tx =>
            {
                var credential = tx.FindCredential(credentialId);
                if (credential is null || (accountId is { } owner && credential.AccountId != owner))
                {
                    return RevokeStatus.NotFound;
                }

                if (credential.RevokedAt is not null)
                {
                    return RevokeStatus.AlreadyRevoked;
                }

                tx.RevokeCredential(credentialId, clock.Now());
                return RevokeStatus.Revoked;
            },
            cancellationToken);

    /// <summary>Credits the account from outside; a repeated external id is not credited twice; a system account takes none.</summary>
    public Task<DepositStatus> DepositAsync(long accountId, string asset, decimal amount, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return store.WriteAsync(
            tx =>
            {
                if (SystemAccounts.IsSystem(accountId))
                {
                    return DepositStatus.SystemAccount;
                }

                if (tx.FindAccount(accountId) is null)
                {
                    return DepositStatus.AccountNotFound;
                }

                var scope = $"deposit:{accountId}";
                if (tx.HasExternalId(scope, externalId))
                {
                    return DepositStatus.Duplicate;
                }

                tx.RecordExternalId(scope, externalId);
                new Ledger.Ledger(tx, clock.Now()).Move(
                    Pocket.Available(SystemAccounts.External), Pocket.Available(accountId), asset, amount, null, MovementReasons.Deposit);
                return DepositStatus.Credited;
            },
            cancellationToken);
    }

    /// <summary>
    /// Defines or changes a market. Its base, quote and precisions are what resting orders were
    /// locked and counted in, so they change only while the book is empty; fees and the minimum may change any time.
    /// </summary>
    public Task<MarketResult> SaveMarketAsync(Market market, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            tx =>
            {
                if (market.Broken() is var (field, message))
                {
                    return new MarketResult(MarketStatus.Invalid, market, field, message);
                }

                // The market's sequencer first, so no order is placed on it between the check and the change.
                tx.SequenceMarket(market.Name);
                if (tx.FindMarket(market.Name) is { } current && ChangedDenomination(current, market) is { } changed &&
                    tx.ListOrders(new OrderQuery { Market = market.Name, Kind = OrderKind.Limit, States = LimitLifecycle.Table.OpenStates, Limit = 1 }).Count > 0)
                {
                    return new MarketResult(MarketStatus.HasRestingOrders, current, changed, $"cannot change while market {market.Name} has resting orders");
                }

                tx.SaveMarket(market);
                return new MarketResult(MarketStatus.Saved, market);
            },
            cancellationToken);

    private static string? ChangedDenomination(Market current, Market next) =>
        current.Base != next.Base ? "base"
        : current.Quote != next.Quote ? "quote"
        : current.PricePrecision != next.PricePrecision ? "price_precision"
        : current.VolumePrecision != next.VolumePrecision ? "volume_precision"
        : null;
}
