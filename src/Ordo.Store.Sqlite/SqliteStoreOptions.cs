namespace Ordo.Store.Sqlite;

public sealed record SqliteStoreOptions(string Path)
{
    /// <summary>Most writes committed together in one transaction (one fsync).</summary>
    public int MaxBatch { get; init; } = 256;
}
