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
    public static Order? FindOrder(Statements statements, OrderRef reference, long? accountId)
    {
        var p = new List<SqliteParameter>(2);
        var command = statements.For($"SELECT {OrderRows.Columns} FROM orders WHERE {OrderRows.Where(reference, p, accountId)} LIMIT 1", p);
        using var reader = command.ExecuteReader();
        return reader.Read() ? OrderRows.Read(reader) : null;
    }

    public static List<Order> ListOrders(Statements statements, OrderQuery q)
    {
        var (sql, p) = ListSql(q);
        var command = statements.For(sql, p);
        using var reader = command.ExecuteReader();
        var orders = new List<Order>();
        while (reader.Read())
        {
            orders.Add(OrderRows.Read(reader));
        }

        return orders;
    }

    /// <summary>The statement <see cref="ListOrders"/> runs for a query, and its parameters (plan tests read it too).</summary>
    internal static (string Sql, List<SqliteParameter> Parameters) ListSql(OrderQuery q)
    {
        var p = new List<SqliteParameter>();
        var where = Filter(q, p);
        var oldestFirst = q.Sort == OrderSort.OldestFirst;
        if (q.BeforeId is { } before)
        {
            where.Append(oldestFirst ? " AND id > $cursor" : " AND id < $cursor");
            p.Add("$cursor", before);
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
        p.Add("$limit", q.Limit);
        p.Add("$offset", q.Offset);
        return ($"SELECT {OrderRows.Columns} FROM orders WHERE {where}{(orderBy is null ? "" : " ORDER BY " + orderBy)} LIMIT $limit OFFSET $offset", p);
    }

    /// <summary>How many orders match the query's filters (cursor, limit and offset ignored).</summary>
    public static int CountOrders(Statements statements, OrderQuery q)
    {
        var p = new List<SqliteParameter>();
        var where = Filter(q, p);
        var command = statements.For($"SELECT count(*) FROM orders WHERE {where}", p);
        return (int)(long)command.ExecuteScalar()!;
    }

    private static StringBuilder Filter(OrderQuery q, List<SqliteParameter> p)
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

        if (q.AttributeName is not null && q.Kind is { } kind)
        {
            // A literal (an enum name, never caller text): the partial index orders_p2p_by_account (014) depends on
            // the kind, and SQLite re-prepares a statement whose plan depends on a parameter each time it is bound.
            where.Append(" AND kind = '").Append(kind.ToString()).Append('\'');
        }
        else
        {
            AddFilter(where, p, "kind", q.Kind?.ToString());
        }
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

    public static List<OrderEvent> Events(Statements statements, long orderId)
    {
        var command = statements.For("SELECT seq, type, state, actor_kind, actor_account, reason, at, data FROM order_events WHERE order_id = $o ORDER BY seq");
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

    public static List<long> DueOrderIds(Statements statements, DateTimeOffset now, int max)
    {
        var command = statements.For("SELECT id FROM orders WHERE expires_at IS NOT NULL AND expires_at <= $now ORDER BY expires_at LIMIT $max");
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

    public static List<Balance> Balances(Statements statements, long accountId)
    {
        var command = statements.For("SELECT asset, available, locked FROM balances WHERE account_id = $a ORDER BY asset");
        command.Parameters.Add("$a", accountId);
        using var r = command.ExecuteReader();
        var balances = new List<Balance>();
        while (r.Read())
        {
            balances.Add(new Balance(accountId, r.GetString(0), Sql.Decimal(r, 1), Sql.Decimal(r, 2)));
        }

        return balances;
    }

    public static List<LedgerEntry> Ledger(Statements statements)
    {
        var command = statements.For("SELECT movement_id, account_id, asset, bucket, amount, order_id, reason, at FROM ledger_entries ORDER BY id");
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

    public static Account? FindAccount(Statements statements, long id)
    {
        var command = statements.For("SELECT id, name, email, created_at FROM accounts WHERE id = $id");
        command.Parameters.Add("$id", id);
        using var r = command.ExecuteReader();
        return r.Read() ? new Account(r.GetInt64(0), r.GetString(1), Sql.NullableString(r, 2), Sql.Time(r, 3)) : null;
    }

    public static Market? FindMarket(Statements statements, string name) => ReadMarkets(statements, name).FirstOrDefault();

    public static List<Market> Markets(Statements statements) => ReadMarkets(statements, null);

    public static long MarketVersion(Statements statements, string name)
    {
        var command = statements.For("SELECT book_version FROM markets WHERE name = $n");
        command.Parameters.Add("$n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private static List<Market> ReadMarkets(Statements statements, string? name)
    {
        var command = statements.For("SELECT name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee FROM markets" +
            (name is null ? " ORDER BY name" : " WHERE name = $n"));
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
    public static Credential? FindCredential(Statements statements, string dialect, string lookupKey) =>
        Credential(statements, "dialect = $d AND lookup_key = $l AND revoked_at IS NULL", ("$d", dialect), ("$l", lookupKey));

    public static Credential? GetCredential(Statements statements, long id) =>
        Credential(statements, "id = $id AND revoked_at IS NULL", ("$id", id));

    public static Credential? Credential(Statements statements, string where, params (string Name, object Value)[] parameters)
    {
        var command = statements.For(
            "SELECT id, account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at, demo, revoked_at " +
            $"FROM credentials WHERE {where}");
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

    private static void AddFilter(StringBuilder where, List<SqliteParameter> p, string column, string? value)
    {
        if (value is not null)
        {
            where.Append($" AND {column} = ${column}");
            p.Add($"${column}", value);
        }
    }
}
