using Microsoft.Data.Sqlite;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>
/// What the server has written, read straight from its SQLite file: counts and checksums of every
/// table, cheap enough to take around each request. Equal business parts mean nothing was written;
/// stored idempotent answers are kept apart, since a refusal with an Idempotency-Key is stored by design.
/// </summary>
public sealed class DatabaseFingerprint : IDisposable
{
    private const string Business = """
        SELECT 'accounts ' || (SELECT count(*) FROM accounts)
            || ' | credentials ' || (SELECT count(*) || '/' || total(length(scopes) + length(attributes)) FROM credentials)
            || ' | orders ' || (SELECT count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), 0) FROM orders)
            || ' | ledger ' || (SELECT count(*) FROM ledger_entries)
            || ' | events ' || (SELECT count(*) FROM order_events)
            || ' | trades ' || (SELECT count(*) FROM trades)
            || ' | external ids ' || (SELECT count(*) FROM external_ids)
            || ' | balances ' || (SELECT coalesce(group_concat(account_id || asset || '=' || available || '/' || locked, ';'), '') FROM balances)
            || ' | markets ' || (SELECT coalesce(group_concat(name || base || quote || price_precision || volume_precision || min_volume || maker_fee || taker_fee, ';'), '') FROM markets)
        """;

    private readonly SqliteConnection _connection;

    public DatabaseFingerprint(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        _connection.Open();
    }

    public string Take()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Business;
        return (string)command.ExecuteScalar()!;
    }

    public long StoredAnswers()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM idempotency_keys";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _connection.Dispose();
}
