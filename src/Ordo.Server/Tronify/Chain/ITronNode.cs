using System.Text.Json.Nodes;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// The java-tron node Ordo talks to (<c>Tronify__TronNodeUrl</c>, its HTTP API): the reference
/// block for new transactions, and the broadcast of a buyer's signed payment. Ordo holds no key;
/// the node only relays what the buyer signed.
/// </summary>
public interface ITronNode
{
    /// <summary>The latest block (<c>POST /wallet/getnowblock</c>), referenced by new transactions.</summary>
    Task<TronBlockRef> GetNowBlockAsync(CancellationToken cancellationToken);

    /// <summary>Sends a signed transaction (<c>POST /wallet/broadcasttransaction</c>).</summary>
    Task<TronBroadcast> BroadcastAsync(JsonObject signedTransaction, CancellationToken cancellationToken);
}

/// <summary>A block as a transaction references it: its number, its 32-byte id (64 hex digits) and its time.</summary>
public readonly record struct TronBlockRef(long Number, string BlockId, DateTimeOffset Timestamp);

/// <summary>The node's answer to a broadcast: accepted, or its code (e.g. <c>DUP_TRANSACTION_ERROR</c>) and message.</summary>
public sealed record TronBroadcast(bool Accepted, string? Code, string? Message);
