using Npgsql;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// What a place checks is free (its client order id; the one open order per attribute value a kind
/// may demand) stays free only for one node: a second node placing the same value waits for the
/// first's commit and then finds its order, never a duplicate key error or a second open order.
/// </summary>
public sealed class OneValueAcrossNodesTests : IDisposable
{
    private readonly ScratchPostgres _pg = new();
    private readonly ManualClock _clock = new();
    private readonly Node _a;
    private readonly Node _b;

    public OneValueAcrossNodesTests()
    {
        _a = new Node(_pg.Open(), _clock);
        _b = new Node(_pg.Open(), _clock);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _pg.Dispose();
    }

    [Fact]
    public async Task One_client_order_id_placed_on_two_nodes_at_once_is_one_order_and_one_duplicate()
    {
        var account = await _a.AccountWithAsync("TRX", 100m);
        var (first, second) = await WhileTheFirstHasNotCommittedAsync(Node.Rental(account) with { ClientOrderId = "same-id" });

        first.Status.ShouldBe(PlaceStatus.Placed);
        second.Status.ShouldBe(PlaceStatus.DuplicateClientOrderId);
        second.Order!.Id.ShouldBe(first.Order!.Id);
    }

    [Fact]
    public async Task One_exclusive_value_placed_on_two_nodes_at_once_opens_one_order()
    {
        var account = await _a.AccountWithAsync("TRX", 100m);
        var command = Node.Rental(account) with
        {
            Attributes = new Dictionary<string, string> { ["customer_email"] = "buyer@example.com" },
            ExclusiveAttribute = "customer_email",
        };
        var (first, second) = await WhileTheFirstHasNotCommittedAsync(command);

        first.Status.ShouldBe(PlaceStatus.Placed);
        second.Status.ShouldBe(PlaceStatus.OpenOrderExists);
    }

    /// <summary>Node A places and holds its transaction open; node B places the same while A's is open; then A commits.</summary>
    private async Task<(PlaceResult First, PlaceResult Second)> WhileTheFirstHasNotCommittedAsync(PlaceOrder command)
    {
        using var placed = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = _a.Engine.PlaceAsync(command, default, (_, _) =>
        {
            placed.Set();
            release.Wait(TimeSpan.FromMinutes(1));
        });
        placed.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue("node A placed, in a transaction still open");

        var second = _b.Engine.PlaceAsync(command);
        await using (var watch = new NpgsqlConnection(_pg.ConnectionString))
        {
            await watch.OpenAsync();
            while (!await AnyoneWaitsAsync(watch))
            {
                second.IsCompleted.ShouldBeFalse("node B must wait for node A's place");
                await Task.Delay(10); // polling for the wait to begin, not timing a rule
            }
        }

        release.Set();
        return (await first, await second);
    }

    private static async Task<bool> AnyoneWaitsAsync(NpgsqlConnection watch)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0", watch);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
