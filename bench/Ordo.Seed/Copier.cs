namespace Ordo.Seed;

/// <summary>Reads template rows and writes copies on one engine, in large transactions.</summary>
public abstract class Copier : IDisposable
{
    public abstract List<Row> Read(string table, string column, object value, string order = "1");

    public abstract object NewUuid();

    public abstract long MaxOrderId();

    public abstract long MaxMovementId();

    public abstract void Begin();

    public abstract void Insert(string table, Row row);

    public abstract void AddToBalance(long account, string asset, decimal available, decimal locked);

    public abstract void Commit();

    /// <summary>Leaves the id counters past the copies and the statistics fresh.</summary>
    public abstract void Finish(long lastOrderId, long lastMovementId);

    public abstract void Dispose();
}
