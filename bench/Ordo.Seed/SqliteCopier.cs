using Microsoft.Data.Sqlite;

using Ordo.Core;

namespace Ordo.Seed;

/// <summary>Copies on SQLite: one prepared insert per table and column list, reused in each transaction.</summary>
public sealed class SqliteCopier : Copier
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _inserts = [];
    private SqliteTransaction? _tx;

    public SqliteCopier(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL");
        // A seed is made once and checkpointed at the end: no fsync per transaction, a large page cache.
        Execute("PRAGMA synchronous = OFF");
        Execute("PRAGMA cache_size = -262144");
    }

    public override List<Row> Read(string table, string column, object value, string order = "1")
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE {column} = $v ORDER BY {order}";
        command.Parameters.AddWithValue("$v", value);
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

    public override object NewUuid() => Guid.NewGuid().ToString();

    public override long MaxOrderId() => Scalar("SELECT coalesce(max(id), 0) FROM orders");

    public override long MaxMovementId() => Scalar("SELECT coalesce(max(movement_id), 0) FROM ledger_entries");

    public override void Begin()
    {
        _tx = _connection.BeginTransaction();
        foreach (var insert in _inserts.Values)
        {
            insert.Transaction = _tx;
        }
    }

    public override void Insert(string table, Row row)
    {
        var key = table + ":" + string.Join(',', row.Columns);
        if (!_inserts.TryGetValue(key, out var command))
        {
            command = _connection.CreateCommand();
            command.Transaction = _tx;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", row.Columns)}) VALUES ({string.Join(", ", row.Columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < row.Columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }

            command.Prepare();
            _inserts[key] = command;
        }

        for (var i = 0; i < row.Values.Length; i++)
        {
            command.Parameters[i].Value = row.Values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public override void AddToBalance(long account, string asset, decimal available, decimal locked)
    {
        var now = Read("balances", "account_id", account).SingleOrDefault(r => (string)r["asset"]! == asset);
        var oldAvailable = now is null ? 0m : decimal.Parse((string)now["available"]!, System.Globalization.CultureInfo.InvariantCulture);
        var oldLocked = now is null ? 0m : decimal.Parse((string)now["locked"]!, System.Globalization.CultureInfo.InvariantCulture);
        using var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = "INSERT INTO balances (account_id, asset, available, locked) VALUES ($a, $s, $av, $lo) " +
            "ON CONFLICT (account_id, asset) DO UPDATE SET available = excluded.available, locked = excluded.locked";
        command.Parameters.AddWithValue("$a", account);
        command.Parameters.AddWithValue("$s", asset);
        command.Parameters.AddWithValue("$av", Decimals.ToText(oldAvailable + available));
        command.Parameters.AddWithValue("$lo", Decimals.ToText(oldLocked + locked));
        command.ExecuteNonQuery();
    }

    public override void Commit()
    {
        _tx!.Commit();
        _tx = null;
    }

    public override void Finish(long lastOrderId, long lastMovementId)
    {
        Execute("ANALYZE");
        Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public override void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _connection.Dispose();
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
