using Microsoft.Data.Sqlite;

using Ordo.Core.Kinds;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Store.Sqlite;

/// <summary>
/// A market's open limit orders with only the columns a book is rebuilt from, oldest first. The kind and
/// state are literals, which the partial covering index orders_resting (012) requires; the index is named
/// because SQLite's planner, counting equality terms, would pick orders_open_book and read every row.
/// </summary>
internal static class RestingOrderRows
{
    private static readonly string Select =
        "SELECT id, account_id, side, price, quantity, filled_quantity FROM orders INDEXED BY orders_resting " +
        $"WHERE market = $market AND kind = '{OrderKind.Limit}' AND state = '{LimitLifecycle.Table.Initial}' ORDER BY id";

    public static List<RestingOrder> List(Statements statements, string market)
    {
        var command = statements.For(Select);
        command.Parameters.Add("$market", market);
        using var reader = command.ExecuteReader();
        var orders = new List<RestingOrder>();
        while (reader.Read())
        {
            if (reader.IsDBNull(2) || reader.IsDBNull(3))
            {
                continue;
            }

            orders.Add(new RestingOrder(
                reader.GetInt64(0),
                reader.GetInt64(1),
                Enum.Parse<OrderSide>(reader.GetString(2)),
                Sql.Decimal(reader, 3),
                Sql.Decimal(reader, 4) - Sql.Decimal(reader, 5)));
        }

        return orders;
    }
}
