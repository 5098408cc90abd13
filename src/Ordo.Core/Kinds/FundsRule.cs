namespace Ordo.Core.Kinds;

/// <summary>What happens to the order's held funds when its remainder is cancelled or expires.</summary>
public enum FundsRule
{
    /// <summary>No funds pass through Ordo (store checkout, p2p paid off-platform).</summary>
    None,

    /// <summary>Funds were only locked (exchange): the remainder is released, never charged.</summary>
    ReleaseLocked,

    /// <summary>Funds were paid into escrow (rental): the unfilled share is refunded less the cancel fee.</summary>
    RefundPaid,
}
