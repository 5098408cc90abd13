using Ordo.Core.Engine;
using Ordo.Core.Store;
using Ordo.Server.Hosting;

namespace Ordo.Server.Expiry;

/// <summary>
/// Expires (or system-cancels, or completes) orders whose time has come, with the system as actor.
/// The kind's table says what expiry means in each state; this only finds due orders and asks.
/// Of several nodes on one database, only the one holding the job's lease sweeps.
/// </summary>
public sealed class ExpirySweeper(IOrderStore store, OrderEngine engine, IWorkerLeases leases, TimeProvider clock, ServerOptions options, ILogger<ExpirySweeper> log)
    : BackgroundService
{
    /// <summary>The job's lease name.</summary>
    public const string Job = "expiry-sweeper";

    private const int BatchSize = 500;

    private readonly JobLease _lease = new(leases, Job, log);

    /// <summary>One round of the background loop: a sweep (how many changed) when this node holds the lease, else null.</summary>
    public async Task<int?> RoundAsync(CancellationToken cancellationToken = default) =>
        await _lease.HoldsAsync(cancellationToken) ? await SweepOnceAsync(cancellationToken) : null;

    /// <summary>One pass: expires every order due now; returns how many changed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var changed = 0;
        while (true)
        {
            var due = await store.FindDueOrderIdsAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
            var results = await Task.WhenAll(due.Select(id => engine.ExpireAsync(id, cancellationToken)));
            var now = results.Count(r => r.Status == ExpireStatus.Expired);
            changed += now;
            if (due.Count < BatchSize || now == 0)
            {
                break;
            }
        }

        if (changed > 0)
        {
            log.LogInformation("Expiry: {Count} orders reached their time", changed);
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (StoreUnavailableException unavailable)
            {
                log.LogWarning("Expiry sweep: the store is unavailable ({Reason}); will retry", unavailable.Message);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                log.LogError(error, "Expiry sweep failed; will retry");
            }
        }
    }
}
