using System.Text;
using System.Text.Json;

using Microsoft.Data.Sqlite;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>Queries shared by the writer (inside its transaction) and the readers (committed data).</summary>
internal static class StoreReads
{
    public static Order? FindOrder(SqliteConnection connection, OrderRef reference, long? accountId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {OrderRows.Columns} FROM orders WHERE {OrderRows.Where(reference, command.Parameters, accountId)} LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? OrderRows.Read(reader) : null;
    }

    public static List<Order> ListOrders(SqliteConnection connection, OrderQuery q)
    {
        using var command = connection.CreateCommand();
        var where = Filter(q, command.Parameters);
        var oldestFirst = q.Sort == OrderSort.OldestFirst;
        if (q.BeforeId is { } before)
        {
            where.Append(oldestFirst ? " AND id > $cursor" : " AND id < $cursor");
            command.Parameters.Add("$cursor", before);
        }

        // Prices are exact text; REAL is good enough to order them (never to compute with them).
        var orderBy = q.Sort switch
        {
            OrderSort.OldestFirst => "id ASC",
            OrderSort.PriceHighFirst => "CAST(price AS REAL) DESC, id ASC",
            OrderSort.PriceLowFirst => "CAST(price AS REAL) ASC, id ASC",
            OrderSort.Any => null,
            _ => "id DESC",
        };
        command.Parameters.Add("$limit", q.Limit);
        command.Parameters.Add("$offset", q.Offset);
        command.CommandText = $"SELECT {OrderRows.Columns} FROM orders WHERE {where}{(orderBy is null ? "" : " ORDER BY " + orderBy)} LIMIT $limit OFFSET $offset";
        using var reader = command.ExecuteReader();
        var orders = new List<Order>();
        while (reader.Read())
        {
            orders.Add(OrderRows.Read(reader));
        }

        return orders;
    }

