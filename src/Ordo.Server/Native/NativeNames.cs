using Ordo.Core.Orders;

namespace Ordo.Server.Native;

/// <summary>The native API's names for the core's enums, both ways.</summary>
public static class NativeNames
{
    public static readonly IReadOnlyDictionary<string, OrderKind> Kinds = new Dictionary<string, OrderKind>
    {
        ["limit"] = OrderKind.Limit,
        ["rental"] = OrderKind.Rental,
        ["p2p"] = OrderKind.P2p,
        ["purchase"] = OrderKind.Purchase,
    };

    public static readonly IReadOnlyDictionary<string, OrderSide> Sides = new Dictionary<string, OrderSide>
    {
        ["buy"] = OrderSide.Buy,
        ["sell"] = OrderSide.Sell,
    };

    public static readonly IReadOnlyDictionary<string, OrderType> Types = new Dictionary<string, OrderType>
    {
        ["limit"] = OrderType.Limit,
        ["market"] = OrderType.Market,
    };

    /// <summary>The native summary states a client filters and reads.</summary>
    public static readonly IReadOnlyList<string> States = ["pending", "open", "filled", "cancelled", "expired", "rejected"];

    /// <summary>Stages a fill may name (p2p steps and purchase payment states).</summary>
    public static readonly IReadOnlyDictionary<string, OrderState> Stages = new Dictionary<string, OrderState>
    {
        ["acknowledged"] = OrderState.Acknowledged,
        ["funded_provider"] = OrderState.FundedProvider,
        ["fund_received_from_user"] = OrderState.FundReceivedFromUser,
        ["funded_user"] = OrderState.FundedUser,
        ["completed"] = OrderState.Completed,
        ["paid"] = OrderState.Paid,
        ["unpaid"] = OrderState.Unpaid,
        ["failed"] = OrderState.Failed,
        ["refunded"] = OrderState.Refunded,
        ["partially_refunded"] = OrderState.PartiallyRefunded,
    };

    public static string Kind(OrderKind kind) => kind switch
    {
        OrderKind.P2p => "p2p",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind's own state in snake_case (e.g. <c>funded_provider</c>).</summary>
    public static string Stage(OrderState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    /// <summary>Folds every kind's states into the six native ones.</summary>
    public static string State(OrderState state) => state switch
    {
        OrderState.Pending or OrderState.Submitted => "pending",
        OrderState.Filled or OrderState.Completed or OrderState.Paid or OrderState.Refunded or OrderState.PartiallyRefunded => "filled",
        OrderState.Cancelled => "cancelled",
        OrderState.Expired => "expired",
        OrderState.Rejected => "rejected",
        _ => "open",
    };

    /// <summary>All core states that fold into a native state (for filtering).</summary>
    public static IReadOnlyList<OrderState> StatesFor(string nativeState) =>
        Enum.GetValues<OrderState>().Where(s => State(s) == nativeState).ToList();

    /// <summary>An enum value's name in lower case (<c>buy</c>, <c>operator</c>), made once per value: every order written names a few.</summary>
    public static string? Lower<T>(T? value)
        where T : struct, Enum => value is { } known ? LowerNames<T>.Of(known) : null;

    private static class LowerNames<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();
    }
}
