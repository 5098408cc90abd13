using Ordo.Load;

namespace Ordo.Load.Tests;

public class LatenciesTests
{
    private static Latencies Of(params double[] milliseconds)
    {
        var latencies = new Latencies();
        foreach (var value in milliseconds)
        {
            latencies.Add(TimeSpan.FromMilliseconds(value));
        }

        return latencies;
    }

    [Fact]
    public void Percentiles_are_nearest_ranks_of_the_sorted_latencies()
    {
        // 1..100 ms added out of order: the p-th percentile is p ms exactly.
        var latencies = Of([.. Enumerable.Range(1, 100).Reverse().Select(v => (double)v)]);
        latencies.Percentile(50).ShouldBe(50);
        latencies.Percentile(90).ShouldBe(90);
        latencies.Percentile(99).ShouldBe(99);
        latencies.Percentile(100).ShouldBe(100);
        latencies.Max.ShouldBe(100);
    }

    [Fact]
    public void One_stall_among_few_requests_is_the_p99_and_the_max()
    {
        var latencies = Of(2, 3, 1500, 2, 4);
        latencies.Percentile(50).ShouldBe(3);
        latencies.Percentile(99).ShouldBe(1500);
        latencies.Max.ShouldBe(1500);
        latencies.CountOver(TimeSpan.FromSeconds(1)).ShouldBe(1);
    }

    [Fact]
    public void Counts_only_latencies_strictly_over_the_limit()
    {
        var latencies = Of(999, 1000, 1000.5, 2000);
        latencies.CountOver(TimeSpan.FromSeconds(1)).ShouldBe(2);
    }

    [Fact]
    public void An_empty_run_reports_zeros()
    {
        var latencies = new Latencies();
        latencies.Percentile(99).ShouldBe(0);
        latencies.Max.ShouldBe(0);
        latencies.CountOver(TimeSpan.FromSeconds(1)).ShouldBe(0);
    }

    [Fact]
    public void A_latency_added_after_reading_is_counted()
    {
        var latencies = Of(1, 2);
        latencies.Max.ShouldBe(2);
        latencies.Add(TimeSpan.FromMilliseconds(7));
        latencies.Max.ShouldBe(7);
        latencies.Count.ShouldBe(3);
    }
}
