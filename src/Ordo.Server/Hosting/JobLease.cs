using Ordo.Core.Store;

namespace Ordo.Server.Hosting;

/// <summary>
/// A background job's lease, asked before each of its rounds, so that of several nodes on one
/// database one runs the job at a time. Logs when this node takes or loses the lease, once per
/// change; a store that cannot answer skips the round with a warning, like any store fault.
/// </summary>
public sealed class JobLease(IWorkerLeases leases, string job, ILogger log)
{
    private bool _held;

    /// <summary>True when this node holds the job's lease now and should run a round.</summary>
    public async Task<bool> HoldsAsync(CancellationToken cancellationToken = default)
    {
        bool held;
        try
        {
            held = await leases.HoldsAsync(job, cancellationToken);
        }
        catch (StoreUnavailableException unavailable)
        {
            log.LogWarning("{Job}: the store is unavailable to check the lease ({Reason}); the round is skipped", job, unavailable.Message);
            return false;
        }

        if (held != _held)
        {
            _held = held;
            if (held)
            {
                log.LogInformation("{Job}: this node took the lease and runs the job", job);
            }
            else
            {
                log.LogInformation("{Job}: this node lost the lease; another node runs the job", job);
            }
        }

        return held;
    }
}
