using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>The SQLite library the packages bring (Directory.Packages.props): a downgrade fails here.</summary>
public sealed class SqliteLibraryTests
{
    [Fact]
    public async Task The_store_runs_on_SQLite_3_50_or_later()
    {
        using var database = new ScratchDatabase();
        using var store = database.Open();

        var version = Version.Parse(await store.SqliteVersionAsync());

        version.ShouldBeGreaterThanOrEqualTo(new Version(3, 50));
    }
}
