namespace Ordo.Core.Orders;

/// <summary>How a caller names an order: by id, uuid, public number or client order id.</summary>
public abstract record OrderRef
{
    public sealed record ById(long Id) : OrderRef;

    public sealed record ByUuid(Guid Uuid) : OrderRef;

    public sealed record ByNumber(string Number) : OrderRef;

    public sealed record ByClientId(string ClientOrderId) : OrderRef;

    public static OrderRef Of(long id) => new ById(id);
}
