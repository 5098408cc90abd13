namespace Ordo.Core.Orders;

/// <summary>Price instruction of a limit-kind order.</summary>
public enum OrderType
{
    Limit,
    Market,
}
