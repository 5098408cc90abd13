using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>The writer keeps its statements prepared, and drops them after a failure: a statement that failed is not reused.</summary>
public sealed class WriterStatementTests : IDisposable
{
    private readonly EngineFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_statement_that_failed_is_prepared_again_and_gives_the_same_results()
    {
        var kept = await _f.Store.WriteAsync(tx =>
        {
            tx.RecordExternalId("test", "a");
            return ((SqliteWriteTransaction)tx).IsPrepared(SqliteWriteTransaction.InsertExternalId);
        });
        kept.ShouldBeTrue();

        // The same key again breaks the primary key: the work fails alone.
        await Should.ThrowAsync<SqliteException>(_f.Store.WriteAsync(tx =>
        {
            tx.RecordExternalId("test", "a");
            return 0;
        }));

        var (preparedBefore, known, added, unknown) = await _f.Store.WriteAsync(tx =>
        {
            var prepared = ((SqliteWriteTransaction)tx).IsPrepared(SqliteWriteTransaction.InsertExternalId);
            tx.RecordExternalId("test", "b");
            return (prepared, tx.HasExternalId("test", "a"), tx.HasExternalId("test", "b"), tx.HasExternalId("test", "c"));
        });

        preparedBefore.ShouldBeFalse();
        (known, added, unknown).ShouldBe((true, true, false));
    }
}
