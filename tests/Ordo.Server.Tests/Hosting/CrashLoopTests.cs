using System.Globalization;
using System.Security.Cryptography;

using Ordo.Testing;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// The crash loop: concurrent traffic of every kind against <c>ordo serve</c>, killed with SIGKILL
/// at random moments and started again on the same database; what got no answer is sent again
/// (with the same <c>Idempotency-Key</c> where it had one). At the end the database must hold every
/// acknowledged change, each request's effect once, and books that balance.
/// Quick by default (5 cycles on SQLite, 3 on PostgreSQL); <c>ORDO_CRASH_CYCLES=50</c> for the full run,
/// <c>ORDO_CRASH_SEED</c> to replay a seed (the seed fixes the traffic's choices and the kill moments, not
/// the thread timing). The same loop runs on a SQLite file and on a PostgreSQL schema, and the same
/// <see cref="CrashInvariants"/> check reads the rows of either.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminKey = "crash-loop-admin-key";
    private readonly ScratchDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task Every_acknowledged_change_survives_kills_and_every_retry_acts_once() =>
        RunAsync(_database.Path, environment: null, quickCycles: 5, () => CrashInvariants.Read(_database.Path));

    /// <summary>On PostgreSQL the killed process may die inside a transaction, holding row locks and a market's sequencer: the server must let them go and the next life carry on.</summary>
    [Fact]
    public async Task Every_acknowledged_change_survives_kills_and_every_retry_acts_once_on_PostgreSQL()
    {
        using var postgres = new ScratchPostgres();
        var environment = new Dictionary<string, string> { ["ORDO_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        await RunAsync(postgres.ConnectionString, environment, quickCycles: 3, () => CrashInvariants.ReadPostgres(postgres.ConnectionString));
    }

    private async Task RunAsync(string database, IReadOnlyDictionary<string, string>? environment, int quickCycles, Func<CrashInvariants> read)
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("ORDO_CRASH_CYCLES"), out var c) && c > 0 ? c : quickCycles;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ORDO_CRASH_SEED"), out var s) ? s : Random.Shared.Next(1, 1_000_000);
        output.WriteLine($"crash loop: seed {seed}, {cycles} cycles (ORDO_CRASH_SEED={seed} ORDO_CRASH_CYCLES={cycles} replays the choices)");

        var random = new Random(seed);
        var load = new CrashLoad(seed, AdminKey);
        var kills = 0;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            using var server = await ServerProcess.StartAsync(database, AdminKey, environment);
            load.Cycle = cycle;
            if (cycle == 1)
            {
                await load.SetUpAsync(server.Address);
            }

            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(server.Address, cycle, workers: 6, stop.Token);

            // A random moment: new requests stop, the ones in flight stay in flight, and the process dies under them.
            await Task.Delay(random.Next(500, 2000)); // when to kill, not a timed assertion
            stop.Cancel();
            server.Kill();
            kills++;
            await running;
            output.WriteLine($"cycle {cycle}: killed after {load.Log.Count} requests so far, {load.PendingCount} waiting for a retry, {load.ServerErrors} 5xx");
        }

        // A last start with no kill: everything still unanswered is sent again until it is answered.
        using (var server = await ServerProcess.StartAsync(database, AdminKey, environment))
        {
            load.Cycle = cycles + 1;
            var clients = load.Clients(server.Address);
            for (var round = 0; round < 5 && load.PendingCount > 0; round++)
            {
                await load.RetryAsync(clients, CancellationToken.None);
            }

            server.Kill();
        }

        var check = read();
        check.CheckRequests(load.Log);
        check.CheckBooks([.. load.AccountIds, load.ExecutorAccountId]);
        var retried = load.Log.Count(op => op.Attempts > 1);
        var lost = load.Log.Count(op => op.Status is null && op.IdempotencyKey is null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {cycles} cycles, {kills} kills, {load.Log.Count} requests ({retried} sent again, {lost} keyless places left unanswered), {check.Orders} orders, {check.AcknowledgedChecked} acknowledged changes checked, {check.KeysChecked} idempotency keys checked, {load.ServerErrors} 5xx, {check.Violations.Count} violations"));
        check.Violations.ShouldBeEmpty($"seed {seed}, {cycles} cycles:\n" + string.Join("\n", check.Violations.Take(30)));
        load.ServerErrors.ShouldBe(0, $"seed {seed}: answers of 5xx");
    }
}
