using Ordo.Server.Tanx;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tanx;

/// <summary>Login nonces are bounded per address and in all, and only a verifying signature spends one.</summary>
public sealed class TanxNoncesTests
{
    private const string Address = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
    private readonly ManualClock _clock = new();

    [Fact]
    public void A_new_nonce_beyond_the_per_address_bound_drops_the_oldest()
    {
        var nonces = Nonces(perAddress: 2, total: 100);
        var first = nonces.Issue(Address, out _)!;
        var second = nonces.Issue(Address, out _)!;
        var third = nonces.Issue(Address, out _)!;

        nonces.Take(Address, m => m == first).ShouldBe(TanxNonces.Check.WrongSignature, "the oldest was dropped");
        nonces.Take(Address, m => m == third).ShouldBe(TanxNonces.Check.Signed);
        nonces.Take(Address, m => m == second).ShouldBe(TanxNonces.Check.Signed);
        nonces.Take(Address, m => m == second).ShouldBe(TanxNonces.Check.NoNonce, "each logs in once");
    }

    [Fact]
    public void A_wrong_signature_spends_nothing()
    {
        var nonces = Nonces(perAddress: 5, total: 100);
        var message = nonces.Issue(Address, out _)!;
        nonces.Take(Address, _ => false).ShouldBe(TanxNonces.Check.WrongSignature);
        nonces.Take(Address, m => m == message).ShouldBe(TanxNonces.Check.Signed);
    }

    [Fact]
    public void Beyond_the_overall_bound_none_is_issued_until_some_expire()
    {
        var nonces = Nonces(perAddress: 5, total: 2);
        nonces.Issue("0x" + new string('a', 40), out _).ShouldNotBeNull();
        _clock.Advance(TimeSpan.FromMinutes(1));
        nonces.Issue("0x" + new string('b', 40), out _).ShouldNotBeNull();
        nonces.Issue(Address, out var retry).ShouldBeNull();
        retry.ShouldBe(240, "the first expires four minutes from now");

        _clock.Advance(TimeSpan.FromMinutes(4));
        nonces.Issue(Address, out _).ShouldNotBeNull("the first expired and was dropped");
        nonces.Issue("0x" + new string('c', 40), out _).ShouldBeNull();
    }

    [Fact]
    public void An_expired_nonce_logs_no_one_in()
    {
        var nonces = Nonces(perAddress: 5, total: 100);
        var message = nonces.Issue(Address, out _)!;
        _clock.Advance(TimeSpan.FromMinutes(5));
        nonces.Take(Address, m => m == message).ShouldBe(TanxNonces.Check.NoNonce);
    }

    private TanxNonces Nonces(int perAddress, int total) =>
        new(_clock, new ServerOptions { Tanx = new TanxOptions { MaxNoncesPerAddress = perAddress, MaxNonces = total } });
}
