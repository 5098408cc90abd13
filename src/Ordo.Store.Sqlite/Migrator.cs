using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite;

/// <summary>Runs the numbered <c>Migrations/NNN_name.sql</c> files not yet applied, each in its own transaction.</summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All.Count == 0 ? 0 : All[^1].Version;

    /// <summary>Applies what is missing; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Run(SqliteConnection connection)
    {
        Sql.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        var applied = new List<int>();
        foreach (var (version, name, sql) in All)
        {
            using var tx = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.Transaction = tx;
            check.CommandText = "SELECT count(*) FROM schema_migrations WHERE version = $v";
            check.Parameters.AddWithValue("$v", version);
            if ((long)check.ExecuteScalar()! > 0)
            {
                continue;
            }

            using var run = connection.CreateCommand();
            run.Transaction = tx;
            run.CommandText = sql;
            run.ExecuteNonQuery();
            using var mark = connection.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$n", name);
            mark.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            mark.ExecuteNonQuery();
            tx.Commit();
            applied.Add(version);
        }

        return applied;
    }

    public static int AppliedVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return (int)(long)command.ExecuteScalar()!;
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                // Resource names look like Ordo.Store.Sqlite.Migrations.001_initial.sql
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
