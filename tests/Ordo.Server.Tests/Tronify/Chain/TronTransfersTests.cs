using System.Text.Json.Nodes;

using Ordo.Server.Tronify.Chain;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tronify.Chain;

public sealed class TronTransfersTests
{
    // QuickNode's documented /wallet/broadcasttransaction example (quicknode.com/docs/tron/wallet-broadcasttransaction):
    // raw_data as java-tron's JSON and its raw_data_hex. Its txID is what tronweb's txPbToTxID gives for that JSON.
    private const string QuickNodeRawData =
        """{"contract":[{"parameter":{"value":{"amount":1000,"owner_address":"41608f8da72479edc7dd921e4c30bb7e7cddbe722e","to_address":"41e9d79cc47518930bc322d9bf7cddd260a0260a8d"},"type_url":"type.googleapis.com/protocol.TransferContract"},"type":"TransferContract"}],"ref_block_bytes":"5e4b","ref_block_hash":"47c9dc89341b300d","expiration":1591089627000,"timestamp":1591089567635}""";

    private const string QuickNodeRawDataHex =
        "0a025e4b220847c9dc89341b300d40f8fed3a2a72e5a66080112620a2d747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412310a1541608f8da72479edc7dd921e4c30bb7e7cddbe722e121541e9d79cc47518930bc322d9bf7cddd260a0260a8d18e8077093afd0a2a72e";

    private const string QuickNodeTxId = "77ddfa7093cc5f745c0d3a54abb89ef070f983343c05e0f89e5a52f3e5401299";

    // tronweb's test config (test/helpers/config.ts, SIGNED_HEX_TRANSACTION): a signed transfer of 1 TRX whose
    // raw_data is below and whose signature (v = 01) recovers to its owner (tronweb's utils.crypto.ecRecover agrees).
    private const string TronwebRawDataHex =
        "0a02380a220830202d4c1473d46640d8edabfea72f5a67080112630a2d747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a1541fbbb1a37f9fbc18a3e2b8fd8c0823251cd3b8ee8121541af4852489314e72ffae825238c52d0e1ffff1ead18c0843d70f182cffca72f";

    private const string TronwebTxId = "04d6b2fc0de48335e3f159ca8b33fffb366fe01d3fcd159dd50e8c5d7fce296b";

    private const string TronwebSignature =
        "fa301a789dc51714be33b0f298e3f990650bec285ab628ab8ea5f18aeb3466643ca89b604d9df74fa19a11235e0d7ab974322f0097eefe0b7efb38ea9ce4cf6601";

    private const string TronwebOwner = "TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYv";

    /// <summary>A block whose number ends in <paramref name="refBlockBytes"/> and whose id has <paramref name="refBlockHash"/> at bytes 8..15.</summary>
    private static TronBlockRef Block(string refBlockBytes, string refBlockHash) =>
        new(0x0000_0000_0100_0000L | Convert.ToInt64(refBlockBytes, 16), "000000000100" + refBlockBytes + refBlockHash + new string('e', 32), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Builds_the_documented_quicknode_transfer_byte_for_byte()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1591089567635);
        var transfer = TronTransfers.Build(
            "TJmmqjb1DK9TTZbQXzRQ2AuA94z4gKAPFh",
            "TXHejmNKzgHFmjtt4qx9TWTv3majM9TP6B",
            1000,
            Block("5e4b", "47c9dc89341b300d"),
            now,
            TimeSpan.FromMilliseconds(1591089627000 - 1591089567635));

