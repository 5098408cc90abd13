using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Npgsql;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// A market's book written out line by line (side, price, level volume, then each order's id and
/// remainder in priority), once from the committed open orders (a query of the <c>orders</c> table)
/// and once from a node's depth answer (<c>GET /v1/markets/{name}/book</c>), so the two compare as text.
/// </summary>
public static class CommittedBook
{
    /// <summary>Open limit orders of the market as the database holds them: best price first, oldest first within a price.</summary>
    public static async Task<string> ReadAsync(string connectionString, string market)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, side, price, quantity - filled_quantity FROM orders WHERE kind = 'Limit' AND market = @market AND state = 'Open' ORDER BY id",
            connection);
        command.Parameters.AddWithValue("market", market);
        var open = new List<(long Id, bool Bid, decimal Price, decimal Remaining)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                open.Add((reader.GetInt64(0), string.Equals(reader.GetString(1), "buy", StringComparison.OrdinalIgnoreCase), reader.GetDecimal(2), reader.GetDecimal(3)));
            }
        }

        var text = new StringBuilder();
        foreach (var (bid, levels) in new[] { (true, open.Where(o => o.Bid).GroupBy(o => o.Price).OrderByDescending(l => l.Key)), (false, open.Where(o => !o.Bid).GroupBy(o => o.Price).OrderBy(l => l.Key)) })
        {
            foreach (var level in levels)
            {
                Line(text, bid, level.Key, level.Sum(o => o.Remaining), level.OrderBy(o => o.Id).Select(o => (o.Id, o.Remaining)));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Every listed node serves the committed book of <paramref name="market"/>, twice: first as it stands
    /// (rebuilt from the store if another node changed the market since this node's last write), then after
    /// a few writes through that node alone (crossing places and a cancel), which it applies to the book it
    /// keeps in memory, so the second answer is its own incrementally kept book, not a rebuild.
    /// </summary>
    public static async Task ShouldBeServedByAsync(NodeTraffic traffic, IEnumerable<int> nodes, string connectionString, string market, string because)
    {
        foreach (var node in nodes)
        {
            await ShouldServeAsync(traffic, node, connectionString, market, $"{because}, node {node} as it stands");
            var resting = traffic.Limit(0, market, "buy", 99.01m, keyed: true);
            foreach (var op in new[] { traffic.Limit(1, market, "sell", 99.80m, keyed: true), traffic.Limit(2, market, "buy", 100.20m, keyed: true), resting })
            {
                await traffic.SendAsync(op, node);
            }

            if (resting.OrderId is { } id)
            {
                await traffic.SendAsync(traffic.Cancel(0, id, keyed: true), node);
            }

            await traffic.SendAsync(traffic.Limit(1, market, "sell", 100.50m, keyed: true), node);
            await ShouldServeAsync(traffic, node, connectionString, market, $"{because}, node {node} after its own writes");
        }
    }

    private static async Task ShouldServeAsync(NodeTraffic traffic, int node, string connectionString, string market, string because)
    {
        var (status, depth) = await traffic.Client(0, node).GetJsonAsync($"/v1/markets/{market}/book");
        ((int)status).ShouldBe(200, depth.ToJsonString());
        Of(depth).ShouldBe(await ReadAsync(connectionString, market), because);
    }

    /// <summary>The book a node serves, in the same lines.</summary>
    public static string Of(JsonNode depth)
    {
        var text = new StringBuilder();
        foreach (var (bid, side) in new[] { (true, "bids"), (false, "asks") })
        {
            foreach (var level in depth[side]!.AsArray())
            {
                Line(text, bid, Number(level!["price"]), Number(level["volume"]),
                    level["orders"]!.AsArray().Select(o => (o!["id"]!.GetValue<long>(), Number(o["remaining"]))));
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, bool bid, decimal price, decimal volume, IEnumerable<(long Id, decimal Remaining)> orders) =>
        text.Append(bid ? "bid " : "ask ").Append(Text(price)).Append(" volume ").Append(Text(volume)).Append(':')
            .AppendJoin("", orders.Select(o => $" {o.Id}={Text(o.Remaining)}")).Append('\n');

    private static decimal Number(JsonNode? node) => node!.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? decimal.Parse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
        : node.GetValue<decimal>();

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
