using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// Two nodes (two stores, each with its own writer, engine and books) on one schema, writing at the
/// same time: the database arbitrates what must be single. An order is changed by one node at a time,
/// closed once and refunded once; a balance never loses an update, even for an asset the account
/// never held; an external id is applied once; a deadlock between the nodes is run again, not
/// surfaced. Waits are the database's own (row locks, deadlock detection).
/// </summary>
public sealed class TwoNodesTests : IDisposable
{
    // Only turns a hang into a failure: on a loaded machine the race takes a while (deadlocks are found after a second).
    private static readonly TimeSpan Answered = TimeSpan.FromMinutes(5);

    private readonly ScratchPostgres _pg = new();
    private readonly ManualClock _clock = new();
    private readonly Node _a;
    private readonly Node _b;

    public TwoNodesTests()
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
    public async Task Concurrent_fills_cancels_and_expiries_from_two_nodes_close_each_order_once_and_refund_it_once()
    {
        var buyers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            buyers.Add(await _a.AccountWithAsync("TRX", 1_000m));
        }

        var executor = await _b.AccountWithAsync("TRX", 1m);
        var nodes = new[] { _a, _b };
        var placed = new List<Order>();
        for (var round = 0; round < 4; round++)
        {
            var orders = new List<Order>();
            for (var i = 0; i < 12; i++)
            {
                orders.Add(await nodes[i % 2].RentalAsync(buyers[i % buyers.Count], cancelFee: 0.1m));
            }

            if (round % 2 == 1)
            {
                _clock.Advance(TimeSpan.FromHours(2)); // these orders are due: expiries race the rest
            }

            // On every order at once, from both nodes: the same fill twice (one external id), another
            // fill, a cancel from each node, an expiry from each node.
            var commands = new List<Func<Task>>();
            foreach (var order in orders)
            {
                var id = OrderRef.Of(order.Id);
                commands.Add(() => Node.RetryingAsync(() => _a.Engine.FillAsync(Fill(executor, id, 3, $"f-{order.Id}"))));
                commands.Add(() => Node.RetryingAsync(() => _b.Engine.FillAsync(Fill(executor, id, 3, $"f-{order.Id}"))));
                commands.Add(() => Node.RetryingAsync(() => _b.Engine.FillAsync(Fill(executor, id, 4, $"g-{order.Id}"))));
                commands.Add(() => Node.RetryingAsync(() => _a.Engine.CancelAsync(new CancelOrder(Actor.Owner(order.AccountId), id, order.AccountId))));
                commands.Add(() => Node.RetryingAsync(() => _b.Engine.CancelAsync(new CancelOrder(Actor.Owner(order.AccountId), id, order.AccountId))));
                commands.Add(() => Node.RetryingAsync(() => _a.Engine.ExpireAsync(order.Id)));
                commands.Add(() => Node.RetryingAsync(() => _b.Engine.ExpireAsync(order.Id)));
            }

            await Task.WhenAll(Shuffled(commands, round).Select(command => Task.Run(command))).WaitAsync(Answered);
            placed.AddRange(orders);
        }

        foreach (var order in placed)
        {
            var final = (await _b.Store.GetOrderAsync(OrderRef.Of(order.Id), null))!;
            final.State.ShouldBeOneOf([OrderState.Cancelled, OrderState.Expired], $"order {order.Id}: two cancels were sent and 7 of 10 at most filled");
            final.FilledQuantity.ShouldBeLessThanOrEqualTo(7m, $"order {order.Id}: the fill sent twice applied once");
        }

