namespace Ordo.Core.Engine;

public enum FillStatus
{
    Applied,

    /// <summary>This external id was applied before; nothing changed.</summary>
    Duplicate,

    NotFound,

    /// <summary>
    /// The caller may not fill this order (see <c>FillRules</c>): the owner of a rental, anyone but the
    /// assigned provider of a p2p order, another account's purchase, any limit order. Dialects answer it
    /// like <see cref="NotFound"/>, unless their platform names the case (a Tronify sale into one's own order).
    /// </summary>
    NotAllowed,

    /// <summary>The order's state takes no such fill (closed, cancelled, wrong stage).</summary>
    NotFillable,

    /// <summary>More than the unfilled remainder.</summary>
    ExceedsRemaining,

    Invalid,
}
