namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// The TRON node did not answer in time, could not be reached, or answered something that is not
/// java-tron's API. Nothing is known to have happened on chain: the caller may try again later.
/// </summary>
public sealed class TronNodeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
