namespace Ordo.Server.Tronify;

/// <summary>Names of the order attributes the Tronify dialect stores.</summary>
public static class TronifyAttributes
{
    public const string FromAddress = "from_address";
    public const string ReceiveAddress = "receive_address";
    public const string PledgeDay = "pledge_day";
    public const string PledgeHour = "pledge_hour";
    public const string PledgeMinute = "pledge_minute";
    public const string OrderType = "order_type";
    public const string OrderPrice = "order_price";
    public const string TradeType = "trade_type";
    public const string Source = "source";

    /// <summary>fastTrade: the unsigned payment issued to the buyer (java-tron JSON); what it pays is in it.</summary>
    public const string Transaction = "transaction";
}
