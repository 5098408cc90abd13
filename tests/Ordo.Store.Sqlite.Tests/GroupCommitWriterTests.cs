using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>SQLite's migrations; the writer's contract (shared commits, a failing work undone alone) is in Ordo.Store.Tests, on both engines.</summary>
public sealed class GroupCommitWriterTests
{
    [Fact]
    public void Migrations_run_once()
    {
        using var database = new ScratchDatabase();
        SqliteOrderStore.Migrate(database.Path).ShouldBe(Migrator.All.Select(m => m.Version).ToList());
        SqliteOrderStore.Migrate(database.Path).ShouldBeEmpty();
    }
}
