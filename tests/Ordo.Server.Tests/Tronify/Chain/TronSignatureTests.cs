using Ordo.Server.Tronify.Chain;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tronify.Chain;

public sealed class TronSignatureTests
{
    private const string TxId = "04d6b2fc0de48335e3f159ca8b33fffb366fe01d3fcd159dd50e8c5d7fce296b";

    [Fact]
    public void The_test_wallet_signs_and_addresses_as_tronweb_does()
    {
        // tronweb 6: TronWeb.address.fromPrivateKey(1) and utils.crypto.ECKeySign(txID, 1) (v = 0x1c).
        var key = new TronTestKey("0000000000000000000000000000000000000000000000000000000000000001");
        key.Address.ShouldBe("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
        key.Sign(TxId, ethereumStyleV: true).ShouldBe("efa7f3668147bbe32b1437ba1bf1a98e67c883962af47c72584ae3a1df603d7a235b725eb0747254af26662a40317e2374bec88245a506ec1a0d741d28a7e9551c");
        key.Sign(TxId).ShouldEndWith("01");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_signature_by_the_address_key_is_its_signature_with_either_v(bool ethereumStyleV)
    {
        var buyer = TronTestKey.Random();
        TronTransfers.IsSignedBy(TxId, buyer.Sign(TxId, ethereumStyleV), buyer.Address).ShouldBeTrue();
        TronTransfers.IsSignedBy(TxId.ToUpperInvariant(), "0x" + buyer.Sign(TxId, ethereumStyleV).ToUpperInvariant(), buyer.Address).ShouldBeTrue();
    }

    [Fact]
    public void A_signature_by_another_key_is_not()
    {
        var buyer = TronTestKey.Random();
        var other = TronTestKey.Random();
        TronTransfers.IsSignedBy(TxId, other.Sign(TxId), buyer.Address).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)] // r
    [InlineData(40)] // s
    [InlineData(64)] // v: 0 <-> 1 recovers another key
    public void A_flipped_signature_byte_is_not(int index)
    {
        var buyer = TronTestKey.Random();
        var signature = Convert.FromHexString(buyer.Sign(TxId));
        signature[index] ^= 0x01;
        TronTransfers.IsSignedBy(TxId, Convert.ToHexStringLower(signature), buyer.Address).ShouldBeFalse();
    }

    [Fact]
    public void A_signature_over_another_transaction_is_not()
    {
        var buyer = TronTestKey.Random();
        var otherTxId = "14" + TxId[2..];
        TronTransfers.IsSignedBy(otherTxId, buyer.Sign(TxId), buyer.Address).ShouldBeFalse();
    }

    [Theory]
    [InlineData("02")] // recovery ids beyond 0/1 and 27/28
    [InlineData("1d")]
    [InlineData("ff")]
    public void Other_recovery_ids_are_not(string v)
    {
        var buyer = TronTestKey.Random();
        TronTransfers.IsSignedBy(TxId, buyer.Sign(TxId)[..128] + v, buyer.Address).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("0x")]
    [InlineData("abcdef")]
    public void Garbage_is_signed_by_nobody(string garbage)
    {
        var buyer = TronTestKey.Random();
        var signature = buyer.Sign(TxId);
        TronTransfers.IsSignedBy(TxId, garbage, buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(garbage, signature, buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(TxId, signature + "00", buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(TxId, "g" + signature[1..], buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(TxId, signature, garbage).ShouldBeFalse();
    }

    [Fact]
    public void Out_of_range_r_and_s_are_signed_by_nobody()
    {
        var buyer = TronTestKey.Random();
        TronTransfers.IsSignedBy(TxId, new string('0', 64) + new string('1', 64) + "00", buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(TxId, new string('f', 64) + new string('1', 64) + "00", buyer.Address).ShouldBeFalse();
        TronTransfers.IsSignedBy(TxId, new string('1', 64) + new string('f', 64) + "01", buyer.Address).ShouldBeFalse();
    }
}
