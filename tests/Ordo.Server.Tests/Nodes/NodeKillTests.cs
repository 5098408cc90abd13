using Ordo.Server.Tests.Hosting;
using Ordo.Testing;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Three <c>ordo serve</c> processes on one PostgreSQL schema; workers place crossing limit orders and
/// cancel them on one market, every request under its own Idempotency-Key, spread round robin over all
/// nodes. One node is killed with SIGKILL mid-flow (it may die inside a match, holding the market's
/// sequencer and row locks). The live nodes carry on: their requests keep being answered, and what was
/// sent to the dead node is sent again to a live one under the same key, so it acts once. Afterwards every
/// live node serves exactly the committed book (a query of the <c>orders</c> table): every level, every
/// remainder, the ids of each level in time priority, as it stands and after writes of its own; and the
/// rows keep every <see cref="CrashInvariants"/> promise (each acknowledged change present, each key one
/// change, balances + locks + fees = deposits).
/// The kill moment is random (printed seed, <c>ORDO_NODES_SEED</c>); nothing is asserted about timing.
/// </summary>
public sealed class NodeKillTests(ITestOutputHelper output) : IDisposable
{
    private const int NodeCount = 3;
    private const int Workers = 6;
    private const string Market = "btcusdc";
    private readonly ScratchPostgres _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_node_killed_mid_match_loses_nothing_and_the_others_serve_exactly_the_committed_book()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ORDO_NODES_SEED"), out var s) ? s : Random.Shared.Next(1, 1_000_000);
        var random = new Random(seed);
        var victim = random.Next(NodeCount);
        output.WriteLine($"node kill: seed {seed} (ORDO_NODES_SEED={seed} replays the choices), node {victim} dies");

        using var cluster = await NodeCluster.StartAsync(_database.ConnectionString, NodeCount);
        var accounts = new CrashLoad(seed, NodeCluster.AdminKey);
        await accounts.SetUpAsync(cluster.Nodes[0].Address);
        var traffic = new NodeTraffic(accounts, cluster, seed);

        using var stop = new CancellationTokenSource();
        var placed = new List<CrashOp>();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var mine = new Random(HashCode.Combine(seed, w));
            for (var request = w; !stop.IsCancellationRequested; request++)
            {
                var tenant = mine.Next(CrashLoad.Tenants);
                var open = Pick(placed, mine, tenant);
                var op = open is not null && mine.Next(10) < 3
                    ? traffic.Cancel(tenant, open.Value, keyed: true)
                    : traffic.Limit(tenant, Market, mine.Next(2) == 0 ? "buy" : "sell", 99.5m + (mine.Next(101) / 100m), keyed: true);
                await traffic.SendAsync(op, request % NodeCount);
                if (op.Kind == CrashOpKind.Place && op.OrderId is not null)
                {
                    lock (placed)
                    {
                        placed.Add(op);
                    }
                }
            }
        })).ToList();

        // Orders flowing through every node, then a random moment: the victim dies under its requests in flight.
        await UntilAsync(() => traffic.Log.Count(op => op.Status is not null) >= 40, workers, "requests answered before the kill");
        await Task.Delay(random.Next(0, 1000)); // when to kill, not a timed assertion
        traffic.DeadNode = victim;
        cluster.Nodes[victim].Kill();
        var beforeKill = traffic.Log.Count;

        // The others carry on alone: their answers keep coming.
        await UntilAsync(() => traffic.AnsweredAfterKill >= 60, workers, "answers from the live nodes after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var live = Enumerable.Range(0, NodeCount).Where(n => n != victim).ToList();
        await CommittedBook.ShouldBeServedByAsync(traffic, live, _database.ConnectionString, Market, $"seed {seed}: the book after node {victim} died");
        var committed = await CommittedBook.ReadAsync(_database.ConnectionString, Market);

        var log = traffic.Log;
        var check = CrashInvariants.ReadPostgres(_database.ConnectionString);
        check.CheckRequests(log);
        check.CheckBooks([.. accounts.AccountIds, accounts.ExecutorAccountId]);
        output.WriteLine($"seed {seed}: {log.Count} requests ({beforeKill} before the kill), {log.Count(op => op.Attempts > 1)} sent again, " +
            $"{traffic.FailedOnDeadNode} failed on the dead node, {traffic.AnsweredAfterKill} answered by live nodes after the kill, " +
            $"{check.Orders} orders, book: {committed.Count(c => c == '\n')} levels, {traffic.Unavailable} answers of 503 store_unavailable (sent again), " +
            $"{traffic.ServerErrors} other 5xx, {check.Violations.Count} violations");
        cluster.WriteTroubles(output);
        check.Violations.ShouldBeEmpty($"seed {seed}:\n" + string.Join("\n", check.Violations.Take(30)));
        traffic.Mismatches.ShouldBeEmpty($"seed {seed}: one key, two answers");
        log.Where(op => op.Status is null).ShouldBeEmpty($"seed {seed}: requests never answered, even by a live node");
        traffic.FailedOnDeadNode.ShouldBeGreaterThan(0, "round robin kept sending to the dead node; those requests were answered by live ones");
        traffic.ServerErrors.ShouldBe(0, $"seed {seed}: answers of 5xx other than 503 store_unavailable");
    }

    /// <summary>Waits for progress (polling; a bound only so a stuck cluster fails instead of hanging).</summary>
    private static async Task UntilAsync(Func<bool> done, List<Task> workers, string what)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!done())
        {
            if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed)
            {
                await failed;
            }

            DateTime.UtcNow.ShouldBeLessThan(bound, $"no progress: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>One of the tenant's recent orders that may still rest, to cancel.</summary>
    private static long? Pick(List<CrashOp> placed, Random random, int tenant)
    {
        lock (placed)
        {
            var recent = placed.Skip(Math.Max(0, placed.Count - 40)).Where(op => op.Sender == tenant).ToList();
            return recent.Count == 0 ? null : recent[random.Next(recent.Count)].OrderId;
        }
    }
}
