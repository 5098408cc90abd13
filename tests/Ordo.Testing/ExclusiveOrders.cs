using Ordo.Core.Engine;
using Ordo.Core.Orders;

namespace Ordo.Testing;

/// <summary>Orders with an exclusive attribute (one open order per value, as XendBridge's per customer e-mail).</summary>
public static class ExclusiveOrders
{
    public const string Attribute = "customer_email";

    /// <summary>A p2p buy of the account's with this e-mail as its exclusive attribute.</summary>
    public static PlaceOrder P2p(long account, string email) => new()
    {
        Actor = Actor.Owner(account),
        AccountId = account,
        Dialect = "test",
        Kind = OrderKind.P2p,
        Side = OrderSide.Buy,
        Quantity = 5,
        Attributes = new Dictionary<string, string> { [Attribute] = email },
        ExclusiveAttribute = Attribute,
    };
}