        await RentalInvariants.CheckAsync(_a.Store, [.. buyers, executor], 3 * 1_000m + 1m);
    }

    [Fact]
    public async Task Two_nodes_adding_to_a_balance_the_account_never_held_lose_no_update()
    {
        var account = (await _a.Admin.CreateAccountAsync("holder", null)).Id;
        Task<int> Add(Node node) => node.Store.WriteAsync(tx =>
        {
            var balance = tx.GetBalance(account, "NEW");
            tx.SaveBalance(new Balance(account, "NEW", balance.Available + 1.5m, balance.Locked));
            return 0;
        });

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => Add(i % 2 == 0 ? _a : _b)))).WaitAsync(Answered);

        var balances = await _a.Store.GetBalancesAsync(account);
        balances.ShouldHaveSingleItem().ShouldBe(new Balance(account, "NEW", 90m, 0m));
    }

    [Fact]
    public async Task Deposits_from_both_nodes_add_up_and_one_external_id_is_credited_once()
    {
        var account = (await _a.Admin.CreateAccountAsync("holder", null)).Id;
        var deposits = Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Admin.DepositAsync(account, "USDT", 2.5m, $"dep-{i}"))).ToList();

        // The same external id from both nodes at once, many times over: one credit.
        var same = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Admin.DepositAsync(account, "USDT", 1000m, "dep-same"))).ToList();
        await Task.WhenAll(deposits.Concat(same)).WaitAsync(Answered);

        same.Count(task => task.Result == DepositStatus.Credited).ShouldBe(1);
        (await _b.Store.GetBalancesAsync(account)).ShouldHaveSingleItem().Available.ShouldBe(40 * 2.5m + 1000m);
        var ledger = await _a.Store.GetLedgerAsync();
        ledger.Where(e => e.Asset == "USDT").Sum(e => e.Amount).ShouldBe(0m, "double entry");
    }

    [Fact]
    public async Task A_deadlock_between_the_nodes_works_is_run_again_and_both_commit()
    {
        var first = (await _a.Admin.CreateAccountAsync("first", null)).Id;
        var second = (await _a.Admin.CreateAccountAsync("second", null)).Id;
        var rolledBack = 0;
        _a.Store.WriteSteps += step => Count(step, ref rolledBack);
        _b.Store.WriteSteps += step => Count(step, ref rolledBack);

        using var aHolds = new SemaphoreSlim(0);
        using var bHolds = new SemaphoreSlim(0);
        var runs = 0;

        // A locks first's balance then wants second's; B the other way round, each waiting until the
        // other holds its first lock: a cycle PostgreSQL breaks by failing one of them.
        Task<int> Cross(Node node, long mine, long theirs, SemaphoreSlim iHold, SemaphoreSlim theyHold) => node.Store.WriteAsync(tx =>
        {
            var run = Interlocked.Increment(ref runs);
            Credit(tx, mine);
            if (run <= 2)
            {
                iHold.Release();
                theyHold.Wait(Answered);
            }

            Credit(tx, theirs);
            return run;
        });

        var a = Cross(_a, first, second, aHolds, bHolds);
        var b = Cross(_b, second, first, bHolds, aHolds);
        await Task.WhenAll(a, b).WaitAsync(Answered);

        runs.ShouldBe(3, "the deadlock's victim ran once more");
        Volatile.Read(ref rolledBack).ShouldBe(1, "its first run was undone alone");
        (await _a.Store.GetBalancesAsync(first)).Single().Available.ShouldBe(2m);
        (await _a.Store.GetBalancesAsync(second)).Single().Available.ShouldBe(2m);
    }

    [Fact]
    public async Task A_worker_lease_is_held_by_one_node_and_taken_over_when_its_node_goes()
    {
        (await _a.Store.HoldsAsync("sweeper")).ShouldBeTrue();
        (await _b.Store.HoldsAsync("sweeper")).ShouldBeFalse("A holds it");
        (await _b.Store.HoldsAsync("purge")).ShouldBeTrue("another job's lease is free");
        (await _a.Store.HoldsAsync("sweeper")).ShouldBeTrue("A still holds it");

        // A's session dies (a node killed, a connection cut): its leases go with it.
        Terminate($"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND " +
                  $"((classid::bigint << 32) | objid::bigint) = hashtextextended('ordo-lease:{_pg.Schema}:sweeper', 0)");
        (await _b.Store.HoldsAsync("sweeper")).ShouldBeTrue("B takes the lease A lost");
        (await _a.Store.HoldsAsync("sweeper")).ShouldBeFalse("A learns it lost the lease");

        _b.Store.Dispose();
        (await _a.Store.HoldsAsync("sweeper")).ShouldBeTrue("B stopped: A takes the lease again");
    }

    private static void Count(WriteStep step, ref int rolledBack)
    {
        if (step == WriteStep.WorkRolledBack)
        {
            Interlocked.Increment(ref rolledBack);
        }
    }

    private static void Credit(IOrderTransaction tx, long account)
    {
        var balance = tx.GetBalance(account, "DEAD");
        tx.SaveBalance(new Balance(account, "DEAD", balance.Available + 1m, balance.Locked));
    }

    /// <summary>Ends the sessions, waiting (up to 10 s) until each is gone and has let go of its locks.</summary>
    private void Terminate(string pids)
    {
        using var connection = new Npgsql.NpgsqlConnection(_pg.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM ({pids}) AS held", connection);
        ((long)command.ExecuteScalar()!).ShouldBe(1L);
    }

    private static FillOrder Fill(long executor, OrderRef order, decimal quantity, string externalId) => new()
    {
        Actor = Actor.Executor(executor),
        Order = order,
        Quantity = quantity,
        ExternalId = externalId,
    };

    private static List<Func<Task>> Shuffled(List<Func<Task>> commands, int seed)
    {
        var random = new Random(seed);
        return commands.OrderBy(_ => random.Next()).ToList();
    }
}
