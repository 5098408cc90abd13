using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Benchmarks;

/// <summary>
/// The matching engine's book alone, on one thread: no store, no HTTP. Each iteration starts from
/// the same book of 1,000 resting orders (500 bids and 500 asks on 50 levels each side around a
/// mid price of 10,000 ticks) and runs the same seeded sequence, so runs are comparable.
/// <list type="bullet">
/// <item><c>Place</c>: resting orders placed near the top of the book (never crossing).</item>
/// <item><c>Cancel</c>: cancels of resting orders, in random order.</item>
/// <item><c>MixedFlow</c>: 50% resting places near the top, 35% cancels of a random live order,
/// 15% aggressive orders (half crossing limits, half market orders, each taking 1 to 3 makers),
/// with the book kept between 900 and 1,100 resting orders (a place past 1,100 becomes a cancel, a
/// cancel below 900 a place). A cancel may pick an order an aggressive one already filled: it is
/// then a cancel of an unknown order, which exchanges see too.</item>
/// </list>
/// </summary>
[Config(typeof(Config))]
public class OrderBookBenchmarks
{
    private const int Operations = 500_000;
    private const long Mid = 10_000;

    private OrderBook _book = null!;
    private long[] _placePrices = null!;
    private long[] _cancelIds = null!;
    private MixedStep[] _mixed = null!;
    private List<long> _live = null!;
    private long _nextId;

    [IterationSetup(Target = nameof(Place))]
    public void SetupPlace()
    {
        Fresh();
        var random = new Random(7);
        _placePrices = new long[Operations];
        for (var i = 0; i < Operations; i++)
        {
            // Buys below the best ask, sells above the best bid: within 50 ticks of the top.
            _placePrices[i] = i % 2 == 0 ? Mid - 1 - random.Next(50) : Mid + 1 + random.Next(50);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void Place()
    {
        for (var i = 0; i < Operations; i++)
        {
            _book.Place(_nextId++, 1, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 10, _placePrices[i], rest: true);
        }
    }

    [IterationSetup(Target = nameof(Cancel))]
    public void SetupCancel()
    {
        Fresh();
        var random = new Random(11);
        _cancelIds = new long[Operations];
        for (var i = 0; i < Operations; i++)
        {
            var id = _nextId++;
            _book.Place(id, 1, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 10, i % 2 == 0 ? Mid - 1 - random.Next(50) : Mid + 1 + random.Next(50), rest: true);
            _cancelIds[i] = id;
        }

        random.Shuffle(_cancelIds);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void Cancel()
    {
        foreach (var id in _cancelIds)
        {
            _book.Cancel(id, out _);
        }
    }

    [IterationSetup(Target = nameof(MixedFlow))]
    public void SetupMixed()
    {
        Fresh();
        var random = new Random(13);
        _mixed = new MixedStep[Operations];
        for (var i = 0; i < Operations; i++)
        {
            var roll = random.Next(100);
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            _mixed[i] = roll switch
            {
                < 50 => new MixedStep(MixedKind.Place, side, 1 + random.Next(20), random.Next(50), random.Next()),
                < 85 => new MixedStep(MixedKind.Cancel, side, 1 + random.Next(20), random.Next(50), random.Next()),
                < 92 => new MixedStep(MixedKind.CrossingLimit, side, 10 + random.Next(20), random.Next(3), random.Next()),
                _ => new MixedStep(MixedKind.Market, side, 10 + random.Next(20), 0, random.Next()),
            };
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void MixedFlow()
    {
        foreach (var step in _mixed)
        {
            // Keep the book at about 1,000 resting orders: past 1,100 a place becomes a cancel, below 900 a cancel a place.
            var kind = step.Kind switch
            {
                MixedKind.Place when _book.OrderCount > 1_100 => MixedKind.Cancel,
                MixedKind.Cancel when _book.OrderCount < 900 => MixedKind.Place,
                var same => same,
            };
            switch (kind)
            {
                case MixedKind.Place:
                    {
                        // Rest just behind the top of the book on this side.
                        var price = step.Side == OrderSide.Buy
                            ? (_book.BestAsk ?? Mid + 1) - 1 - step.Offset
                            : (_book.BestBid ?? Mid - 1) + 1 + step.Offset;
                        var id = _nextId++;
                        _book.Place(id, 1, step.Side, step.Volume, price, rest: true);
                        _live.Add(id);
                        break;
                    }

                case MixedKind.Cancel when _live.Count > 0:
                    {
                        var index = step.Pick % _live.Count;
                        _book.Cancel(_live[index], out _);
                        _live[index] = _live[^1];
                        _live.RemoveAt(_live.Count - 1);
                        break;
                    }

                case MixedKind.CrossingLimit:
                    {
                        var price = step.Side == OrderSide.Buy ? (_book.BestAsk ?? Mid) + step.Offset : (_book.BestBid ?? Mid) - step.Offset;
                        var id = _nextId++;
                        if (_book.Place(id, 2, step.Side, step.Volume, price, rest: true) == MatchEnd.Rested)
                        {
                            _live.Add(id);
                        }

                        break;
                    }

                case MixedKind.Market:
                    _book.Place(_nextId++, 2, step.Side, step.Volume, null, rest: false);
                    break;
            }
        }
    }

    /// <summary>The starting book: 1,000 resting orders, ids 1 to 1,000.</summary>
    private void Fresh()
    {
        _book = new OrderBook("bench");
        _live = new List<long>(4_000);
        _nextId = 1;
        for (var level = 0; level < 50; level++)
        {
            for (var i = 0; i < 10; i++)
            {
                _book.Place(_nextId, 1, OrderSide.Buy, 10, Mid - 1 - level, rest: true);
                _live.Add(_nextId++);
                _book.Place(_nextId, 1, OrderSide.Sell, 10, Mid + 1 + level, rest: true);
                _live.Add(_nextId++);
            }
        }
    }

    private enum MixedKind
    {
        Place,
        Cancel,
        CrossingLimit,
        Market,
    }

    private readonly record struct MixedStep(MixedKind Kind, OrderSide Side, long Volume, int Offset, int Pick);

    /// <summary>In-process (no separate build per run), one core's worth: a few warm-ups, 15 measured iterations.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95);
        }
    }
}
