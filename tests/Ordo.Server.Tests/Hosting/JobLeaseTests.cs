using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Ordo.Core.Store;
using Ordo.Server.Expiry;
using Ordo.Server.Hosting;
using Ordo.Server.Native;
using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// Background jobs run their round only on the node holding the job's lease; the node logs taking
/// and losing it once per change, and a store that cannot answer skips the round.
/// </summary>
public sealed class JobLeaseTests
{
    [Fact]
    public async Task The_expiry_sweeper_runs_no_round_while_another_node_holds_its_lease()
    {
        var leases = new TestLeases { Held = false };
        await using var server = await ServerFixture.StartAsync(
            new ServerOptions { SweepInterval = TimeSpan.FromHours(1) }, overrides: s => s.AddSingleton<IWorkerLeases>(leases));
        var tenant = await server.TenantAsync(deposits: ("TRX", 100m));
        var p2p = (await tenant.PlaceAsync(Orders.P2p))["id"]!.GetValue<long>();
        server.Clock.Advance(TimeSpan.FromMinutes(15));

        (await server.Sweeper.RoundAsync()).ShouldBeNull();
        var (_, waiting) = await tenant.Http.GetJsonAsync($"/v1/orders/{p2p}");
        waiting["state"]!.GetValue<string>().ShouldNotBe("cancelled", "another node sweeps");

        leases.Held = true;
        (await server.Sweeper.RoundAsync()).ShouldBe(1);
        var (_, cancelled) = await tenant.Http.GetJsonAsync($"/v1/orders/{p2p}");
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        leases.Asked.Distinct().ShouldBe([ExpirySweeper.Job]);
    }

    [Fact]
    public async Task The_idempotency_purge_runs_no_round_while_another_node_holds_its_lease()
    {
        var clock = new ManualClock();
        using var database = new ScratchDatabase();
        using var store = database.Open();
        await store.SaveAsync(new IdempotencyRecord("s", "old", "hash", 201, "application/json", "{}", clock.GetUtcNow()));
        clock.Advance(IdempotencyRecord.Retention + TimeSpan.FromHours(1));
        var leases = new TestLeases { Held = false };
        var purge = new IdempotencyPurge(store, leases, clock, NullLogger<IdempotencyPurge>.Instance);

        (await purge.RoundAsync()).ShouldBeNull();
        (await store.FindAsync("s", "old", DateTimeOffset.MinValue)).ShouldNotBeNull("another node purges");

        leases.Held = true;
        (await purge.RoundAsync()).ShouldBe(1);
        (await store.FindAsync("s", "old", DateTimeOffset.MinValue)).ShouldBeNull();
        leases.Asked.Distinct().ShouldBe([IdempotencyPurge.Job]);
    }

    [Fact]
    public async Task Taking_and_losing_a_lease_is_logged_once_per_change_and_an_unavailable_store_skips_the_round()
    {
        var leases = new TestLeases();
        var log = new ListLogger();
        var lease = new JobLease(leases, "job", log);
        var rounds = new List<bool>();
        foreach (var (held, failing) in new[] { (false, false), (true, false), (true, false), (true, true), (true, false), (false, false), (false, false), (true, false) })
        {
            leases.Held = held;
            leases.Failure = failing ? new StoreUnavailableException("locked", TimeSpan.FromSeconds(1)) : null;
            rounds.Add(await lease.HoldsAsync());
        }

        rounds.ShouldBe([false, true, true, false, true, false, false, true]);
        log.Lines.ShouldBe([
            "Information: job: this node took the lease and runs the job",
            "Warning: job: the store is unavailable to check the lease (locked); the round is skipped",
            "Information: job: this node lost the lease; another node runs the job",
            "Information: job: this node took the lease and runs the job",
        ]);
    }

    /// <summary>
    /// The lease policy a test sets (whether this node holds the lease now), not a database: the
    /// stores' own leases are tested with the stores.
    /// </summary>
    private sealed class TestLeases : IWorkerLeases
    {
        public volatile bool Held;

        public Exception? Failure { get; set; }

        public List<string> Asked { get; } = [];

        public Task<bool> HoldsAsync(string job, CancellationToken cancellationToken = default)
        {
            lock (Asked)
            {
                Asked.Add(job);
            }

            return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(Held);
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
