using Ordo.Core.Store;

namespace Ordo.Server.Tanx;

/// <summary>
/// One-time values of one kind per owner, each valid for a lifetime, kept in the database, so any
/// node can spend what another issued (a value that needs more than a string is kept as JSON).
/// Bounded: at most <c>maxPerOwner</c> per owner (a new one drops the oldest, so a stranger asking
/// for many cannot lock the owner out) and <c>maxInAll</c> of the kind (then none is issued until
/// some expire). Each operation is one store write, so two nodes see one book.
/// </summary>
public sealed class TanxNonceBook(IOrderStore store, TimeProvider clock, string kind, TimeSpan lifetime, int maxPerOwner, int maxInAll)
{
    /// <summary>
    /// Keeps a new value made from its expiry time and the owner's live values; null, with the
    /// seconds to wait, when too many are outstanding in all.
    /// </summary>
    public Task<(Nonce? Issued, int RetryAfterSeconds)> AddAsync(
        string owner, Func<DateTimeOffset, IReadOnlyList<string>, string> make, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return store.WriteAsync<(Nonce?, int)>(tx =>
        {
            if (tx.CountNonces(kind).Count >= maxInAll)
            {
                tx.DeleteExpiredNonces(kind, null, now);
                var (count, soonest) = tx.CountNonces(kind);
                if (count >= maxInAll)
                {
                    return (null, Math.Max(1, (int)Math.Ceiling(((soonest ?? now) - now).TotalSeconds)));
                }
            }

            tx.DeleteExpiredNonces(kind, owner, now);
            var live = tx.ListNonces(kind, owner).ToList();
            while (live.Count >= Math.Max(1, maxPerOwner))
            {
                tx.DeleteNonce(live[0]);
                live.RemoveAt(0);
            }

            var expires = now + lifetime;
            var nonce = new Nonce(kind, owner, make(expires, live.Select(n => n.Value).ToList()), expires);
            tx.InsertNonce(nonce);
            return (nonce, 0);
        }, cancellationToken);
    }

    /// <summary>The owner's unexpired values, oldest first.</summary>
    public Task<IReadOnlyList<Nonce>> LiveAsync(string owner, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return store.WriteAsync<IReadOnlyList<Nonce>>(tx => tx.ListNonces(kind, owner).Where(n => n.ExpiresAt > now).ToList(), cancellationToken);
    }

    /// <summary>
    /// Removes the value if it is still there and unexpired; of two callers racing for one value,
    /// on one node or two, only one gets true.
    /// </summary>
    public Task<bool> RemoveAsync(Nonce nonce, CancellationToken cancellationToken = default)
    {
        if (nonce.ExpiresAt <= clock.GetUtcNow())
        {
            return Task.FromResult(false);
        }

        return store.WriteAsync(tx => tx.DeleteNonce(nonce), cancellationToken);
    }
}
