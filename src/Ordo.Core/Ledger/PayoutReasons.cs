namespace Ordo.Core.Ledger;

/// <summary>Why a payout is owed; stored on each payout.</summary>
public static class PayoutReasons
{
    /// <summary>The unfilled share of a cancelled order, less the cancel fee.</summary>
    public const string Cancel = "cancel";

    /// <summary>The unfilled share of an order that expired.</summary>
    public const string Expiry = "expiry";

    /// <summary>A payment that could not open its order (closed meanwhile, already paid, another amount): all of it.</summary>
    public const string Returned = "returned";

    /// <summary>The part of a payment carried for someone else.</summary>
    public const string Forward = "forward";
}
