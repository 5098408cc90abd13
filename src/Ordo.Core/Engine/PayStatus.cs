namespace Ordo.Core.Engine;

public enum PayStatus
{
    /// <summary>The payment went into the order's escrow; the order is open.</summary>
    Paid,

    /// <summary>This reference was applied before; nothing changed.</summary>
    Duplicate,

    NotFound,

    /// <summary>The order does not wait for a payment from outside (it is paid from a balance).</summary>
    NotPaidFromOutside,

    /// <summary>
    /// The money arrived but cannot open the order (it was cancelled or timed out meanwhile, was
    /// already paid, or the amount differs): all of it is owed back, recorded as one payout.
    /// </summary>
    Returned,
}
