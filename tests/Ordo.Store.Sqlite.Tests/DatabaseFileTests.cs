using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>The database holds keys' hashes, sealed secrets and balances: a new file and its WAL files are owner-only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_new_database_and_its_wal_and_shm_files_are_readable_by_their_owner_only()
    {
        using var database = new ScratchDatabase();
        using var store = SqliteOrderStore.Open(new SqliteStoreOptions(database.Path));
        await store.WriteAsync(tx => tx.InsertAccount("someone", null, DateTimeOffset.UnixEpoch));

        foreach (var file in new[] { database.Path, database.Path + "-wal", database.Path + "-shm" })
        {
            File.Exists(file).ShouldBeTrue(file);
            File.GetUnixFileMode(file).ShouldBe(OwnerOnly, file);
        }
    }

    [Fact]
    public void Migrate_creates_the_file_owner_only_too()
    {
        using var database = new ScratchDatabase();
        SqliteOrderStore.Migrate(database.Path);
        File.GetUnixFileMode(database.Path).ShouldBe(OwnerOnly);
    }

    [Fact]
    public void An_existing_file_keeps_the_permissions_its_operator_chose()
    {
        using var database = new ScratchDatabase();
        SqliteOrderStore.Migrate(database.Path);
        var chosen = OwnerOnly | UnixFileMode.GroupRead;
        File.SetUnixFileMode(database.Path, chosen);
        SqliteOrderStore.Migrate(database.Path);
        File.GetUnixFileMode(database.Path).ShouldBe(chosen);
    }
}
