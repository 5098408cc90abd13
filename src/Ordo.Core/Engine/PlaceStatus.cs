namespace Ordo.Core.Engine;

public enum PlaceStatus
{
    Placed,

    /// <summary>The account already has an order with this client order id; it is returned.</summary>
    DuplicateClientOrderId,

    InsufficientBalance,

    /// <summary>A field breaks a rule (unknown market, too many decimals, below the minimum).</summary>
    Invalid,
}
