using Npgsql;

namespace Ordo.Store.Postgres;

/// <summary>
/// A query ready to run, with how to read one of its rows: run synchronously by the writer, inside
/// its transaction, or asynchronously on a pooled reader connection, so that a request waiting on
/// PostgreSQL holds no thread. Each query is written once for both.
/// </summary>
internal sealed class SqlQuery<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> row)
{
    public List<T> List()
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(row(reader));
            }

            return rows;
        }
    }

    public async Task<List<T>> ListAsync(CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(row(reader));
            }

            return rows;
        }
    }

    /// <summary>The first row, or the type's default when there is none.</summary>
    public T? First() => List() is [var first, ..] ? first : default;

    public async Task<T?> FirstAsync(CancellationToken cancellationToken) =>
        await ListAsync(cancellationToken) is [var first, ..] ? first : default;
}
