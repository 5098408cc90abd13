namespace Ordo.Server.Tanx;

/// <summary>
/// One-time values per owner, each valid for a lifetime, kept in memory by this process (a restart,
/// or a second process on the database, only means asking for a new one). Bounded: at most
/// <c>maxPerOwner</c> per owner (a new one drops the oldest, so a stranger asking for many cannot
/// lock the owner out) and <c>maxInAll</c> in all (then none is issued until some expire). Login
/// nonces (per address) and order nonces (per credential) both live in one.
/// </summary>
public sealed class TanxNonceBook<T>(TimeProvider clock, TimeSpan lifetime, int maxPerOwner, int maxInAll)
    where T : class
{
    private readonly Dictionary<string, List<(T Value, DateTimeOffset Expires)>> _owners = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>
    /// Keeps a new value made from its expiry time and the owner's live values; null, with the
    /// seconds to wait, when too many are outstanding in all.
    /// </summary>
    public T? Add(string owner, Func<DateTimeOffset, IReadOnlyCollection<T>, T> make, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_count >= maxInAll && !Purge(now, out retryAfterSeconds))
            {
                return null;
            }

            if (!_owners.TryGetValue(owner, out var list))
            {
                _owners[owner] = list = [];
            }

            _count -= list.RemoveAll(n => n.Expires <= now);
            while (list.Count >= Math.Max(1, maxPerOwner))
            {
                list.RemoveAt(0);
                _count--;
            }

            var expires = now + lifetime;
            var value = make(expires, list.Select(n => n.Value).ToList());
            list.Add((value, expires));
            _count++;
            return value;
        }
    }

    /// <summary>The owner's unexpired values, oldest first.</summary>
    public IReadOnlyList<T> Live(string owner)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return _owners.TryGetValue(owner, out var list) ? list.Where(n => n.Expires > now).Select(n => n.Value).ToList() : [];
        }
    }

    /// <summary>Removes the value if it is still there and unexpired; of two callers racing for one value, only one gets true.</summary>
    public bool Remove(string owner, T value)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_owners.TryGetValue(owner, out var list) || list.RemoveAll(n => n.Expires > now && n.Value.Equals(value)) == 0)
            {
                return false;
            }

            _count--;
            if (list.Count == 0)
            {
                _owners.Remove(owner);
            }

            return true;
        }
    }

    /// <summary>Drops expired values; false, with the seconds until one expires, when the book is still full.</summary>
    private bool Purge(DateTimeOffset now, out int retryAfterSeconds)
    {
        var soonest = DateTimeOffset.MaxValue;
        foreach (var (owner, list) in _owners.ToList())
        {
            _count -= list.RemoveAll(n => n.Expires <= now);
            if (list.Count == 0)
            {
                _owners.Remove(owner);
            }
            else if (list[0].Expires < soonest)
            {
                soonest = list[0].Expires;
            }
        }

        retryAfterSeconds = _count < maxInAll ? 0 : Math.Max(1, (int)Math.Ceiling((soonest - now).TotalSeconds));
        return _count < maxInAll;
    }
}
