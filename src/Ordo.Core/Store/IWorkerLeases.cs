namespace Ordo.Core.Store;

/// <summary>
/// Background jobs that run on one node at a time (the expiry sweeper, the idempotency purge): a
/// node runs a round of the job only while it holds the job's lease. A lease is let go when its
/// node stops or dies, and another node takes it at its next round.
/// </summary>
public interface IWorkerLeases
{
    /// <summary>True while this process holds the job's lease, taking it when it is free.</summary>
    Task<bool> HoldsAsync(string job, CancellationToken cancellationToken = default);
}
