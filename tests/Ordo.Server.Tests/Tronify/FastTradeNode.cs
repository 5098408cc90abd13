using System.Text.Json.Nodes;

using Ordo.Server.Tronify.Chain;

namespace Ordo.Server.Tests.Tronify;

/// <summary>
/// The TRON node as the server sees it (<see cref="ITronNode"/>), in process: a fixed head block,
/// every broadcast recorded; it can be down (the HTTP client's failure) or refuse a transaction.
/// </summary>
public sealed class FastTradeNode : ITronNode
{
    public static readonly TronBlockRef Head = new(60_000_123, "0000000003938f7b" + new string('a', 48), new DateTimeOffset(2026, 11, 21, 11, 59, 57, TimeSpan.Zero));

    public List<JsonObject> Broadcasts { get; } = [];

    public bool Down { get; set; }

    /// <summary>When set, the node answers a broadcast with this code instead of accepting it.</summary>
    public string? RefuseWith { get; set; }

    public Task<TronBlockRef> GetNowBlockAsync(CancellationToken cancellationToken) =>
        Down ? throw new HttpRequestException("Connection refused (127.0.0.1:9)") : Task.FromResult(Head);

    public Task<TronBroadcast> BroadcastAsync(JsonObject signedTransaction, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 10 seconds elapsing.");
        }

        if (RefuseWith is { } code)
        {
            return Task.FromResult(new TronBroadcast(false, code, "refused by the test"));
        }

        Broadcasts.Add((JsonObject)signedTransaction.DeepClone());
        return Task.FromResult(new TronBroadcast(true, null, null));
    }
}
