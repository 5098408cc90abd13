namespace Ordo.Core.Engine;

public enum PlaceStatus
{
    Placed,

    /// <summary>The account already has an order with this client order id; it is returned.</summary>
    DuplicateClientOrderId,

    InsufficientBalance,

    /// <summary>An open order already holds the exclusive attribute's value; it is returned.</summary>
    OpenOrderExists,

    /// <summary>A field breaks a rule (unknown market, too many decimals, below the minimum).</summary>
    Invalid,
}
