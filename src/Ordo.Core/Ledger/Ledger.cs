using Ordo.Core.Store;

namespace Ordo.Core.Ledger;

/// <summary>
/// Moves funds between pockets inside one store transaction, writing both legs and both balances.
/// Only the external account may go below zero.
/// </summary>
public sealed class Ledger(IOrderTransaction tx, DateTimeOffset now)
{
    public bool CanMove(Pocket from, string asset, decimal amount) =>
        from.AccountId == SystemAccounts.External || tx.GetBalance(from.AccountId, asset).In(from.Bucket) >= amount;

    /// <summary>Moves the amount, or returns false and changes nothing when the source is short.</summary>
    public bool TryMove(Pocket from, Pocket to, string asset, decimal amount, long? orderId, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount == 0)
        {
            return true;
        }

        if (!CanMove(from, asset, amount))
        {
            return false;
        }

        var movement = tx.NextMovementId();
        Post(movement, from, asset, -amount, orderId, reason);
        Post(movement, to, asset, amount, orderId, reason);
        return true;
    }

    /// <summary>A move the engine has already proven possible; failing here is a bug.</summary>
    public void Move(Pocket from, Pocket to, string asset, decimal amount, long? orderId, string reason)
    {
        if (!TryMove(from, to, asset, amount, orderId, reason))
        {
            throw new InvalidOperationException(
                $"ledger: account {from.AccountId} {from.Bucket} holds less {asset} than {amount} ({reason}, order {orderId})");
        }
    }

    private void Post(long movement, Pocket pocket, string asset, decimal amount, long? orderId, string reason)
    {
        var balance = tx.GetBalance(pocket.AccountId, asset);
        tx.SaveBalance(balance.Add(pocket.Bucket, amount));
        tx.AppendLedger(new LedgerEntry(movement, pocket.AccountId, asset, pocket.Bucket, amount, orderId, reason, now));
    }
}