        transfer.RawDataHex.ShouldBe(QuickNodeRawDataHex);
        transfer.TxId.ShouldBe(QuickNodeTxId);
        transfer.RawData.ToJsonString().ShouldBe(QuickNodeRawData);
        transfer.Expiration.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1591089627000));
    }

    [Fact]
    public void Builds_tronwebs_signed_transfer_and_its_signature_names_the_owner()
    {
        var transfer = TronTransfers.Build(
            TronwebOwner,
            "TRx1tcKBqs83QDTTbHHbF4girSUYxs7kNr",
            1_000_000,
            Block("380a", "30202d4c1473d466"),
            DateTimeOffset.FromUnixTimeMilliseconds(1625638027633),
            TimeSpan.FromMilliseconds(1625641645784 - 1625638027633));

        transfer.RawDataHex.ShouldBe(TronwebRawDataHex);
        transfer.TxId.ShouldBe(TronwebTxId);
        TronTransfers.IsSignedBy(transfer.TxId, TronwebSignature, TronwebOwner).ShouldBeTrue();
    }

    [Fact]
    public void Takes_the_reference_from_the_last_two_bytes_of_the_number_and_bytes_8_to_15_of_the_id()
    {
        // Every byte differs, so taking any other slice shows.
        var block = new TronBlockRef(0x0102030405060708, "0102030405060708" + "1112131415161718" + "2122232425262728" + "3132333435363738", DateTimeOffset.UnixEpoch);
        var transfer = TronTransfers.Build(TronwebOwner, "TRx1tcKBqs83QDTTbHHbF4girSUYxs7kNr", 1, block, DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.FromMinutes(1));

        transfer.RawData["ref_block_bytes"]!.GetValue<string>().ShouldBe("0708");
        transfer.RawData["ref_block_hash"]!.GetValue<string>().ShouldBe("1112131415161718");
        transfer.RawDataHex.ShouldStartWith("0a02" + "0708" + "2208" + "1112131415161718");
    }

    [Fact]
    public void Answers_java_trons_transaction_shape()
    {
        var buyer = TronTestKey.Random();
        var transfer = TronTransfers.Build(buyer.Address, TronwebOwner, 12_345_678, Block("0102", "0102030405060708"), DateTimeOffset.UnixEpoch.AddYears(56), TimeSpan.FromMinutes(10));
        var json = transfer.ToJson();

        json["visible"]!.GetValue<bool>().ShouldBeFalse();
        json["txID"]!.GetValue<string>().ShouldBe(transfer.TxId);
        json["raw_data_hex"]!.GetValue<string>().ShouldBe(transfer.RawDataHex);
        var value = json["raw_data"]!["contract"]![0]!["parameter"]!["value"]!;
        value["owner_address"]!.GetValue<string>().ShouldBe(buyer.AddressHex);
        value["amount"]!.GetValue<long>().ShouldBe(12_345_678);
        (transfer.Expiration - DateTimeOffset.UnixEpoch.AddYears(56)).ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("TJmmqjb1DK9TTZbQXzRQ2AuA94z4gKAPFx", "TXHejmNKzgHFmjtt4qx9TWTv3majM9TP6B", 1)]
    [InlineData("TJmmqjb1DK9TTZbQXzRQ2AuA94z4gKAPFh", "0x41e9d79cc47518930bc322d9bf7cddd260a0260a8d", 1)]
    public void Refuses_an_address_that_is_not_one(string from, string to, long amount) =>
        Should.Throw<ArgumentException>(() => TronTransfers.Build(from, to, amount, Block("0001", "0102030405060708"), DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));

    [Fact]
    public void Refuses_a_zero_amount_and_a_block_id_that_is_not_32_bytes()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TronTransfers.Build(TronwebOwner, TronwebOwner, 0, Block("0001", "0102030405060708"), DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));
        Should.Throw<ArgumentException>(() => TronTransfers.Build(TronwebOwner, TronwebOwner, 1, new TronBlockRef(1, "abcd", DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));
    }

    private static (TronTransfer Issued, JsonObject Signed, TronTestKey Buyer) SignedByBuyer()
    {
        var buyer = TronTestKey.Random();
        var issued = TronTransfers.Build(buyer.Address, TronwebOwner, 5_000_000, Block("abcd", "0102030405060708"), DateTimeOffset.UnixEpoch.AddYears(56), TimeSpan.FromMinutes(10));

        // As a wallet sends it back: the issued JSON, through text, with its signature added.
        var signed = JsonNode.Parse(issued.ToJson().ToJsonString())!.AsObject();
        signed["signature"] = new JsonArray(buyer.Sign(issued.TxId));
        return (issued, signed, buyer);
    }

    [Fact]
    public void The_issued_transaction_signed_and_sent_back_matches()
    {
        var (issued, signed, buyer) = SignedByBuyer();

        TronTransfers.Matches(issued, signed, out var why).ShouldBeTrue();
        why.ShouldBeNull();
        TronTransfers.IsSignedBy(issued.TxId, TronTransfers.SignatureOf(signed)!, buyer.Address).ShouldBeTrue();
    }

    [Fact]
    public void Upper_case_hex_still_matches()
    {
        var (issued, signed, _) = SignedByBuyer();
        signed["raw_data_hex"] = issued.RawDataHex.ToUpperInvariant();
        signed["txID"] = issued.TxId.ToUpperInvariant();

        TronTransfers.Matches(issued, signed, out _).ShouldBeTrue();
    }

    [Fact]
    public void Another_raw_data_hex_does_not_match()
    {
        var (issued, signed, _) = SignedByBuyer();
        var other = TronTransfers.Build(TronwebOwner, TronwebOwner, 1, Block("abcd", "0102030405060708"), DateTimeOffset.UnixEpoch.AddYears(56), TimeSpan.FromMinutes(10));
        signed["raw_data_hex"] = other.RawDataHex;
        signed["txID"] = other.TxId;

        TronTransfers.Matches(issued, signed, out var why).ShouldBeFalse();
        why.ShouldBe("raw_data_hex is not the issued transaction's");
    }

    [Fact]
    public void A_changed_raw_data_json_does_not_match_even_with_the_issued_hex()
    {
        // A node broadcasts what raw_data says: an amount changed there would send another transaction.
        var (issued, signed, _) = SignedByBuyer();
        signed["raw_data"]!["contract"]![0]!["parameter"]!["value"]!["amount"] = 1;

        TronTransfers.Matches(issued, signed, out var why).ShouldBeFalse();
        why.ShouldBe("raw_data is not the issued transaction's");
    }

    [Fact]
    public void Another_or_missing_txid_does_not_match()
    {
        var (issued, signed, _) = SignedByBuyer();
        signed["txID"] = "00" + issued.TxId[2..];
        TronTransfers.Matches(issued, signed, out var why).ShouldBeFalse();
        why.ShouldBe("txID is not the issued transaction's");

        signed.Remove("txID");
        TronTransfers.Matches(issued, signed, out why).ShouldBeFalse();
        why.ShouldBe("txID is not the issued transaction's");
    }

    [Fact]
    public void Missing_or_mistyped_parts_do_not_match()
    {
        var (issued, signed, _) = SignedByBuyer();
        var noHex = signed.DeepClone().AsObject();
        noHex["raw_data_hex"] = 12;
        TronTransfers.Matches(issued, noHex, out _).ShouldBeFalse();

        var rawDataAsText = signed.DeepClone().AsObject();
        rawDataAsText["raw_data"] = issued.RawData.ToJsonString();
        TronTransfers.Matches(issued, rawDataAsText, out _).ShouldBeFalse();

        TronTransfers.Matches(issued, [], out _).ShouldBeFalse();
    }

    [Fact]
    public void The_signature_is_the_one_string_in_signature()
    {
        TronTransfers.SignatureOf(new JsonObject { ["signature"] = new JsonArray("ab") }).ShouldBe("ab");
        TronTransfers.SignatureOf(new JsonObject { ["signature"] = new JsonArray("ab", "cd") }).ShouldBeNull();
        TronTransfers.SignatureOf(new JsonObject { ["signature"] = "ab" }).ShouldBeNull();
        TronTransfers.SignatureOf(new JsonObject { ["signature"] = new JsonArray(1) }).ShouldBeNull();
        TronTransfers.SignatureOf([]).ShouldBeNull();
    }
}
