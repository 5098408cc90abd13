using System.Data.Common;

using Microsoft.Data.Sqlite;

using Npgsql;

using Ordo.Server.Hosting;

namespace Ordo.Server.Tests;

/// <summary>
/// Reads a server's tables directly, on either engine (the database is what <c>--db</c> names), for
/// tests that check what is stored. Parameters are written <c>@name</c>, which both drivers take.
/// </summary>
public static class DatabaseRows
{
    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> TextsAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The first column of the first row, as a number.</summary>
    public static long Number(string database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(database);
        connection.Open();
        using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static DbConnection Open(string database) => Stores.IsPostgres(database)
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString)
        : new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
