using Npgsql;

namespace Ordo.Store.Postgres;

/// <summary>
/// The writer's statements whose results a work does not need at once (inserts, updates, savepoints),
/// held back and sent in one <see cref="NpgsqlBatch"/> with the next statement that must answer, or
/// when the work ends. Why: Npgsql sends each synchronous call and waits for its answer before the
/// next (it does not pipeline dependent calls on its own), so a work of a dozen statements cost a
/// dozen round trips on the writer's one connection. A queued statement's failure surfaces at that
/// next send, still inside the work, which the writer then rolls back to its savepoint alone.
/// </summary>
internal sealed class PendingWrites(NpgsqlConnection connection)
{
    private readonly List<(NpgsqlBatchCommand Command, Action<int>? Check)> _queued = [];

    /// <summary>How many statements wait.</summary>
    public int Count => _queued.Count;

    /// <summary>How many times the queue was sent (or tried): tells whether statements queued earlier are still here.</summary>
    public int Sends { get; private set; }

    /// <summary>Queues a statement; its parameters are the caller's to add. The check gets its row count once it ran.</summary>
    public NpgsqlParameterCollection Queue(string sql, Action<int>? check = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        _queued.Add((command, check));
        return command.Parameters;
    }

    /// <summary>Forgets the statements queued after the first <paramref name="count"/> (a work given up before they were sent).</summary>
    public void TruncateTo(int count) => _queued.RemoveRange(count, _queued.Count - count);

    /// <summary>Sends what waits, if anything.</summary>
    public void Flush()
    {
        if (_queued.Count > 0)
        {
            Send().Dispose();
        }
    }

    /// <summary>
    /// Sends the queued statements and then <paramref name="answering"/> in one round trip, and returns
    /// the reader on the first result with columns (the first answering statement's, as queued
    /// statements return none). Throws the first failure, of a queued statement or of its check.
    /// </summary>
    public NpgsqlDataReader Send(params NpgsqlBatchCommand[] answering)
    {
        var queued = _queued.ToArray();
        _queued.Clear();
        Sends++;
        // Not disposed here: the reader returned still reads through it (it holds nothing else).
        var batch = new NpgsqlBatch(connection);
        foreach (var (command, _) in queued)
        {
            batch.BatchCommands.Add(command);
        }

        foreach (var command in answering)
        {
            batch.BatchCommands.Add(command);
        }

        var reader = batch.ExecuteReader();
        try
        {
            // Past the queued statements' (empty) results: each has its row count once passed.
            while (reader.FieldCount == 0 && reader.NextResult())
            {
            }

            foreach (var (command, check) in queued)
            {
                check?.Invoke(command.RecordsAffected);
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Sends the queued statements and a statement that answers with a row count; returns the count.</summary>
    public int Execute(NpgsqlBatchCommand command)
    {
        using (var reader = Send(command))
        {
            while (reader.NextResult())
            {
            }
        }

        return command.RecordsAffected;
    }

    /// <summary>Sends the queued statements and a statement that answers with one value; returns it (null when no row).</summary>
    public object? Scalar(NpgsqlBatchCommand command)
    {
        using var reader = Send(command);
        return reader.Read() ? reader.GetValue(0) : null;
    }
}
