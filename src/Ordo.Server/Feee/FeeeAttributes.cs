namespace Ordo.Server.Feee;

/// <summary>Names of the order attributes the Feee dialect stores (and reads back for its order detail).</summary>
public static class FeeeAttributes
{
    public const string ReceiveAddress = "receive_address";
    public const string ResourceType = "resource_type";
    public const string RentDuration = "rent_duration";
    public const string RentTimeUnit = "rent_time_unit";
    public const string RentTimeSecond = "rent_time_second";
    public const string PriceInSun = "price_in_sun";
    public const string ServiceAmount = "service_amount";
}
