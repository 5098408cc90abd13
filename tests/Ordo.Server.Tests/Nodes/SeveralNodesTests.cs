using Ordo.Server.Tests.Hosting;
using Ordo.Testing;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Three <c>ordo serve</c> processes on one PostgreSQL schema, every request sent to a node chosen at
/// random, in rounds of concurrent races on the same orders and markets: cancels of one order sent to two
/// nodes at once; executors' fills racing those cancels; rentals left to the expiry sweeper (which runs on
/// whichever node holds its lease, with a short validity on the system clock) and late fills and cancels
/// racing the sweep; crossing limit orders from every tenant on the same two markets through every node,
/// racing cancels of the resting orders they trade against; and one Idempotency-Key sent to two nodes at
/// once (places and cancels). Whatever the interleaving, the database then proves: no order both filled
/// and cancelled, at most one refund each, every answered request did what it said and every key made one
/// change, per asset balances + locks + fees = deposits, and locks equal what open orders hold
/// (<see cref="CrashInvariants"/> on PostgreSQL's rows); every answer given under one key is the same
/// answer; no 5xx but 503 <c>store_unavailable</c> (a write that lost a race with another node too often
/// says nothing was done: it is sent again, and the marker check holds it to that); and every node
/// serves exactly the committed book of each market (every level, every remainder, ids in time priority),
/// both as it stands and after writes of its own, which it applies to the book it keeps in memory.
/// It asserts nothing about timing.
/// Quick by default (10 rounds); <c>ORDO_NODES_ROUNDS=200</c> for a long run, <c>ORDO_NODES_SEED</c>
/// replays the choices of a printed seed (not the thread timing).
/// </summary>
public sealed class SeveralNodesTests(ITestOutputHelper output) : IDisposable
{
    private const int NodeCount = 3;
    private readonly ScratchPostgres _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Concurrent_cancels_fills_expiries_matches_and_keys_on_three_nodes_keep_every_invariant()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("ORDO_NODES_ROUNDS"), out var r) && r > 0 ? r : 10;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ORDO_NODES_SEED"), out var s) ? s : Random.Shared.Next(1, 1_000_000);
        output.WriteLine($"several nodes: seed {seed}, {rounds} rounds (ORDO_NODES_SEED={seed} ORDO_NODES_ROUNDS={rounds} replays the choices)");
        var random = new Random(seed);

        using var cluster = await NodeCluster.StartAsync(_database.ConnectionString, NodeCount, new Dictionary<string, string>
        {
            // Rentals nobody fills expire within a round or two, and the sweeper looks often.
            ["Ordo__Native__RentalValidity"] = "00:00:00.750",
            ["Ordo__SweepInterval"] = "00:00:00.100",
        });
        var accounts = new CrashLoad(seed, NodeCluster.AdminKey);
        await accounts.SetUpAsync(cluster.Nodes[random.Next(NodeCount)].Address);
        var traffic = new NodeTraffic(accounts, cluster, seed);

        var leftToExpire = new List<(int Round, CrashOp Place)>();
        for (var round = 1; round <= rounds; round++)
        {
            // Places, all at once, each to a random node; one of them sent to two nodes at once under one key.
            var rentals = new List<CrashOp>();
            var limits = new List<CrashOp>();
            for (var tenant = 0; tenant < CrashLoad.Tenants; tenant++)
            {
                rentals.Add(traffic.Rental(tenant, keyed: random.Next(2) == 0));
                rentals.Add(traffic.Rental(tenant, keyed: random.Next(2) == 0));
                for (var i = 0; i < 3; i++)
                {
                    limits.Add(CrossingLimit(traffic, random, tenant));
                }
            }

            var places = rentals.Concat(limits).Select(op => (Op: op, Node: random.Next(NodeCount))).ToList();
            var placing = places.Select(p => traffic.SendAsync(p.Op, p.Node)).ToList();
            if (places.Where(p => p.Op.IdempotencyKey is not null).ToList() is { Count: > 0 } keyed)
            {
                var twice = keyed[random.Next(keyed.Count)];
                placing.Add(traffic.SendAsync(twice.Op, OtherNode(random, twice.Node)));
            }

            await Task.WhenAll(placing);

            // The race, all at once, on the orders just placed (and on rentals two rounds old, near their expiry).
            var racing = new List<Task>();
            foreach (var rental in rentals.Where(p => p.OrderId is not null))
            {
                var (id, owner, quantity) = (rental.OrderId!.Value, rental.Sender, rental.Quantity);
                var (a, b) = TwoNodes(random);
                switch (random.Next(4))
                {
                    case 0: // two cancels on two nodes, a full delivery on the third
                        racing.Add(traffic.SendAsync(traffic.Cancel(owner, id, keyed: false), a));
                        racing.Add(traffic.SendAsync(traffic.Cancel(owner, id, keyed: false), b));
                        racing.Add(traffic.SendAsync(traffic.Fill(id, quantity, keyed: false), 3 - a - b));
                        break;
                    case 1: // one cancel under one key on two nodes at once, a partial delivery on the third
                        var cancel = traffic.Cancel(owner, id, keyed: true);
                        racing.Add(traffic.SendAsync(cancel, a));
                        racing.Add(traffic.SendAsync(cancel, b));
                        racing.Add(traffic.SendAsync(traffic.Fill(id, Math.Floor(quantity / 2), keyed: random.Next(2) == 0), 3 - a - b));
                        break;
                    case 2: // a partial delivery, then the rest, racing a cancel
                        racing.Add(traffic.SendAsync(traffic.Fill(id, Math.Floor(quantity / 3), keyed: false), a));
                        racing.Add(traffic.SendAsync(traffic.Fill(id, quantity - Math.Floor(quantity / 3), keyed: true), b));
                        racing.Add(traffic.SendAsync(traffic.Cancel(owner, id, keyed: random.Next(2) == 0), 3 - a - b));
                        break;
                    default: // left to the sweeper
                        leftToExpire.Add((round, rental));
                        break;
                }
            }

            foreach (var (_, late) in leftToExpire.Where(e => e.Round == round - 2))
            {
                var (a, b) = TwoNodes(random);
                var id = late.OrderId!.Value;
                racing.Add(traffic.SendAsync(traffic.Fill(id, random.Next(2) == 0 ? late.Quantity : Math.Floor(late.Quantity / 2), keyed: false), a));
                racing.Add(traffic.SendAsync(traffic.Cancel(late.Sender, id, keyed: false), b));
            }

            foreach (var limit in limits.Where(p => p.OrderId is not null && random.Next(3) != 0))
            {
                var (a, b) = TwoNodes(random);
                var cancel = traffic.Cancel(limit.Sender, limit.OrderId!.Value, keyed: random.Next(2) == 0);
                racing.Add(traffic.SendAsync(cancel, a));
                racing.Add(cancel.IdempotencyKey is null
                    ? traffic.SendAsync(traffic.Cancel(limit.Sender, limit.OrderId!.Value, keyed: false), b)
                    : traffic.SendAsync(cancel, b));
            }

            for (var tenant = 0; tenant < CrashLoad.Tenants; tenant++)
            {
                racing.Add(traffic.SendAsync(CrossingLimit(traffic, random, tenant), random.Next(NodeCount)));
            }

            await Task.WhenAll(racing);
        }

        // Every node serves the committed book of each market: as it stands, and as it keeps it through its own writes.
        var books = new List<string>();
        foreach (var market in CrashLoad.Markets)
        {
            await CommittedBook.ShouldBeServedByAsync(traffic, Enumerable.Range(0, NodeCount), _database.ConnectionString, market, $"seed {seed}: the book of {market}");
            books.Add($"{market}: {(await CommittedBook.ReadAsync(_database.ConnectionString, market)).Count(c => c == '\n')} levels");
        }

        var log = traffic.Log;
        var check = CrashInvariants.ReadPostgres(_database.ConnectionString);
        check.CheckRequests(log);
        check.CheckBooks([.. accounts.AccountIds, accounts.ExecutorAccountId]);
        var states = await OrderStatesAsync();
        output.WriteLine($"seed {seed}: {rounds} rounds, {log.Count} requests ({log.Sum(op => op.Attempts)} sent), {check.Orders} orders ({states}), " +
            $"{string.Join(", ", books)}, {check.AcknowledgedChecked} acknowledged changes checked, {check.KeysChecked} keys, {traffic.Unavailable} answers of 503 store_unavailable (sent again), {traffic.ServerErrors} other 5xx, {check.Violations.Count} violations");
        cluster.WriteTroubles(output);
        check.Violations.ShouldBeEmpty($"seed {seed}:\n" + string.Join("\n", check.Violations.Take(30)));
        traffic.Mismatches.ShouldBeEmpty($"seed {seed}: one key, two answers");
        log.Where(op => op.Status is null).ShouldBeEmpty($"seed {seed}: requests never answered");
        traffic.ServerErrors.ShouldBe(0, $"seed {seed}: answers of 5xx other than 503 store_unavailable");
    }

    private static CrashOp CrossingLimit(NodeTraffic traffic, Random random, int tenant) => traffic.Limit(
        tenant,
        CrashLoad.Markets[random.Next(CrashLoad.Markets.Length)],
        random.Next(2) == 0 ? "buy" : "sell",
        99.5m + (random.Next(101) / 100m), // around 100, so buys and sells cross
        keyed: random.Next(2) == 0);

    private static (int A, int B) TwoNodes(Random random)
    {
        var a = random.Next(NodeCount);
        return (a, OtherNode(random, a));
    }

    private static int OtherNode(Random random, int not)
    {
        int node;
        do
        {
            node = random.Next(NodeCount);
        }
        while (node == not);
        return node;
    }

    private async Task<string> OrderStatesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT kind || ' ' || state, count(*) FROM orders GROUP BY 1 ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            parts.Add($"{reader.GetInt64(1)} {reader.GetString(0)}");
        }

        return string.Join(", ", parts);
    }
}
