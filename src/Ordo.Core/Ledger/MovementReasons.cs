namespace Ordo.Core.Ledger;

/// <summary>Why funds moved; stored on each ledger leg.</summary>
public static class MovementReasons
{
    public const string Deposit = "deposit";
    public const string Lock = "lock";
    public const string Payment = "payment";
    public const string Settle = "settle";
    public const string Release = "release";
    public const string Refund = "refund";
    public const string Fee = "fee";

    /// <summary>Owed to an address outside Ordo: moved to the external account with a payout row.</summary>
    public const string Payout = "payout";
}
