using Ordo.Core.Orders;

namespace Ordo.Server.Tronify;

/// <summary>
/// Tronify's <c>orderStatus</c>: open for sellers (also when partly sold) <c>wait_sale</c>, fully sold
/// <c>complete</c> (also after the lease ends); decisions: <c>cancel</c> and <c>timeout</c>.
/// <c>wait_deposit_send</c>: a <c>fastTrade</c> order whose on-chain payment has not been accepted yet.
/// </summary>
public static class TronifyStatus
{
    public const string WaitSale = "wait_sale";
    public const string WaitDepositSend = "wait_deposit_send";

    public static string Of(OrderState state) => state switch
    {
        OrderState.Pending => WaitDepositSend,
        OrderState.Open => WaitSale,
        OrderState.Filled or OrderState.Completed => "complete",
        OrderState.Cancelled => "cancel",
        OrderState.Expired => "timeout",
        _ => WaitDepositSend,
    };
}
