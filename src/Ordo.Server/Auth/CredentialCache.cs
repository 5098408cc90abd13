using System.Collections.Concurrent;

using Ordo.Core.Accounts;
using Ordo.Core.Store;

namespace Ordo.Server.Auth;

/// <summary>
/// This node's credentials found so far, by lookup key and by id, so that a request is authenticated
/// without a database read. The store says when they may be stale (<see cref="ICredentialChanges"/>):
/// every change to any credential empties the whole cache (changes are rare; a key's entries need no
/// finding), and while the store's watch is not sure the cache is bypassed.
/// <para>
/// Only credentials found are kept, not misses: a key issued a moment ago must work at once, and
/// random keys (an attacker's, a typo) must not fill the cache and push out the keys in use; a miss
/// reads the database as before. At most <see cref="Capacity"/> entries: when full it starts over.
/// </para>
/// </summary>
public sealed class CredentialCache
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string Dialect, string LookupKey), Kept> _byKey = new();
    private readonly ConcurrentDictionary<long, Kept> _byId = new();
    private readonly ICredentialChanges? _changes;
    private long _generation;
    private int _count;

    public CredentialCache(IOrderStore store, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _changes = store as ICredentialChanges;
        if (_changes is not null)
        {
            _changes.CredentialsChanged += Empty;
        }
    }

    public int Capacity { get; }

    /// <summary>Entries kept now (both indexes), at most <see cref="Capacity"/> but for adds under way.</summary>
    public int Count => _byKey.Count + _byId.Count;

    /// <summary>Whether entries are used now: only while the store is sure to report every change.</summary>
    public bool Active => _changes is { WatchingCredentials: true };

    /// <summary>Whether the credential with this id is kept now, under its lookup key or its id (for tests).</summary>
    internal bool Holds(long credentialId) => _byId.ContainsKey(credentialId) || _byKey.Values.Any(kept => kept.Credential.Id == credentialId);

    /// <summary>The credential kept under this lookup key; false when there is none or the cache is not in use.</summary>
    public bool TryFind(string dialect, string lookupKey, out Credential? credential) => TryGet(_byKey, (dialect, lookupKey), out credential);

    public bool TryGet(long id, out Credential? credential) => TryGet(_byId, id, out credential);

    /// <summary>Taken before reading the database, and given back to <see cref="Keep(string, string, Credential?, long)"/>.</summary>
    public long Mark => Volatile.Read(ref _generation);

    /// <summary>Keeps what a read found, unless a change was reported since <paramref name="mark"/> (the read may predate it).</summary>
    public void Keep(string dialect, string lookupKey, Credential? found, long mark) => Keep(_byKey, (dialect, lookupKey), found, mark);

    public void Keep(long id, Credential? found, long mark) => Keep(_byId, id, found, mark);

    private bool TryGet<TKey>(ConcurrentDictionary<TKey, Kept> entries, TKey key, out Credential? credential)
        where TKey : notnull
    {
        // An entry counts only in the generation it was read in: one added by a read that a change
        // overtook (the change emptied the cache between the read's check and its add) is never served.
        credential = Active && entries.TryGetValue(key, out var kept) && kept.Generation == Volatile.Read(ref _generation) ? kept.Credential : null;
        return credential is not null;
    }

    private void Keep<TKey>(ConcurrentDictionary<TKey, Kept> entries, TKey key, Credential? found, long mark)
        where TKey : notnull
    {
        if (found is null || !Active || Volatile.Read(ref _generation) != mark)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > Capacity)
        {
            StartOver();
            Interlocked.Increment(ref _count);
        }

        entries[key] = new Kept(found, mark);
    }

    /// <summary>Credentials may have changed, or the store's watch changed: nothing kept can be trusted.</summary>
    private void Empty()
    {
        Interlocked.Increment(ref _generation);
        StartOver();
    }

    private void StartOver()
    {
        _byKey.Clear();
        _byId.Clear();
        Volatile.Write(ref _count, 0);
    }

    /// <summary>A credential and the generation of the cache it was read in.</summary>
    private sealed record Kept(Credential Credential, long Generation);
}
