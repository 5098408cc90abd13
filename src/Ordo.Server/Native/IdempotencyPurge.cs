using Ordo.Core.Store;
using Ordo.Server.Hosting;

namespace Ordo.Server.Native;

/// <summary>
/// Deletes stored idempotent responses once they are past their retention, every hour; of several
/// nodes on one database, only the one holding the job's lease purges.
/// </summary>
public sealed class IdempotencyPurge(IIdempotencyStore store, IWorkerLeases leases, TimeProvider clock, ILogger<IdempotencyPurge> log) : BackgroundService
{
    /// <summary>The job's lease name.</summary>
    public const string Job = "idempotency-purge";

    private readonly JobLease _lease = new(leases, Job, log);

    /// <summary>One round: purges (how many went) when this node holds the lease, else null.</summary>
    public async Task<int?> RoundAsync(CancellationToken cancellationToken = default)
    {
        if (!await _lease.HoldsAsync(cancellationToken))
        {
            return null;
        }

        var purged = await store.PurgeAsync(clock.GetUtcNow() - IdempotencyRecord.Retention, cancellationToken);
        log.LogInformation("Idempotency: purged {Count} stored responses past retention", purged);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (StoreUnavailableException unavailable)
            {
                log.LogWarning("Idempotency purge: the store is unavailable ({Reason}); will retry", unavailable.Message);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                log.LogError(error, "Idempotency purge failed; will retry");
            }
        }
    }
}
