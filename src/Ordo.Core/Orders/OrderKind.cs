namespace Ordo.Core.Orders;

/// <summary>The four kinds of order the engine knows; each has its own lifecycle table.</summary>
public enum OrderKind
{
    /// <summary>Exchange order, filled by the matching engine.</summary>
    Limit,

    /// <summary>TRON energy rental, filled by the party that delegates.</summary>
    Rental,

    /// <summary>Staged peer-to-peer fiat/crypto trade, advanced by a provider.</summary>
    P2p,

    /// <summary>Store checkout, advanced by payment updates.</summary>
    Purchase,
}
