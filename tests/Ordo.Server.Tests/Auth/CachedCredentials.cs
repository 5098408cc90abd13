using Microsoft.Extensions.DependencyInjection;

using Ordo.Server.Auth;

namespace Ordo.Server.Tests.Auth;

/// <summary>A server's credential cache, for tests that check a credential was served from it before it was revoked.</summary>
public static class CachedCredentials
{
    // Only turns a hang into a failure: the store's watch starts in the background.
    private static readonly TimeSpan Started = TimeSpan.FromSeconds(30);

    public static CredentialCache Of(IServiceProvider services) => services.GetRequiredService<CredentialLookup>().Cache;

    /// <summary>Waits until the cache is in use (the store's watch is sure).</summary>
    public static async Task<CredentialCache> ActiveAsync(IServiceProvider services)
    {
        var cache = Of(services);
        await Until(() => cache.Active);
        return cache;
    }

    /// <summary>
    /// Waits for what a background watch does, sending <paramref name="request"/> before each look if given;
    /// the deadline bounds a hang only.
    /// </summary>
    public static async Task Until(Func<bool> condition, TimeSpan? within = null, Func<Task>? request = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Started);
        while (true)
        {
            if (request is not null)
            {
                await request();
            }

            if (condition())
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "never came");
            await Task.Delay(10);
        }
    }
}
