using System.Text.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx;

/// <summary>
/// tanX's cancel and GET answers are now written straight from <see cref="TanxOrder"/> (its optional
/// <c>order_id</c> and <c>trades</c>) instead of a node tree patched after serialization; these pin the
/// bytes to what the node route wrote: <c>order_id</c> right after <c>id</c>, <c>trades</c> last.
/// </summary>
public sealed class TanxOrderJsonTests
{
    private static readonly TanxOrder Order = new(
        42, "6c1e5b6e-8f5e-4a1c-9a55-0d5bb3f0c2a1", "buy", "limit", null, null, "0", "cancel", "btcusdc",
        "2026-11-21T12:00:00+00:00", "2026-11-21T12:00:05+00:00", "1.5", "0.5", "1", "0.001", "0.002", 1, "cancelled by the user <é>");

    private static readonly TanxTrade Trade = new(
        9, "30000.5", "1", "30000.5", "btc", "0.002", "0.002", "btcusdc", "2026-11-21T12:00:01+00:00", "buy", "buy", 42);

    [Fact]
    public void The_cancel_answer_is_byte_for_byte_what_the_node_route_wrote()
    {
        var node = JsonSerializer.SerializeToNode(Order, TanxJson.Options)!.AsObject();
        node.Insert(1, "order_id", Order.Id);

        var written = JsonSerializer.Serialize<object>(Order with { OrderId = Order.Id }, TanxJson.Options);

        written.ShouldBe(node.ToJsonString(TanxJson.Options));
        written.ShouldStartWith("""{"id":42,"order_id":42,"uuid":""");
    }

    [Fact]
    public void The_get_answer_with_trades_is_byte_for_byte_what_the_node_route_wrote()
    {
        var node = JsonSerializer.SerializeToNode(Order, TanxJson.Options)!.AsObject();
        node["trades"] = JsonSerializer.SerializeToNode(new List<TanxTrade> { Trade }, TanxJson.Options);

        var written = JsonSerializer.Serialize<object>(Order with { Trades = [Trade] }, TanxJson.Options);

        written.ShouldBe(node.ToJsonString(TanxJson.Options));
        written.ShouldEndWith("""
            "cancel_reason":"cancelled by the user <é>","trades":[{"id":9,"price":"30000.5","amount":"1","total":"30000.5","fee_currency":"btc","fee":"0.002","fee_amount":"0.002","market":"btcusdc","created_at":"2026-11-21T12:00:01+00:00","taker_type":"buy","side":"buy","order_id":42}]}
            """);
    }

    [Fact]
    public void A_plain_order_has_neither_order_id_nor_trades()
    {
        var written = JsonSerializer.Serialize(Order, TanxJson.Options);

        JsonNode.Parse(written)!.AsObject().Select(p => p.Key).ShouldBe(
        [
            "id", "uuid", "side", "ord_type", "price", "stop_price", "avg_price", "state", "market", "created_at", "updated_at",
            "origin_volume", "remaining_volume", "executed_volume", "maker_fee", "taker_fee", "trades_count", "cancel_reason",
        ]);
    }
}
