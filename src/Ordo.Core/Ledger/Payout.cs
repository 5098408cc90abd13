namespace Ordo.Core.Ledger;

/// <summary>
/// Money owed to an address outside Ordo. Ordo holds no key: the amount has left the owner's
/// balance for the external account in the same write, and the operator sends it.
/// </summary>
public sealed record Payout(
    long Id,
    long OrderId,
    long AccountId,
    string Asset,
    decimal Amount,
    string Address,
    string Reason,
    DateTimeOffset CreatedAt);
