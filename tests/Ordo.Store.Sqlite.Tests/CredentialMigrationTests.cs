using Microsoft.Data.Sqlite;

using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>
/// Migration 004 on a database that already has credentials: they are kept, the account holding the
/// demo native key has all its credentials marked demo, and a revoked credential frees its lookup key.
/// </summary>
public sealed class CredentialMigrationTests
{
    private const string DemoNativeKeyHash = "72e018ee220172e2f9c328080a296d8c57ff43a5a6ee762688f920edd48c1cf3";

    [Fact]
    public async Task Credentials_of_a_database_seeded_by_demo_before_004_become_demo_credentials()
    {
        using var database = new ScratchDatabase();
        using (var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            foreach (var (version, name, sql) in Migrator.All.Where(m => m.Version <= 3))
            {
                Execute(connection, sql);
                Execute(connection, $"INSERT INTO schema_migrations VALUES ({version}, '{name}', 0)");
            }

            Execute(connection, "INSERT INTO accounts VALUES (100, 'demo', NULL, 0), (101, 'real', NULL, 0)");
            Execute(connection, $"""
                INSERT INTO credentials (account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at) VALUES
                    (100, 'native', '{DemoNativeKeyHash}', NULL, NULL, '[]', '{"{}"}', 0),
                    (100, 'tanx', '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23', NULL, NULL, '[]', '{"{}"}', 0),
                    (101, 'tronify', 'tronLink', NULL, 'v1:x', '[]', '{"{}"}', 0)
                """);
        }

        SqliteOrderStore.Migrate(database.Path).ShouldContain(4);
        using var store = database.Open();
        (await store.FindCredentialAsync("native", DemoNativeKeyHash))!.Demo.ShouldBeTrue();
        (await store.FindCredentialAsync("tanx", "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"))!.Demo.ShouldBeTrue("every credential of the demo account");
        var channel = (await store.FindCredentialAsync("tronify", "tronLink"))!;
        channel.Demo.ShouldBeFalse("another account's channel of the same name is an operator's");

        var replacement = channel with { Id = 0, SealedSecret = "v1:y" };
        (await store.WriteAsync(tx => tx.InsertCredential(replacement))).ShouldBeNull("the flag is taken while the channel is live");
        await store.WriteAsync(tx =>
        {
            tx.RevokeCredential(channel.Id, DateTimeOffset.UnixEpoch.AddDays(1));
            return 0;
        });
        (await store.FindCredentialAsync("tronify", "tronLink")).ShouldBeNull();
        (await store.GetCredentialAsync(channel.Id)).ShouldBeNull();
        var revoked = (await store.WriteAsync(tx => tx.FindCredential(channel.Id)))!;
        revoked.RevokedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddDays(1));
        var added = (await store.WriteAsync(tx => tx.InsertCredential(replacement)))!;
        (await store.FindCredentialAsync("tronify", "tronLink"))!.Id.ShouldBe(added.Id, "a revoked credential frees its lookup key");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
