using System.Text.Json;

using Npgsql;

using NpgsqlTypes;

using Ordo.Core;

namespace Ordo.Store.Postgres;

/// <summary>
/// Conversions between column values and .NET values, in one place. Every parameter is typed, so a
/// null has a type and a prepared statement keeps its parameter types. Values are written exactly as
/// SQLite keeps them: decimals without trailing zeros, times at whole milliseconds in UTC, so both
/// engines read back identical values.
/// </summary>
internal static class Sql
{
    public static DateTimeOffset Millis(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static void Put(this NpgsqlParameterCollection p, string name, long value) => p.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value });

    public static void Put(this NpgsqlParameterCollection p, string name, long? value) => Typed(p, name, NpgsqlDbType.Bigint, value);

    public static void Put(this NpgsqlParameterCollection p, string name, int value) => p.Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value });

    public static void Put(this NpgsqlParameterCollection p, string name, bool value) => p.Add(new NpgsqlParameter<bool>(name, NpgsqlDbType.Boolean) { TypedValue = value });

    public static void Put(this NpgsqlParameterCollection p, string name, string? value) => Typed(p, name, NpgsqlDbType.Text, value);

    public static void Put(this NpgsqlParameterCollection p, string name, Guid value) => p.Add(new NpgsqlParameter<Guid>(name, NpgsqlDbType.Uuid) { TypedValue = value });

    public static void Put(this NpgsqlParameterCollection p, string name, decimal value) =>
        p.Add(new NpgsqlParameter<decimal>(name, NpgsqlDbType.Numeric) { TypedValue = Decimals.Normalize(value) });

    public static void Put(this NpgsqlParameterCollection p, string name, decimal? value) =>
        Typed(p, name, NpgsqlDbType.Numeric, value is { } v ? Decimals.Normalize(v) : null);

    public static void Put(this NpgsqlParameterCollection p, string name, DateTimeOffset value) =>
        p.Add(new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = Millis(value) });

    public static void Put(this NpgsqlParameterCollection p, string name, DateTimeOffset? value) =>
        Typed(p, name, NpgsqlDbType.TimestampTz, value is { } v ? Millis(v) : null);

    /// <summary>A duration as whole milliseconds, as SQLite keeps it.</summary>
    public static void PutSpan(this NpgsqlParameterCollection p, string name, TimeSpan? value) =>
        Typed(p, name, NpgsqlDbType.Bigint, value is { } v ? (long)v.TotalMilliseconds : null);

    public static void PutJson(this NpgsqlParameterCollection p, string name, IReadOnlyDictionary<string, string> value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = Json(value) });

    public static void PutJsonList(this NpgsqlParameterCollection p, string name, IEnumerable<string> value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(value.ToList(), SqlJson.Default.ListString) });

    public static void PutArray(this NpgsqlParameterCollection p, string name, string[] values) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });

    public static void PutArray(this NpgsqlParameterCollection p, string name, long[] values) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = values });

    public static string Json(IReadOnlyDictionary<string, string> value) => JsonSerializer.Serialize(value, SqlJson.Default.IReadOnlyDictionaryStringString);

    public static Dictionary<string, string> ReadJson(string text) =>
        new(JsonSerializer.Deserialize(text, SqlJson.Default.DictionaryStringString) ?? [], StringComparer.Ordinal);

    public static List<string> ReadJsonList(string text) => JsonSerializer.Deserialize(text, SqlJson.Default.ListString) ?? [];

    public static decimal Decimal(NpgsqlDataReader reader, int ordinal) => Decimals.Normalize(reader.GetDecimal(ordinal));

    public static decimal? NullableDecimal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Decimal(reader, ordinal);

    public static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableLong(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static TEnum? NullableEnum<TEnum>(NpgsqlDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<TEnum>(reader.GetString(ordinal));

    private static void Typed(NpgsqlParameterCollection p, string name, NpgsqlDbType type, object? value) =>
        p.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
}