    /// <summary>How many orders match the query's filters (cursor, limit and offset ignored).</summary>
    public static int CountOrders(SqliteConnection connection, OrderQuery q)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM orders WHERE {Filter(q, command.Parameters)}";
        return (int)(long)command.ExecuteScalar()!;
    }

    private static StringBuilder Filter(OrderQuery q, SqliteParameterCollection p)
    {
        var where = new StringBuilder("1 = 1");
        if (q.AccountId is { } account)
        {
            where.Append(" AND account_id = $account");
            p.Add("$account", account);
        }

        if (q.States is { Count: > 0 } states)
        {
            where.Append(" AND state IN (").AppendJoin(", ", states.Select((_, i) => $"$state{i}")).Append(')');
            for (var i = 0; i < states.Count; i++)
            {
                p.Add($"$state{i}", states[i].ToString());
            }
        }

        if (q.Ids is { Count: > 0 } ids)
        {
            where.Append(" AND id IN (").AppendJoin(", ", ids.Select((_, i) => $"$id{i}")).Append(')');
            for (var i = 0; i < ids.Count; i++)
            {
                p.Add($"$id{i}", ids[i]);
            }
        }

        AddFilter(where, p, "kind", q.Kind?.ToString());
        AddFilter(where, p, "market", q.Market);
        AddFilter(where, p, "side", q.Side?.ToString());
        AddFilter(where, p, "type", q.Type?.ToString());
        AddFilter(where, p, "number", q.Number);
        if (q.Search is { } search)
        {
            // instr() rather than LIKE: the text is matched literally, % and _ included.
            where.Append(" AND (instr(lower(number), lower($search)) > 0");
            if (q.SearchAttribute is { } attribute)
            {
                where.Append(" OR instr(lower(coalesce(json_extract(attributes, $search_path), '')), lower($search)) > 0");
                p.Add("$search_path", "$.\"" + attribute.Replace("\"", "", StringComparison.Ordinal) + "\"");
            }

            where.Append(')');
            p.Add("$search", search);
        }
        AddFilter(where, p, "dialect", q.Dialect);
        if (q.AttributeName is { } name)
        {
            where.Append(" AND json_extract(attributes, $attr_path) = $attr_value");
            p.Add("$attr_path", "$.\"" + name.Replace("\"", "", StringComparison.Ordinal) + "\"");
            p.Add("$attr_value", Sql.Nullable(q.AttributeValue));
        }

        if (q.CreatedFrom is { } from)
        {
            where.Append(" AND created_at >= $from");
            p.Add("$from", Sql.Time(from));
        }

        if (q.CreatedTo is { } to)
        {
            where.Append(" AND created_at <= $to");
            p.Add("$to", Sql.Time(to));
        }

        return where;
    }

    public static List<OrderEvent> Events(SqliteConnection connection, long orderId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, state, actor_kind, actor_account, reason, at, data FROM order_events WHERE order_id = $o ORDER BY seq";
        command.Parameters.Add("$o", orderId);
        using var r = command.ExecuteReader();
        var events = new List<OrderEvent>();
        while (r.Read())
        {
            events.Add(new OrderEvent(
                orderId,
                r.GetString(1),
                Enum.Parse<OrderState>(r.GetString(2)),
                new Actor(Enum.Parse<ActorKind>(r.GetString(3)), r.IsDBNull(4) ? null : r.GetInt64(4)),
                Sql.NullableString(r, 5),
                Sql.Time(r, 6),
                Sql.ReadJson(r.GetString(7)))
            { Sequence = r.GetInt64(0) });
        }

        return events;
    }

    public static List<long> DueOrderIds(SqliteConnection connection, DateTimeOffset now, int max)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM orders WHERE expires_at IS NOT NULL AND expires_at <= $now ORDER BY expires_at LIMIT $max";
        command.Parameters.Add("$now", Sql.Time(now));
        command.Parameters.Add("$max", max);
        using var r = command.ExecuteReader();
        var ids = new List<long>();
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    public static List<Balance> Balances(SqliteConnection connection, long accountId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT asset, available, locked FROM balances WHERE account_id = $a ORDER BY asset";
        command.Parameters.Add("$a", accountId);
        using var r = command.ExecuteReader();
        var balances = new List<Balance>();
        while (r.Read())
        {
            balances.Add(new Balance(accountId, r.GetString(0), Sql.Decimal(r, 1), Sql.Decimal(r, 2)));
        }

        return balances;
    }

    public static List<LedgerEntry> Ledger(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT movement_id, account_id, asset, bucket, amount, order_id, reason, at FROM ledger_entries ORDER BY id";
        using var r = command.ExecuteReader();
        var entries = new List<LedgerEntry>();
        while (r.Read())
        {
            entries.Add(new LedgerEntry(
                r.GetInt64(0), r.GetInt64(1), r.GetString(2), Enum.Parse<Bucket>(r.GetString(3)), Sql.Decimal(r, 4),
                r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), Sql.Time(r, 7)));
        }

        return entries;
    }

    public static Account? FindAccount(SqliteConnection connection, long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, email, created_at FROM accounts WHERE id = $id";
        command.Parameters.Add("$id", id);
        using var r = command.ExecuteReader();
        return r.Read() ? new Account(r.GetInt64(0), r.GetString(1), Sql.NullableString(r, 2), Sql.Time(r, 3)) : null;
    }

    public static Market? FindMarket(SqliteConnection connection, string name) => ReadMarkets(connection, name).FirstOrDefault();

    public static List<Market> Markets(SqliteConnection connection) => ReadMarkets(connection, null);

    public static long MarketVersion(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT book_version FROM markets WHERE name = $n";
        command.Parameters.Add("$n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private static List<Market> ReadMarkets(SqliteConnection connection, string? name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee FROM markets" +
            (name is null ? " ORDER BY name" : " WHERE name = $n");
        if (name is not null)
        {
            command.Parameters.Add("$n", name);
        }

        using var r = command.ExecuteReader();
        var markets = new List<Market>();
        while (r.Read())
        {
            markets.Add(new Market(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), Sql.Decimal(r, 5), Sql.Decimal(r, 6), Sql.Decimal(r, 7)));
        }

        return markets;
    }

    /// <summary>The live credential of the dialect with this key: the partial unique index answers it.</summary>
    public static Credential? FindCredential(SqliteConnection connection, string dialect, string lookupKey) =>
        Credential(connection, "dialect = $d AND lookup_key = $l AND revoked_at IS NULL", ("$d", dialect), ("$l", lookupKey));

    public static Credential? GetCredential(SqliteConnection connection, long id) =>
        Credential(connection, "id = $id AND revoked_at IS NULL", ("$id", id));

    public static Credential? Credential(SqliteConnection connection, string where, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at, demo, revoked_at " +
            $"FROM credentials WHERE {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(name, value);
        }

        using var r = command.ExecuteReader();
        return r.Read()
            ? new Credential(
                r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Sql.NullableString(r, 4), Sql.NullableString(r, 5),
                JsonSerializer.Deserialize(r.GetString(6), SqlJson.Default.ListString) ?? [],
                Sql.ReadJson(r.GetString(7)), Sql.Time(r, 8))
            {
                Demo = r.GetInt64(9) != 0,
                RevokedAt = Sql.NullableTime(r, 10),
            }
            : null;
    }

    private static void AddFilter(StringBuilder where, SqliteParameterCollection p, string column, string? value)
    {
        if (value is not null)
        {
            where.Append($" AND {column} = ${column}");
            p.Add($"${column}", value);
        }
    }
}
