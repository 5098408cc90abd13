namespace Ordo.Core.Engine;

public enum FillStatus
{
    Applied,

    /// <summary>This external id was applied before; nothing changed.</summary>
    Duplicate,

    NotFound,

    /// <summary>The order's state takes no such fill (closed, cancelled, wrong stage).</summary>
    NotFillable,

    /// <summary>More than the unfilled remainder.</summary>
    ExceedsRemaining,

    Invalid,
}
