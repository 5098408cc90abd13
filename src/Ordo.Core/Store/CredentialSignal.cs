namespace Ordo.Core.Store;

/// <summary>
/// What a store holds to implement <see cref="ICredentialChanges"/>: the handlers, whether its watch
/// is sure, and a start of the watch at the first handler (a store opened by the <c>ordo</c> command
/// has no cache to tell, so it never watches).
/// </summary>
public sealed class CredentialSignal(Action startWatching)
{
    private readonly object _gate = new();
    private Action? _handlers;
    private bool _started;
    private volatile bool _watching;

    public bool Watching => _watching;

    public void Add(Action? handler)
    {
        bool start;
        lock (_gate)
        {
            _handlers += handler;
            start = !_started;
            _started = true;
        }

        if (start)
        {
            startWatching();
        }
    }

    public void Remove(Action? handler)
    {
        lock (_gate)
        {
            _handlers -= handler;
        }
    }

    /// <summary>Credentials may have changed: every handler empties what it holds.</summary>
    public void Changed() => Volatile.Read(ref _handlers)?.Invoke();

    /// <summary>The watch is sure again, or no longer: either way what was kept meanwhile may be stale.</summary>
    public void Watch(bool watching)
    {
        // Sure again: empty first, then trust, so nothing read while the watch was down is served.
        // No longer sure: stop trusting first, then empty.
        if (watching)
        {
            Changed();
            _watching = true;
        }
        else
        {
            _watching = false;
            Changed();
        }
    }
}
