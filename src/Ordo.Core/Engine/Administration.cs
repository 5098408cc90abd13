using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Store;

namespace Ordo.Core.Engine;

/// <summary>Operator actions: accounts, credentials, deposits, markets. Each is one durable write.</summary>
public sealed class Administration(IOrderStore store, TimeProvider clock)
{
    public Task<Account> CreateAccountAsync(string name, string? email, CancellationToken cancellationToken = default) =>
        store.WriteAsync(tx => tx.InsertAccount(name, email, clock.Now()), cancellationToken);

    /// <summary>Adds the credential; refuses an unknown account or a lookup key (source flag, key) already taken.</summary>
    public Task<CredentialResult> AddCredentialAsync(Credential credential, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            tx =>
            {
                if (tx.FindAccount(credential.AccountId) is null)
                {
                    return new CredentialResult(CredentialStatus.AccountNotFound, null);
                }

                return tx.InsertCredential(credential with { CreatedAt = clock.Now() }) is { } added
                    ? new CredentialResult(CredentialStatus.Added, added)
                    : new CredentialResult(CredentialStatus.LookupKeyTaken, null);
            },
            cancellationToken);

    /// <summary>Credits the account from outside; a repeated external id is not credited twice.</summary>
    public Task<DepositStatus> DepositAsync(long accountId, string asset, decimal amount, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return store.WriteAsync(
            tx =>
            {
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

    public Task<Market> SaveMarketAsync(Market market, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            tx =>
            {
                tx.SaveMarket(market);
                return market;
            },
            cancellationToken);
}
