using System.Text.Json.Nodes;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// The java-tron node Ordo talks to (<c>Tronify__TronNodeUrl</c>, its HTTP API): the reference
/// block for new transactions, the broadcast of a buyer's signed payment, and read-only contract calls
/// (Feee's <c>estimate_energy</c>). Ordo holds no key; the node only relays what the buyer signed.
/// </summary>
public interface ITronNode
{
    /// <summary>The latest block (<c>POST /wallet/getnowblock</c>), referenced by new transactions.</summary>
    Task<TronBlockRef> GetNowBlockAsync(CancellationToken cancellationToken);

    /// <summary>Sends a signed transaction (<c>POST /wallet/broadcasttransaction</c>).</summary>
    Task<TronBroadcast> BroadcastAsync(JsonObject signedTransaction, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the network has the transaction (<c>POST /wallet/gettransactionbyid</c>, which answers
    /// <c>{}</c> for an unknown txID): read only, to learn whether a payment whose broadcast failed or timed out arrived.
    /// </summary>
    Task<bool> KnowsTransactionAsync(string txId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a contract function without a transaction (<c>POST /wallet/triggerconstantcontract</c>):
    /// <paramref name="parameter"/> is the ABI-encoded arguments in hex; the answer is the energy it used, or the node's refusal.
    /// </summary>
    Task<TronConstantCall> TriggerConstantContractAsync(
        string owner, string contract, string functionSelector, string parameter, CancellationToken cancellationToken);
}

/// <summary>
/// A block as a transaction references it: its number, its 32-byte id (64 hex digits) and its time. A
/// node that answers anything else throws <see cref="TronNodeUnavailableException"/> (as <see cref="JavaTronNode"/> does).
/// </summary>
public readonly record struct TronBlockRef(long Number, string BlockId, DateTimeOffset Timestamp);

/// <summary>The node's answer to a broadcast: accepted, or its code (e.g. <c>DUP_TRANSACTION_ERROR</c>) and message.</summary>
public sealed record TronBroadcast(bool Accepted, string? Code, string? Message);

/// <summary>A constant call's outcome: the energy it used, or why the node refused it (its code and message, e.g. a REVERT).</summary>
public sealed record TronConstantCall(bool Succeeded, long EnergyUsed, string? Code, string? Message);
