using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Ledger;

/// <summary>
/// Moves funds between pockets inside one store transaction, writing both legs and both balances.
/// Only the external account may go below zero. Locked funds belong to orders: they are put on
/// hold for one order (<see cref="TryHold"/>) and leave only through that order (<see cref="Release"/>),
/// never more than it holds, so one order can never spend what another order locked.
/// </summary>
public sealed class Ledger(IOrderTransaction tx, DateTimeOffset now)
{
    public bool CanMove(Pocket from, string asset, decimal amount) =>
        from.AccountId == SystemAccounts.External || tx.GetBalance(from.AccountId, asset).In(from.Bucket) >= amount;

    /// <summary>
    /// Moves available funds, or returns false and changes nothing when the source is short.
    /// Locked funds are not moved here: they leave only through their order (<see cref="Release"/>).
    /// </summary>
    public bool TryMove(Pocket from, Pocket to, string asset, decimal amount, long? orderId, string reason)
    {
        if (from.Bucket == Bucket.Locked || to.Bucket == Bucket.Locked)
        {
            throw new InvalidOperationException($"ledger: locked funds move only through an order's hold ({reason}, order {orderId})");
        }

        return TryPost(from, to, asset, amount, orderId, reason);
    }

    /// <summary>A move of available funds the engine has already proven possible; failing here is a bug.</summary>
    public void Move(Pocket from, Pocket to, string asset, decimal amount, long? orderId, string reason)
    {
        if (!TryMove(from, to, asset, amount, orderId, reason))
        {
            throw new InvalidOperationException(
                $"ledger: account {from.AccountId} {from.Bucket} holds less {asset} than {amount} ({reason}, order {orderId})");
        }
    }

    /// <summary>
    /// Puts the amount of the order's asset on hold for the order (available to locked of its owner),
    /// or returns false and changes nothing when the owner's available balance is short.
    /// </summary>
    public bool TryHold(Order order, decimal amount, string reason)
    {
        var asset = order.Asset ?? throw new InvalidOperationException($"ledger: order {order.Id} has no asset to hold");
        if (!TryPost(Pocket.Available(order.AccountId), Pocket.Locked(order.AccountId), asset, amount, order.Id, reason))
        {
            return false;
        }

        order.AmountLocked += amount;
        return true;
    }

    /// <summary>
    /// Pays out of what the order holds (its owner's locked balance) to a pocket. Asking for more
    /// than the order holds is a bug and throws, whatever the caller computed: the write rolls back.
    /// </summary>
    /// <param name="recordAs">The order the legs are recorded against, when the money is another order's due (a trade's fee); default the holder.</param>
    public void Release(Order order, Pocket to, decimal amount, string reason, long? recordAs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount > order.AmountLocked)
        {
            throw new InvalidOperationException(
                $"ledger: order {order.Id} holds {order.AmountLocked} {order.Asset}, cannot release {amount} ({reason})");
        }

        var asset = order.Asset ?? throw new InvalidOperationException($"ledger: order {order.Id} has no asset to release");
        if (!TryPost(Pocket.Locked(order.AccountId), to, asset, amount, recordAs ?? order.Id, reason))
        {
            throw new InvalidOperationException(
                $"ledger: account {order.AccountId} has less {asset} locked than order {order.Id} holds ({reason})");
        }

        order.AmountLocked -= amount;
    }

    private bool TryPost(Pocket from, Pocket to, string asset, decimal amount, long? orderId, string reason)
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

    private void Post(long movement, Pocket pocket, string asset, decimal amount, long? orderId, string reason)
    {
        var balance = tx.GetBalance(pocket.AccountId, asset);
        tx.SaveBalance(balance.Add(pocket.Bucket, amount));
        tx.AppendLedger(new LedgerEntry(movement, pocket.AccountId, asset, pocket.Bucket, amount, orderId, reason, now));
    }
}
