using Ordo.Core.Store;

namespace Ordo.Server.Native;

/// <summary>Deletes stored idempotent responses once they are past their retention, every hour.</summary>
public sealed class IdempotencyPurge(IIdempotencyStore store, TimeProvider clock, ILogger<IdempotencyPurge> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await store.PurgeAsync(clock.GetUtcNow() - IdempotencyRecord.Retention, stoppingToken);
                log.LogInformation("Idempotency: purged {Count} stored responses past retention", purged);
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
