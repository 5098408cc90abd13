using Ordo.Core.Engine;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres.Tests;

/// <summary>One server node: its own store (writer, pool, leases), engine and books, on a shared database.</summary>
internal sealed class Node : IDisposable
{
    public Node(PostgresOrderStore store, TimeProvider clock)
    {
        Store = store;
        Engine = new OrderEngine(store, clock);
        Admin = new Administration(store, clock);
    }

    public PostgresOrderStore Store { get; }

    public OrderEngine Engine { get; }

    public Administration Admin { get; }

    /// <summary>Runs a command as a client would: a retryable refusal (the store unavailable for a moment) is sent again.</summary>
    public static async Task<T> RetryingAsync<T>(Func<Task<T>> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (StoreUnavailableException) when (attempt < 20)
            {
                await Task.Delay(50); // a client's back-off; no rule is timed
            }
        }
    }

    public void Dispose() => Store.Dispose();
}
