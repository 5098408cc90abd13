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
}
