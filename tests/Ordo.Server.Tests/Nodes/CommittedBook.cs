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
