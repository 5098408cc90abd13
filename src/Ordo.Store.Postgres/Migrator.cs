using Npgsql;

namespace Ordo.Store.Postgres;

/// <summary>
/// Runs the numbered <c>Migrations/NNN_name.sql</c> files not yet applied, all in one transaction
/// under a transaction-scoped advisory lock keyed on the schema: two nodes starting together
/// migrate once (the second waits, then finds nothing to do), and stores in other schemas do not wait.
/// </summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All.Count == 0 ? 0 : All[^1].Version;

    /// <summary>Applies what is missing; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Run(NpgsqlConnection connection)
    {
        using var tx = connection.BeginTransaction();
        _ = Scalar(connection, "SELECT current_schema()") as string
            ?? throw new InvalidOperationException(
                $"no schema of the search path exists ({Scalar(connection, "SHOW search_path")}); create it, or name an existing one in Search Path");
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('ordo-migrate:' || current_schema()))");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        var done = new HashSet<int>();
        using (var check = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        using (var reader = check.ExecuteReader())
        {
            while (reader.Read())
            {
                done.Add(reader.GetInt32(0));
            }
        }

        var applied = new List<int>();
        foreach (var (version, name, sql) in All.Where(m => !done.Contains(m.Version)))
        {
            Execute(connection, sql);
            using var mark = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection);
            mark.Parameters.Put("v", version);
            mark.Parameters.Put("n", name);
            mark.ExecuteNonQuery();
            applied.Add(version);
        }

        tx.Commit();
        return applied;
    }

    internal static SqlQuery<int> AppliedVersion(NpgsqlConnection connection) =>
        new(new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection), r => r.GetInt32(0));

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is var value && value is DBNull ? null : value;
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                // Resource names look like Ordo.Store.Postgres.Migrations.001_initial.sql
                var file = name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^4];
                var version = int.Parse(file[..file.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.version)
            .ToList();
    }
}
