using Ordo.Core.Store;

namespace Ordo.Store.Tests;

/// <summary>One-time values kept in the store: listed oldest first, counted, spent once, purged when expired.</summary>
public abstract class NonceStoreTests(StoreEngine engine) : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_nonce_is_spent_once_and_belongs_to_its_kind_and_owner()
    {
        var nonce = new Nonce("login", "alice", "sign me", Noon.AddMinutes(5));
        await _f.Store.WriteAsync(tx =>
        {
            tx.InsertNonce(nonce);
            tx.InsertNonce(nonce with { Owner = "bob" });
            return 0;
        });

        (await _f.Store.WriteAsync(tx => tx.ListNonces("login", "alice"))).ShouldBe([nonce]);
        (await _f.Store.WriteAsync(tx => tx.ListNonces("order", "alice"))).ShouldBeEmpty();
        (await _f.Store.WriteAsync(tx => tx.DeleteNonce(nonce))).ShouldBeTrue();
        (await _f.Store.WriteAsync(tx => tx.DeleteNonce(nonce))).ShouldBeFalse("spent already");
        (await _f.Store.WriteAsync(tx => tx.ListNonces("login", "bob"))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Nonces_are_listed_soonest_expiry_first_counted_and_purged_when_expired()
    {
        await _f.Store.WriteAsync(tx =>
        {
            tx.InsertNonce(new Nonce("login", "alice", "late", Noon.AddMinutes(9)));
            tx.InsertNonce(new Nonce("login", "alice", "early", Noon.AddMinutes(1)));
            tx.InsertNonce(new Nonce("login", "bob", "b", Noon.AddMinutes(3)));
            return 0;
        });

        (await _f.Store.WriteAsync(tx => tx.ListNonces("login", "alice"))).Select(n => n.Value).ShouldBe(["early", "late"]);
        (await _f.Store.WriteAsync(tx => tx.CountNonces("login"))).ShouldBe((3, Noon.AddMinutes(1)));
        (await _f.Store.WriteAsync(tx => tx.DeleteExpiredNonces("login", "bob", Noon.AddMinutes(5)))).ShouldBe(1, "only bob's");
        (await _f.Store.WriteAsync(tx => tx.DeleteExpiredNonces("login", null, Noon.AddMinutes(1)))).ShouldBe(1, "expiring at now counts as expired");
        (await _f.Store.WriteAsync(tx => tx.CountNonces("login"))).ShouldBe((1, Noon.AddMinutes(9)));
        (await _f.Store.WriteAsync(tx => tx.CountNonces("order"))).ShouldBe((0, (DateTimeOffset?)null));
    }

    public sealed class OnSqlite() : NonceStoreTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : NonceStoreTests(new StoreEngine.Postgres());
}
