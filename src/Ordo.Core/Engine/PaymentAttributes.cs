namespace Ordo.Core.Engine;

/// <summary>Attributes the core keeps on an order paid from outside (dialects must not use these names).</summary>
public static class PaymentAttributes
{
    /// <summary>What the payment must bring for the order's escrow.</summary>
    public const string Due = "payment_due";

    public const string RefundAddress = "refund_address";
    public const string ForwardAmount = "payment_forward";
    public const string ForwardAddress = "forward_address";

    /// <summary>The reference (a transaction id) of the payment that opened the order.</summary>
    public const string Reference = "payment_reference";

    public static bool PaidFromOutside(Orders.Order order) => order.Attributes.ContainsKey(RefundAddress);
}
