using Npgsql;

using Ordo.Store.Postgres;

namespace Ordo.Testing;

/// <summary>
/// A fresh schema on the test PostgreSQL server (<c>ORDO_TEST_POSTGRES</c>), dropped afterwards:
/// the store's twin of <see cref="ScratchDatabase"/>. Without the server the test fails, never skips.
/// </summary>
public sealed class ScratchPostgres : IDisposable
{
    public const string Variable = "ORDO_TEST_POSTGRES";

    public ScratchPostgres()
    {
        Server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {Variable}; run `scripts/with-postgres.sh dotnet test Ordo.sln`");
        Schema = "ordo_t_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE SCHEMA {Schema}");
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { SearchPath = Schema }.ConnectionString;
    }

    /// <summary>The server's connection string, without a schema.</summary>
    public string Server { get; }

    public string Schema { get; }

    /// <summary>The server's connection string with this schema as the search path.</summary>
    public string ConnectionString { get; }

    public PostgresOrderStore Open() => PostgresOrderStore.Open(new PostgresStoreOptions(ConnectionString));

    public PostgresOrderStore Open(Func<PostgresStoreOptions, PostgresStoreOptions> options) =>
        PostgresOrderStore.Open(options(new PostgresStoreOptions(ConnectionString)));

    public void Dispose()
    {
        try
        {
            Execute($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
        catch (NpgsqlException)
        {
            // The server is gone (a test stopped it); the throwaway cluster is removed with its schemas.
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
