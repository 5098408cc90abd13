using Npgsql;

using Ordo.Core.Kinds;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Store.Postgres;

/// <summary>
/// A market's open limit orders with only the columns a book is rebuilt from, oldest first. The kind and
/// state are literals so the planner can use the partial covering index orders_resting (012).
/// </summary>
internal static class RestingOrderRows
{
    private static readonly string Select =
        "SELECT id, account_id, side, price, quantity, filled_quantity FROM orders " +
        $"WHERE market = @market AND kind = '{OrderKind.Limit}' AND state = '{LimitLifecycle.Table.Initial}' ORDER BY id";

    /// <summary>Read by the writer inside its transaction.</summary>
    public static List<RestingOrder> List(NpgsqlConnection connection, string market) => Resting(Query(connection, market).List());

    /// <summary>The query, for the writer or a pooled reader; a row without a side or price is null.</summary>
    public static SqlQuery<RestingOrder?> Query(NpgsqlConnection connection, string market)
    {
        var command = connection.CreateCommand();
        command.CommandText = Select;
        command.Parameters.AddWithValue("market", market);
        return new(command, Row);
    }

    public static List<RestingOrder> Resting(IReadOnlyList<RestingOrder?> rows)
    {
        var orders = new List<RestingOrder>(rows.Count);
        foreach (var row in rows)
        {
            if (row is { } order)
            {
                orders.Add(order);
            }
        }

        return orders;
    }

    private static RestingOrder? Row(NpgsqlDataReader reader) =>
        reader.IsDBNull(2) || reader.IsDBNull(3)
            ? null
            : new RestingOrder(
                reader.GetInt64(0),
                reader.GetInt64(1),
                Enum.Parse<OrderSide>(reader.GetString(2)),
                Sql.Decimal(reader, 3),
                Sql.Decimal(reader, 4) - Sql.Decimal(reader, 5));
}
