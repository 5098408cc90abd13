using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// Learns of credential changes made through any node: a connection of its own <c>LISTEN</c>s to the
/// channel that every change notifies when it commits (migrations 010, 013), and reports each
/// notification of its schema, its own writer's included (reported twice: emptying twice costs nothing).
/// When the connection breaks the watch is dropped at once (caches are bypassed and emptied); a new
/// connection listens again after <see cref="RetryDelay"/>, and the watch is sure again only then
/// (caches are emptied once more: notifications sent meanwhile are lost). A connection that breaks
/// silently shows it at the next probe: after <see cref="ProbeAfter"/> without a notification, one
/// <c>SELECT 1</c> must answer within <see cref="ProbeTimeoutSeconds"/>.
/// </summary>
internal sealed class CredentialListener(string connectionString, CredentialSignal signal) : IDisposable
{
    public const string Channel = "ordo_credentials";
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(1);
    public const int ProbeTimeoutSeconds = 2;

    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private Task? _loop;

    /// <summary>The listening session's backend process id while it listens, for tests that end it.</summary>
    public int? ProcessId { get; private set; }

    public void Start() => _loop = Task.Run(LoopAsync);

    public void Dispose()
    {
        // A store may be disposed twice (a test stops a node, then disposes it).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop?.Wait();
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing else to report at close.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = ProbeTimeoutSeconds };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(builder.ConnectionString);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Broken or refused: below, the watch is dropped and listening starts over.
            }
            catch (Exception)
            {
                return;
            }
            finally
            {
                ProcessId = null;
                if (signal.Watching)
                {
                    signal.Watch(false);
                }
            }

            try
            {
                await Task.Delay(RetryDelay, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(string listening)
    {
        await using var connection = new NpgsqlConnection(listening);
        string? schema = null;
        connection.Notification += (_, notification) =>
        {
            // Another schema's installation is ignored. This store's own writer's changes are reported again
            // here: a commit whose outcome the writer could not see (a timeout at COMMIT) is known only from this.
            if (notification.Payload == schema)
            {
                signal.Changed();
            }
        };
        await connection.OpenAsync(_stop.Token);
        await using (var listen = new NpgsqlCommand("SELECT current_schema()", connection))
        {
            schema = (string?)await listen.ExecuteScalarAsync(_stop.Token);
        }

        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(_stop.Token);
        }

        ProcessId = connection.ProcessID;
        signal.Watch(true);
        await using var probe = new NpgsqlCommand("SELECT 1", connection);
        while (true)
        {
            if (!await connection.WaitAsync(ProbeAfter, _stop.Token))
            {
                await probe.ExecuteScalarAsync(_stop.Token);
            }
        }
    }
}
