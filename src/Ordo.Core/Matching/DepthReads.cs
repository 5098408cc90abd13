using Ordo.Core.Markets;
using Ordo.Core.Store;

namespace Ordo.Core.Matching;

/// <summary>
/// A market's depth for readers, off the writer: built from the committed resting orders on a reader
/// connection and kept per market until the market's book version moves. A depth read never queues
/// behind writes nor touches the writer's books, and a quiet market is answered from memory after one
/// version read. The version is read before the orders, so a depth is at worst labelled older than
/// it is (and rebuilt at the next read), never served stale.
/// </summary>
public sealed class DepthReads(IOrderStore store)
{
    private readonly Dictionary<string, Built> _latest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The market's depth as committed; null for an unknown market.</summary>
    public async Task<BookDepth?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await store.GetMarketAsync(name, cancellationToken) is not { } market)
        {
            return null;
        }

        var version = await store.GetMarketVersionAsync(name, cancellationToken);
        lock (_gate)
        {
            if (_latest.TryGetValue(name, out var known) && known.Version == version && known.Market == market)
            {
                return known.Depth;
            }
        }

        var resting = await store.ListRestingOrdersAsync(name, cancellationToken);
        var depth = BookDepth.Of(OrderBooks.Build(market, resting), new MarketUnits(market));
        lock (_gate)
        {
            // Two reads may build at once: the later version wins, so a slow older read never replaces a newer depth.
            if (!_latest.TryGetValue(name, out var known) || known.Version <= version)
            {
                _latest[name] = new Built(market, version, depth);
            }
        }

        return depth;
    }

    private sealed record Built(Market Market, long Version, BookDepth Depth);
}
