using System.Globalization;
using System.Text.Json;

using Microsoft.Data.Sqlite;

using Ordo.Core;

namespace Ordo.Store.Sqlite;

/// <summary>Conversions between column values and .NET values, in one place.</summary>
internal static class Sql
{
    /// <summary>Runs one statement that returns nothing (a pragma, a migration step), not kept prepared.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object Text(decimal value) => Decimals.ToText(value);

    public static object Text(decimal? value) => value is { } v ? Decimals.ToText(v) : DBNull.Value;

    public static object Nullable(object? value) => value ?? DBNull.Value;

    public static object Time(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object Time(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static object Span(TimeSpan? value) => value is { } v ? (long)v.TotalMilliseconds : DBNull.Value;

    public static object Json(IReadOnlyDictionary<string, string> value) => JsonSerializer.Serialize(value, SqlJson.Default.IReadOnlyDictionaryStringString);

    public static Dictionary<string, string> ReadJson(string text) =>
        new(JsonSerializer.Deserialize(text, SqlJson.Default.DictionaryStringString) ?? [], StringComparer.Ordinal);

    public static decimal Decimal(SqliteDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal? NullableDecimal(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Decimal(reader, ordinal);

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Time(SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static TEnum? NullableEnum<TEnum>(SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<TEnum>(reader.GetString(ordinal));

    public static void Add(this SqliteParameterCollection parameters, string name, object value) =>
        parameters.AddWithValue(name, value);

    /// <summary>For SQL built together with its parameters, before its kept command is taken (<see cref="Statements"/>).</summary>
    public static void Add(this List<SqliteParameter> parameters, string name, object value) =>
        parameters.Add(new SqliteParameter(name, value));
}
