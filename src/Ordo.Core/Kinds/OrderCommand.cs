namespace Ordo.Core.Kinds;

/// <summary>The commands that move an existing order (placing creates it in the kind's initial state).</summary>
public enum OrderCommand
{
    Fill,
    Cancel,
    Expire,

    /// <summary>A payment made outside Ordo (on chain) arrived for an order placed unpaid.</summary>
    Pay,
}
