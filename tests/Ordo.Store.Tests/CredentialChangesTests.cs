using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Store;

namespace Ordo.Store.Tests;

/// <summary>
/// <see cref="ICredentialChanges"/>: a store reports a change to credentials made through it before
/// the write is answered, and one made through another store on the same database (another node, or
/// the <c>ordo</c> command's process on a SQLite file) once its watch has seen it.
/// </summary>
public abstract class CredentialChangesTests(StoreEngine engine) : IDisposable
{
    // Only turns a hang into a failure; the bound itself is measured in BENCHMARKS.md.
    private static readonly TimeSpan Seen = TimeSpan.FromSeconds(30);

    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_store_watches_from_its_first_handler_on()
    {
        var changes = (ICredentialChanges)_f.Store;
        changes.WatchingCredentials.ShouldBeFalse("nothing asked to be told yet");
        changes.CredentialsChanged += () => { };
        await Until(() => changes.WatchingCredentials);
    }

    [Fact]
    public async Task Issuing_and_revoking_through_the_store_is_reported_before_the_write_is_answered()
    {
        var changes = (ICredentialChanges)_f.Store;
        var reported = 0;
        changes.CredentialsChanged += () => Interlocked.Increment(ref reported);
        var account = await _f.AccountWithAsync("TRX", 1);

        var before = Volatile.Read(ref reported);
        var added = (await _f.Admin.AddCredentialAsync(Key(account, "k1"))).Credential!;
        Volatile.Read(ref reported).ShouldBeGreaterThan(before, "an issue");

        before = Volatile.Read(ref reported);
        (await _f.Admin.RevokeCredentialAsync(account, added.Id)).ShouldBe(RevokeStatus.Revoked);
        Volatile.Read(ref reported).ShouldBeGreaterThan(before, "a revocation");
    }

    [Fact]
    public async Task A_revocation_through_another_store_on_the_same_database_is_reported()
    {
        var other = engine.Open();
        using var closing = (IDisposable)other;
        var otherAdmin = new Administration(other, _f.Clock);
        var account = await _f.AccountWithAsync("TRX", 1);
        var added = (await _f.Admin.AddCredentialAsync(Key(account, "k2"))).Credential!;
        var changes = (ICredentialChanges)_f.Store;
        var reported = 0;
        changes.CredentialsChanged += () => Interlocked.Increment(ref reported);
        await Until(() => changes.WatchingCredentials);

        var before = Volatile.Read(ref reported);
        (await otherAdmin.RevokeCredentialAsync(account, added.Id)).ShouldBe(RevokeStatus.Revoked);
        await Until(() => Volatile.Read(ref reported) > before);
        (await _f.Store.FindCredentialAsync(OrdoDialect, added.LookupKey)).ShouldBeNull();

        before = Volatile.Read(ref reported);
        await otherAdmin.AddCredentialAsync(Key(account, "k3"));
        await Until(() => Volatile.Read(ref reported) > before);
    }

    private const string OrdoDialect = "native";

    private static Credential Key(long account, string lookupKey) =>
        new(0, account, OrdoDialect, lookupKey, "hash", null, ["orders:read"], new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);

    /// <summary>Waits for what a background watch does; the wait bounds a hang only.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Seen;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the store never reported it");
            await Task.Delay(10);
        }
    }

    public sealed class OnSqlite() : CredentialChangesTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : CredentialChangesTests(new StoreEngine.Postgres());
}
