namespace Ordo.Core.Store;

/// <summary>
/// A command's write with the caller's own addition run after it, in the same transaction, with its
/// result (an idempotent answer kept with the change it answers).
/// </summary>
public static class SameWrite
{
    public static Task<T> WriteAsync<T>(this IOrderStore store, Func<IOrderTransaction, T> work, Action<IOrderTransaction, T>? sameWrite, CancellationToken cancellationToken) =>
        sameWrite is null
            ? store.WriteAsync(work, cancellationToken)
            : store.WriteAsync(
                tx =>
                {
                    var result = work(tx);
                    sameWrite(tx, result);
                    return result;
                },
                cancellationToken);
}
