namespace Ordo.Core.Ledger;

/// <summary>
/// One leg of a double-entry movement. Every movement writes two legs that sum to zero, so the
/// sum of all legs per asset is always zero; the <see cref="SystemAccounts.External"/> account
/// is the other side of deposits.
/// </summary>
public sealed record LedgerEntry(
    long MovementId,
    long AccountId,
    string Asset,
    Bucket Bucket,
    decimal Amount,
    long? OrderId,
    string Reason,
    DateTimeOffset At);
