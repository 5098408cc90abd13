using Ordo.Server.Tanx;
using Ordo.Store.Sqlite;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tanx;

/// <summary>Login nonces are bounded per address and in all, and only a verifying signature spends one.</summary>
[Trait("Category", "SqliteOnly")] // a SQLite file of its own, whatever ORDO_TEST_STORE says
public sealed class TanxNoncesTests : IDisposable
{
    private const string Address = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
    private readonly ManualClock _clock = new();
    private readonly ScratchDatabase _database = new();
    private readonly SqliteOrderStore _store;

    public TanxNoncesTests() => _store = _database.Open();

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_new_nonce_beyond_the_per_address_bound_drops_the_oldest()
    {
        var nonces = Nonces(perAddress: 2, total: 100);
        var first = (await nonces.IssueAsync(Address)).Message!;
        var second = (await nonces.IssueAsync(Address)).Message!;
        var third = (await nonces.IssueAsync(Address)).Message!;

        (await nonces.TakeAsync(Address, m => m == first)).ShouldBe(TanxNonces.Check.WrongSignature, "the oldest was dropped");
        (await nonces.TakeAsync(Address, m => m == third)).ShouldBe(TanxNonces.Check.Signed);
        (await nonces.TakeAsync(Address, m => m == second)).ShouldBe(TanxNonces.Check.Signed);
        (await nonces.TakeAsync(Address, m => m == second)).ShouldBe(TanxNonces.Check.NoNonce, "each logs in once");
    }

    [Fact]
    public async Task A_wrong_signature_spends_nothing()
    {
        var nonces = Nonces(perAddress: 5, total: 100);
        var message = (await nonces.IssueAsync(Address)).Message!;
        (await nonces.TakeAsync(Address, _ => false)).ShouldBe(TanxNonces.Check.WrongSignature);
        (await nonces.TakeAsync(Address, m => m == message)).ShouldBe(TanxNonces.Check.Signed);
    }

    [Fact]
    public async Task Beyond_the_overall_bound_none_is_issued_until_some_expire()
    {
        var nonces = Nonces(perAddress: 5, total: 2);
        (await nonces.IssueAsync("0x" + new string('a', 40))).Message.ShouldNotBeNull();
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await nonces.IssueAsync("0x" + new string('b', 40))).Message.ShouldNotBeNull();
        var (refused, retry) = await nonces.IssueAsync(Address);
        refused.ShouldBeNull();
        retry.ShouldBe(240, "the first expires four minutes from now");

        _clock.Advance(TimeSpan.FromMinutes(4));
        (await nonces.IssueAsync(Address)).Message.ShouldNotBeNull("the first expired and was dropped");
        (await nonces.IssueAsync("0x" + new string('c', 40))).Message.ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_nonce_logs_no_one_in()
    {
        var nonces = Nonces(perAddress: 5, total: 100);
        var message = (await nonces.IssueAsync(Address)).Message!;
        _clock.Advance(TimeSpan.FromMinutes(5));
        (await nonces.TakeAsync(Address, m => m == message)).ShouldBe(TanxNonces.Check.NoNonce);
    }

    private TanxNonces Nonces(int perAddress, int total) =>
        new(_store, _clock, new ServerOptions { Tanx = new TanxOptions { MaxNoncesPerAddress = perAddress, MaxNonces = total } });
}
