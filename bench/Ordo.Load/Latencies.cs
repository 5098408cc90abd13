namespace Ordo.Load;

/// <summary>
/// Every latency of a run, kept whole (a minute at a few thousand requests a second is a few
/// megabytes), so the percentiles are exact rather than a histogram's bucket bounds.
/// </summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private double[]? _sorted;

    public int Count { get { lock (_milliseconds) { return _milliseconds.Count; } } }

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
            _sorted = null;
        }
    }

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="percent"/> % of the requests did not exceed; 0 when empty.</summary>
    public double Percentile(double percent)
    {
        var sorted = Sorted();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public double Max => Sorted() is { Length: > 0 } sorted ? sorted[^1] : 0;

    public int CountOver(TimeSpan limit)
    {
        var sorted = Sorted();
        var over = 0;
        for (var i = sorted.Length - 1; i >= 0 && sorted[i] > limit.TotalMilliseconds; i--)
        {
            over++;
        }

        return over;
    }

    private double[] Sorted()
    {
        lock (_milliseconds)
        {
            if (_sorted is null)
            {
                _sorted = [.. _milliseconds];
                Array.Sort(_sorted);
            }

            return _sorted;
        }
    }
}
