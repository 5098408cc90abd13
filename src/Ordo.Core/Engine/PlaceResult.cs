using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

public sealed record PlaceResult(PlaceStatus Status, Order? Order, string? Field = null, string? Message = null)
{
    /// <summary>When a value had more decimals than its market allows: that many are allowed (dialects word it their way).</summary>
    public int? AllowedDecimals { get; init; }

    public static PlaceResult Invalid(string field, string message) => new(PlaceStatus.Invalid, null, field, message);

    public static PlaceResult TooManyDecimals(string field, int allowed, string market) =>
        Invalid(field, $"at most {allowed} decimals in market {market}") with { AllowedDecimals = allowed };
}
