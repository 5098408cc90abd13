namespace Ordo.Core.Matching;

/// <summary>
/// One side of a book: its price levels sorted best first (bids high to low, asks low to high),
/// and found by price in O(1). The best level is cached; a tree lookup happens only when it empties.
/// </summary>
internal sealed class BookSide
{
    private readonly SortedSet<PriceLevel> _sorted;
    private readonly Dictionary<long, PriceLevel> _byPrice = [];
    private readonly Stack<PriceLevel> _pool = new();

    public BookSide(bool highestFirst)
    {
        HighestFirst = highestFirst;
        _sorted = new SortedSet<PriceLevel>(highestFirst ? Descending.Instance : Ascending.Instance);
    }

    public bool HighestFirst { get; }

    public PriceLevel? Best { get; private set; }

    public int LevelCount => _byPrice.Count;

    public IEnumerable<PriceLevel> Levels => _sorted;

    /// <summary>True when an order at <paramref name="limit"/> on the other side would trade with this side's best.</summary>
    public bool Crosses(long limit) => Best is { } best && (HighestFirst ? best.Price >= limit : best.Price <= limit);

    public PriceLevel LevelFor(long price)
    {
        if (_byPrice.TryGetValue(price, out var level))
        {
            return level;
        }

        level = _pool.Count > 0 ? _pool.Pop() : new PriceLevel();
        level.Price = price;
        level.Volume = 0;
        level.Count = 0;
        _byPrice.Add(price, level);
        _sorted.Add(level);
        if (Best is null || (HighestFirst ? price > Best.Price : price < Best.Price))
        {
            Best = level;
        }

        return level;
    }

    public void RemoveIfEmpty(PriceLevel level)
    {
        if (level.Count > 0)
        {
            return;
        }

        _byPrice.Remove(level.Price);
        _sorted.Remove(level);
        if (ReferenceEquals(Best, level))
        {
            Best = _sorted.Count == 0 ? null : _sorted.Min;
        }

        level.Head = level.Tail = null;
        _pool.Push(level);
    }

    private sealed class Ascending : IComparer<PriceLevel>
    {
        public static readonly Ascending Instance = new();

        public int Compare(PriceLevel? x, PriceLevel? y) => x!.Price.CompareTo(y!.Price);
    }

    private sealed class Descending : IComparer<PriceLevel>
    {
        public static readonly Descending Instance = new();

        public int Compare(PriceLevel? x, PriceLevel? y) => y!.Price.CompareTo(x!.Price);
    }
}
