using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Testing;

namespace Ordo.Server.Tests.Auth;

/// <summary>
/// The per-node cache of credentials on a real store: found credentials are kept, misses are not (a
/// key issued a moment ago works at once, random keys fill nothing), a change through the store
/// empties it before the change is answered, a read that a change overtook is not kept, and it never
/// holds more than its capacity.
/// </summary>
public sealed class CredentialCacheTests : IAsyncLifetime
{
    private readonly ScratchDatabase _database = new();
    private IOrderStore _store = null!;
    private Administration _admin = null!;
    private CredentialIssuer _issuer = null!;
    private long _account;

    public async Task InitializeAsync()
    {
        _store = _database.Open();
        _admin = new Administration(_store, new ManualClock());
        _issuer = new CredentialIssuer(_admin, SecretBox.ForDatabase(_database.Path, null));
        _account = (await _admin.CreateAccountAsync("someone", null)).Id;
    }

    public Task DisposeAsync()
    {
        ((IDisposable)_store).Dispose();
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Found_credentials_are_kept_and_misses_are_not()
    {
        var lookup = await ActiveLookupAsync();
        var key = (await _issuer.FeeeAsync(_account)).Credential!.Key!;

        (await lookup.FindAsync(DialectNames.Feee, Secrets.Hash(key), default)).ShouldNotBeNull();
        lookup.Cache.TryFind(DialectNames.Feee, Secrets.Hash(key), out var kept).ShouldBeTrue();
        kept!.AccountId.ShouldBe(_account);
        for (var i = 0; i < 100; i++)
        {
            (await lookup.FindAsync(DialectNames.Feee, Secrets.Hash("random-" + i), default)).ShouldBeNull();
        }

        lookup.Cache.Count.ShouldBe(1, "misses are not kept");
        var fresh = (await _issuer.FeeeAsync(_account)).Credential!.Key!;
        (await lookup.FindAsync(DialectNames.Feee, Secrets.Hash(fresh), default)).ShouldNotBeNull("a key issued a moment ago works at once");
    }

    [Fact]
    public async Task A_revocation_through_the_store_empties_the_cache_before_it_is_answered()
    {
        var lookup = await ActiveLookupAsync();
        var feee = (await _issuer.FeeeAsync(_account)).Credential!;
        var wallet = (await _issuer.TanxAsync(_account, "0x" + new string('b', 40))).Credential!;
        (await lookup.FindAsync(DialectNames.Feee, Secrets.Hash(feee.Key!), default)).ShouldNotBeNull();
        (await lookup.GetAsync(wallet.Id, default)).ShouldNotBeNull();
        lookup.Cache.Holds(feee.Id).ShouldBeTrue();
        lookup.Cache.Holds(wallet.Id).ShouldBeTrue();

        (await _admin.RevokeCredentialAsync(_account, feee.Id)).ShouldBe(RevokeStatus.Revoked);

        lookup.Cache.Count.ShouldBe(0);
        (await lookup.FindAsync(DialectNames.Feee, Secrets.Hash(feee.Key!), default)).ShouldBeNull();
        (await lookup.GetAsync(wallet.Id, default)).ShouldNotBeNull("other credentials are read again");
    }

    [Fact]
    public async Task A_read_overtaken_by_a_change_is_not_kept()
    {
        var lookup = await ActiveLookupAsync();
        var feee = (await _issuer.FeeeAsync(_account)).Credential!;
        var lookupKey = Secrets.Hash(feee.Key!);
        var mark = lookup.Cache.Mark;
        var read = await _store.FindCredentialAsync(DialectNames.Feee, lookupKey);

        (await _admin.RevokeCredentialAsync(_account, feee.Id)).ShouldBe(RevokeStatus.Revoked);
        lookup.Cache.Keep(DialectNames.Feee, lookupKey, read, mark);

        lookup.Cache.TryFind(DialectNames.Feee, lookupKey, out _).ShouldBeFalse("the row was read before the revocation");
        (await lookup.FindAsync(DialectNames.Feee, lookupKey, default)).ShouldBeNull();
    }

    [Fact]
    public async Task The_cache_never_holds_more_than_its_capacity()
    {
        var cache = new CredentialCache(_store, capacity: 4);
        await CachedCredentials.Until(() => cache.Active);
        for (var i = 0; i < 50; i++)
        {
            cache.Keep(DialectNames.Feee, "key-" + i, Credential(i), cache.Mark);
            cache.Keep(i, Credential(i), cache.Mark);
            cache.Count.ShouldBeLessThanOrEqualTo(4);
        }

        cache.TryGet(49, out var last).ShouldBeTrue("the newest is kept");
        last!.Id.ShouldBe(49);
    }

    private async Task<CredentialLookup> ActiveLookupAsync()
    {
        var lookup = new CredentialLookup(_store, new ServerOptions());
        await CachedCredentials.Until(() => lookup.Cache.Active);
        return lookup;
    }

    private Credential Credential(long id) =>
        new(id, _account, DialectNames.Feee, "key-" + id, "hash", null, [Scopes.OrdersRead], new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);
}
