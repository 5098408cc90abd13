namespace Ordo.Core.Orders;

public enum OrderSide
{
    Buy,
    Sell,
}
