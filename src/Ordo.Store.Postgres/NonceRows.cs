using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>The <c>nonces</c> table: one-time values by kind and owner, each with its expiry.</summary>
internal static class NonceRows
{
    public const string List = "SELECT value, expires_at FROM nonces WHERE kind = @k AND owner = @o ORDER BY expires_at, id";

    public const string Count = "SELECT count(*), min(expires_at) FROM nonces WHERE kind = @k";

    public const string Insert = "INSERT INTO nonces (kind, owner, value, expires_at) VALUES (@k, @o, @v, @e)";

    public const string Delete = "DELETE FROM nonces WHERE kind = @k AND owner = @o AND value = @v";

    public const string DeleteExpired = "DELETE FROM nonces WHERE kind = @k AND (@o::text IS NULL OR owner = @o) AND expires_at <= @now";

    public static IReadOnlyList<Nonce> Read(NpgsqlCommand command, string kind, string owner)
    {
        using var reader = command.ExecuteReader();
        var nonces = new List<Nonce>();
        while (reader.Read())
        {
            nonces.Add(new Nonce(kind, owner, reader.GetString(0), Sql.Time(reader, 1)));
        }

        return nonces;
    }
}
