namespace Ordo.Core.Kinds;

/// <summary>How a kind is executed.</summary>
public enum FillStyle
{
    /// <summary>Fills carry a quantity (trades, energy deliveries).</summary>
    Quantity,

    /// <summary>Fills name the next stage (p2p steps, payment updates).</summary>
    Stage,
}
