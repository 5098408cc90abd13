namespace Ordo.Core.Store;

/// <summary>
/// Thrown inside a write when its idempotency key was taken by a change that committed first
/// (on this node or another): the write is undone, and the caller replays the kept answer instead.
/// </summary>
public sealed class IdempotencyKeyTakenException(string scope, string key)
    : Exception($"idempotency key '{key}' of '{scope}' was taken by another request")
{
    public string Scope { get; } = scope;

    public string Key { get; } = key;
}
