using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>One queued write: runs inside the batch's transaction, answered after the commit.</summary>
internal abstract class WriteRequest(long enqueuedAt)
{
    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    /// <summary>How many times it ran and lost a race with another node's write (rolled back, run again).</summary>
    public int Conflicts { get; set; }

    public abstract void Run(IOrderTransaction tx);

    public abstract void Acknowledge();

    /// <summary>Answers with the error, unless already answered (a request is answered once).</summary>
    public abstract void Fail(Exception error);
}

internal sealed class WriteRequest<T>(Func<IOrderTransaction, T> work, long enqueuedAt) : WriteRequest(enqueuedAt)
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override void Run(IOrderTransaction tx) => _result = work(tx);

    public override void Acknowledge() => _done.TrySetResult(_result!);

    public override void Fail(Exception error) => _done.TrySetException(error);
}
