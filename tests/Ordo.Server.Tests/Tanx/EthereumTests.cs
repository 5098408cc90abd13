using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx;

/// <summary>personal_sign (through Nethereum) against vectors published with web3.js (accounts.sign), so the recovery is checked against another implementation.</summary>
public sealed class EthereumTests
{
    private const string Key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Address = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

    [Fact]
    public void The_address_of_a_known_key()
    {
        Ethereum.AddressOf(Key).ShouldBe(Address);
        Convert.ToHexStringLower(Ethereum.Keccak256([])).ShouldBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    [Fact]
    public void A_published_signature_recovers_its_signer()
    {
        Convert.ToHexStringLower(Ethereum.PersonalMessageHash("Some data")).ShouldBe("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655");
        const string signature = "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";
        Ethereum.RecoverSigner("Some data", signature).ShouldBe(Address);
        Ethereum.PersonalSign("Some data", Key).ShouldBe(signature, "deterministic k gives the wallet's own signature");
    }

    [Theory]
    [InlineData("Some other data")]
    [InlineData("")]
    public void Another_message_recovers_someone_else(string message)
    {
        const string signature = "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";
        Ethereum.RecoverSigner(message, signature).ShouldNotBe(Address);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x1234")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, no")]
    [InlineData("0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291d")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001b")]
    public void Malformed_signatures_recover_no_one(string signature) =>
        Ethereum.RecoverSigner("Some data", signature).ShouldBeNull();

    [Theory]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000005", "0000000000000000000000000000000000000000000000000000000000000001")]
    public void Out_of_range_r_and_s_recover_no_one_and_never_throw(string r, string s)
    {
        foreach (var v in new[] { "1b", "1c", "00", "01" })
        {
            Ethereum.RecoverSigner("Some data", $"0x{r}{s}{v}").ShouldNotBe(Address);
        }
    }

    [Fact]
    public void Random_signatures_never_throw()
    {
        var random = new Random(9);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[65];
            random.NextBytes(bytes);
            bytes[64] = (byte)(27 + (i % 2));
            Should.NotThrow(() => Ethereum.RecoverSigner("Some data", Convert.ToHexString(bytes)));
        }
    }

    [Fact]
    public void Signing_and_recovering_round_trip_for_other_keys()
    {
        for (var i = 1; i <= 20; i++)
        {
            var key = Convert.ToHexStringLower(Ethereum.Keccak256([(byte)i]));
            var message = $"nonce {i}";
            Ethereum.RecoverSigner(message, Ethereum.PersonalSign(message, key)).ShouldBe(Ethereum.AddressOf(key));
        }
    }
}
