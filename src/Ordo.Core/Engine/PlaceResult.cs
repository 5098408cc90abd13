using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

public sealed record PlaceResult(PlaceStatus Status, Order? Order, string? Field = null, string? Message = null)
{
    public static PlaceResult Invalid(string field, string message) => new(PlaceStatus.Invalid, null, field, message);
}
