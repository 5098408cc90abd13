using Npgsql;

namespace Ordo.Seed;

/// <summary>
/// Copies on PostgreSQL: rows are buffered per table and written with binary COPY at each commit,
/// each column in the type the schema gives it.
/// </summary>
public sealed class PostgresCopier : Copier
{
    private readonly NpgsqlConnection _connection;
    private readonly Dictionary<string, (string[] Columns, List<object?[]> Rows)> _buffered = [];
    private readonly Dictionary<string, Dictionary<string, string>> _types = [];
    private NpgsqlTransaction? _tx;

    public PostgresCopier(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
    }

    public override List<Row> Read(string table, string column, object value, string order = "1")
    {
        using var command = new NpgsqlCommand($"SELECT * FROM {table} WHERE {column} = @v ORDER BY {order}", _connection, _tx);
        command.Parameters.AddWithValue("v", value);
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray();
            rows.Add(new Row(columns, values));
        }

        return rows;
    }

    public override object NewUuid() => Guid.NewGuid();

    public override long MaxOrderId() => Scalar("SELECT coalesce(max(id), 0) FROM orders");

    public override long MaxMovementId() => Scalar("SELECT coalesce(max(movement_id), 0) FROM ledger_entries");

    public override void Begin() => _tx = _connection.BeginTransaction();

    public override void Insert(string table, Row row)
    {
        var key = table + ":" + string.Join(',', row.Columns);
        if (!_buffered.TryGetValue(key, out var buffer))
        {
            _buffered[key] = buffer = (row.Columns, []);
        }

        buffer.Rows.Add(row.Values);
    }

    public override void AddToBalance(long account, string asset, decimal available, decimal locked)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO balances (account_id, asset, available, locked, saved) VALUES (@a, @s, @av, @lo, true) " +
            "ON CONFLICT (account_id, asset) DO UPDATE SET available = balances.available + excluded.available, locked = balances.locked + excluded.locked, saved = true",
            _connection, _tx);
        command.Parameters.AddWithValue("a", account);
        command.Parameters.AddWithValue("s", asset);
        command.Parameters.AddWithValue("av", available);
        command.Parameters.AddWithValue("lo", locked);
        command.ExecuteNonQuery();
    }

    public override void Commit()
    {
        foreach (var (key, (columns, rows)) in _buffered)
        {
            var table = key[..key.IndexOf(':')];
            var types = TypesOf(table);
            using (var copy = _connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var values in rows)
                {
                    copy.StartRow();
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (values[i] is null)
                        {
                            copy.WriteNull();
                        }
                        else
                        {
                            copy.Write(values[i], types[columns[i]]);
                        }
                    }
                }

                copy.Complete();
            }

            rows.Clear();
        }

        _tx!.Commit();
        _tx = null;
    }

    public override void Finish(long lastOrderId, long lastMovementId)
    {
        Execute($"SELECT setval('order_ids', {lastOrderId})");
        Execute($"SELECT setval('movement_ids', greatest({lastMovementId}, (SELECT last_value FROM movement_ids)))");
        Execute("ANALYZE");
    }

    public override void Dispose() => _connection.Dispose();

    private Dictionary<string, string> TypesOf(string table)
    {
        if (!_types.TryGetValue(table, out var types))
        {
            types = [];
            using var command = new NpgsqlCommand(
                "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t", _connection, _tx);
            command.Parameters.AddWithValue("t", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }

            _types[table] = types;
        }

        return types;
    }

    private long Scalar(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection, _tx);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection, _tx);
        command.ExecuteNonQuery();
    }
}
