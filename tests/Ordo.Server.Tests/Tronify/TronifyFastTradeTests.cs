using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using Ordo.Server.Tronify;
using Ordo.Server.Tronify.Chain;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tronify;

/// <summary>
/// The fastTrade flow as Ledger Live's wallet drives it (npm <c>@ledgerhq/coin-tron</c> 8.0.0:
/// <c>lib/network/tronify/index.js</c> sends the bodies, <c>lib/logic/energyRent/tronify.js</c> reads
/// payCoinCode, payCoinAmt, the fees, orderId, transaction, and <c>mypayorder</c>'s <c>data.data</c>):
/// quote, create with no flag, sign the txID, upload, then the order is paid and open for sellers.
/// </summary>
public sealed class TronifyFastTradeTests : IAsyncLifetime
{
    private static readonly string PaymentAddress = TronTestKey.Random().Address;
    private StandInTronNode _node = null!;
    private readonly TronTestKey _wallet = TronTestKey.Random();
    private ServerFixture _server = null!;
    private TronifyUser _channel = null!;

    public async Task InitializeAsync()
    {
        // The server reaches the stand-in the way it reaches a real node: Tronify__TronNodeUrl, JavaTronNode, HTTP.
        _node = await StandInTronNode.StartAsync();
        _server = await ServerFixture.StartAsync(
            new ServerOptions
            {
                SweepInterval = TimeSpan.FromHours(1),
                Tronify = new TronifyOptions { PaymentAddress = PaymentAddress, TronNodeUrl = _node.Address.ToString() },
            });
        _channel = await _server.TronifyUserAsync(trx: 0m);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
    }

    /// <summary>The body the wallet sends (toOrderParams + ENERGY_ORDER_DEFAULTS): pledgeNum a number, the rest strings.</summary>
    private JsonObject Order(string extraTrxNum = "0") => new()
    {
        ["orderType"] = "ENERGY",
        ["tradeType"] = "fastTrade",
        ["fromAddress"] = _wallet.Address,
        ["pledgeAddress"] = Orders.Address,
        ["pledgeNum"] = 32000,
        ["extraTrxNum"] = extraTrxNum,
        ["pledgeDay"] = "1",
        ["pledgeHour"] = "0",
        ["pledgeMinute"] = "0",
    };

    private async Task<(string OrderId, JsonObject Transaction)> CreateAsync(string extraTrxNum = "0")
    {
        var created = await _channel.CallAsync("addTronRentRecord", Order(extraTrxNum), sign: false);
        created["resCode"]!.GetValue<int>().ShouldBe(100, created.ToJsonString());
        return (created["data"]!["orderId"]!.GetValue<string>(), created["data"]!["transaction"]!.AsObject());
    }

    private static JsonObject Signed(JsonObject transaction, string signature)
    {
        var signed = (JsonObject)transaction.DeepClone();
        signed["signature"] = new JsonArray(signature);
        return signed;
    }

    /// <summary>What submitPayment sends: no sourceFlag, fromHash the txID.</summary>
    private Task<JsonNode> UploadAsync(string orderId, JsonObject signed) =>
        _channel.RawAsync("uploadHash", new JsonObject { ["orderId"] = orderId, ["fromHash"] = signed["txID"]!.GetValue<string>(), ["signedData"] = signed.DeepClone() }.ToJsonString());

    private async Task<JsonNode> RowAsync(string orderId)
    {
        var list = await _channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = _wallet.Address, ["orderType"] = "2", ["page"] = 1, ["pageSize"] = 50 }, sign: false);
        return list["data"]!["data"]!.AsArray().Single(r => r!["orderId"]!.GetValue<string>() == orderId)!;
    }

    private async Task<string> StatusAsync(string orderId) => (await RowAsync(orderId))["orderStatus"]!.GetValue<string>();

    private async Task<JsonArray> PayoutsAsync()
    {
        using var admin = _server.Admin();
        return (await ServerFixture.Json(await admin.GetAsync("/v1/payouts")))["data"]!.AsArray();
    }

    private static void Refused(JsonNode answer, string says)
    {
        answer["resCode"]!.GetValue<int>().ShouldBe(101, answer.ToJsonString());
        answer["resMsg"]!.GetValue<string>().ShouldContain(says);
    }

    [Fact]
    public async Task Quote_create_sign_upload_sell_part_cancel_and_the_unsold_share_less_the_fee_is_a_payout()
    {
        var quote = await _channel.CallAsync("queryPreorderInfo", Order(), sign: false);
        quote["resCode"]!.GetValue<int>().ShouldBe(100, quote.ToJsonString());
        var q = quote["data"]!;
        q.AsObject().Select(p => p.Key).ShouldBe(
            ["fromAddress", "pledgeAddress", "pledgeDay", "pledgeHour", "pledgeMinute", "source", "orderType", "orderPrice", "pledgeNum", "pledgeTrxNum",
             "usdtModeAvailable", "payCoinCode", "payCoinAmt", "extraTrxNum", "pledgeBandwidthNum", "activeAccountFee", "purchaseTRXFee", "purchaseBandwidthFee", "purchaseEnergyFee"]);
        (q["payCoinCode"]!.GetValue<string>(), q["payCoinAmt"]!.GetValue<string>(), q["pledgeTrxNum"]!.GetValue<string>()).ShouldBe(("TRX", "1.92", "1.92"));
        (q["orderPrice"]!.GetValue<decimal>(), q["pledgeNum"]!.GetValue<long>(), q["usdtModeAvailable"]!.GetValue<bool>()).ShouldBe((60m, 32000L, false));
        (q["purchaseEnergyFee"]!.GetValue<string>(), q["purchaseTRXFee"]!.GetValue<string>(), q["activeAccountFee"]!.GetValue<string>()).ShouldBe(("1.92", "0", "0"));
        var none = await _channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = _wallet.Address, ["orderType"] = "2" }, sign: false);
        none["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(0, "a quote creates nothing");

        var created = await _channel.CallAsync("addTronRentRecord", Order(), sign: false);
        var data = created["data"]!;
        data.AsObject().Select(p => p.Key).ShouldBe(
            ["orderId", "transaction", "payCoinCode", "payCoinAmt", "purchaseEnergyFee", "purchaseTRXFee", "purchaseBandwidthFee", "activeAccountFee"]);
        var orderId = data["orderId"]!.GetValue<string>();
        var transaction = data["transaction"]!.AsObject();
        transaction["visible"]!.GetValue<bool>().ShouldBeFalse();
        var transfer = transaction["raw_data"]!["contract"]![0]!["parameter"]!["value"]!;
        transfer["amount"]!.GetValue<long>().ShouldBe(1_920_000);
        transfer["owner_address"]!.GetValue<string>().ShouldBe(_wallet.AddressHex);
        (await StatusAsync(orderId)).ShouldBe("wait_deposit_send");
        (await RowAsync(orderId))["pledgeTrxNum"]!.GetValue<decimal>().ShouldBe(1.92m, "an unpaid order shows what it costs");

        var signature = _wallet.Sign(transaction["txID"]!.GetValue<string>());
        var uploaded = await UploadAsync(orderId, Signed(transaction, signature));
        uploaded.ToJsonString().ShouldBe("""{"resCode":100,"resMsg":"Success","data":{}}""");

        var sent = _node.Broadcasts.ShouldHaveSingleItem();
        sent["txID"]!.GetValue<string>().ShouldBe(transaction["txID"]!.GetValue<string>());
        sent["raw_data_hex"]!.GetValue<string>().ShouldBe(transaction["raw_data_hex"]!.GetValue<string>());
        sent["signature"]!.AsArray().Single()!.GetValue<string>().ShouldBe(signature);
        (await StatusAsync(orderId)).ShouldBe("wait_sale");
        var market = await _channel.CallAsync("trades", new JsonObject { ["pageSize"] = 100 }, sign: false);
        market["data"]!["data"]!.AsArray().Select(r => r!["orderId"]!.GetValue<string>()).ShouldContain(orderId);

        var seller = await _server.TronifyUserAsync(trx: 0m);
        (await seller.SellAsync(orderId, 8000))["resCode"]!.GetValue<int>().ShouldBe(100);
        (await _server.BalanceAsync(seller.AccountId)).Available.ShouldBe(0.48m, "a quarter of 1.92");

        // The seed page's cancel, signed with the channel's flag.
        var cancelled = await _channel.CancelAsync(orderId);
        cancelled["resCode"]!.GetValue<int>().ShouldBe(100, cancelled.ToJsonString());
        (await StatusAsync(orderId)).ShouldBe("cancel");

        var payout = (await PayoutsAsync()).ShouldHaveSingleItem()!;
        payout["amount"]!.GetValue<string>().ShouldBe("1.296", "the unsold 1.44 less the 10% fee");
        payout["address"]!.GetValue<string>().ShouldBe(_wallet.Address);
        payout["reason"]!.GetValue<string>().ShouldBe("cancel");
        payout["asset"]!.GetValue<string>().ShouldBe("TRX");
        (await _server.BalanceAsync(_channel.AccountId)).ShouldBe((0m, 0m), "the channel's own balance never moved");

        Refused(await UploadAsync(orderId, Signed(transaction, signature)), "repeated");
        _node.Broadcasts.Count.ShouldBe(1);
        (await _channel.CancelAsync(orderId))["resCode"]!.GetValue<int>().ShouldBe(100);
        (await PayoutsAsync()).Count.ShouldBe(1, "a refund is paid out once");
    }

    [Fact]
    public async Task Extra_trx_is_added_to_the_payment_and_paid_out_to_the_receiver_when_it_arrives()
    {
        var quote = await _channel.CallAsync("queryPreorderInfo", Order("1.5"), sign: false);
        quote["data"]!["payCoinAmt"]!.GetValue<string>().ShouldBe("3.42");
        quote["data"]!["purchaseTRXFee"]!.GetValue<string>().ShouldBe("1.5");
        var (orderId, transaction) = await CreateAsync("1.5");
        transaction["raw_data"]!["contract"]![0]!["parameter"]!["value"]!["amount"]!.GetValue<long>().ShouldBe(3_420_000);

        (await UploadAsync(orderId, Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()))))["resCode"]!.GetValue<int>().ShouldBe(100);

        var payout = (await PayoutsAsync()).ShouldHaveSingleItem()!;
        (payout["amount"]!.GetValue<string>(), payout["address"]!.GetValue<string>(), payout["reason"]!.GetValue<string>())
            .ShouldBe(("1.5", Orders.Address, "forward"));
    }

    [Fact]
    public async Task Unpaid_past_the_transactions_expiration_the_order_times_out_and_its_upload_is_refused()
    {
        var (orderId, transaction) = await CreateAsync();
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(transaction["raw_data"]!["expiration"]!.GetValue<long>());
        expiration.ShouldBe(_server.Clock.GetUtcNow() + _server.Options.Tronify.PaymentWindow);

        _server.Clock.Advance(_server.Options.Tronify.PaymentWindow + TimeSpan.FromSeconds(1));
        (await _server.Sweeper.SweepOnceAsync()).ShouldBe(1);

        (await StatusAsync(orderId)).ShouldBe("timeout");
        Refused(await UploadAsync(orderId, Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()))), "no longer waits");
        _node.Broadcasts.ShouldBeEmpty();
        (await PayoutsAsync()).ShouldBeEmpty("nothing was paid, nothing is owed");
    }

    [Fact]
    public async Task Forged_other_expired_and_malformed_uploads_are_refused_with_nothing_broadcast_and_the_order_unchanged()
    {
        var (orderId, transaction) = await CreateAsync();
        var (otherId, otherTransaction) = await CreateAsync();
        var txId = transaction["txID"]!.GetValue<string>();
        otherTransaction["txID"]!.GetValue<string>().ShouldNotBe(txId, "two orders of one wallet in the same instant still get their own transactions");
        var before = await _server.SnapshotAsync();

        Refused(await UploadAsync(orderId, Signed(transaction, TronTestKey.Random().Sign(txId))), "forged signature");
        Refused(await UploadAsync(orderId, Signed(otherTransaction, _wallet.Sign(otherTransaction["txID"]!.GetValue<string>()))), "other transaction");
        var tampered = Signed(transaction, _wallet.Sign(txId));
        tampered["raw_data"]!["contract"]![0]!["parameter"]!["value"]!["amount"] = 1;
        Refused(await UploadAsync(orderId, tampered), "other transaction");
        var noSignature = (JsonObject)transaction.DeepClone();
        Refused(await UploadAsync(orderId, noSignature), "signature");
        var wrongHash = new JsonObject { ["orderId"] = orderId, ["fromHash"] = new string('0', 64), ["signedData"] = Signed(transaction, _wallet.Sign(txId)) };
        Refused(await _channel.RawAsync("uploadHash", wrongHash.ToJsonString()), "fromHash");

        _server.Clock.Advance(_server.Options.Tronify.PaymentWindow);
        Refused(await UploadAsync(orderId, Signed(transaction, _wallet.Sign(txId))), "expired");

        _node.Broadcasts.ShouldBeEmpty();
        (await _server.SnapshotAsync()).ShouldBe(before, "no refusal changed anything");
        (await StatusAsync(orderId)).ShouldBe("wait_deposit_send");
        (await StatusAsync(otherId)).ShouldBe("wait_deposit_send");
    }

    [Fact]
    public async Task A_node_that_does_not_answer_gets_a_retryable_answer_and_changes_nothing()
    {
        _node.Silent = true;
        using (var response = await _channel.Http.PostAsync("/api/tronRent/addTronRentRecord", ServerFixture.Body(WithFlag(Order()).ToJsonString())))
        {
            ((int)response.StatusCode).ShouldBe(503);
            response.Headers.RetryAfter.ShouldNotBeNull();
            (await ServerFixture.Json(response))["resCode"]!.GetValue<int>().ShouldBe(503);
        }

        var none = await _channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = _wallet.Address }, sign: false);
        none["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(0, "no order was created");

        _node.Silent = false;
        var (orderId, transaction) = await CreateAsync();
        var signed = Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()));
        _node.Silent = true;
        var body = new JsonObject { ["orderId"] = orderId, ["fromHash"] = signed["txID"]!.GetValue<string>(), ["signedData"] = signed.DeepClone() };
        using (var response = await _channel.Http.PostAsync("/api/tronRent/uploadHash", ServerFixture.Body(body.ToJsonString())))
        {
            ((int)response.StatusCode).ShouldBe(503);
            (await ServerFixture.Json(response))["resMsg"]!.GetValue<string>().ShouldContain("retry");
        }

        (await StatusAsync(orderId)).ShouldBe("wait_deposit_send");
        _node.Silent = false;
        (await UploadAsync(orderId, signed))["resCode"]!.GetValue<int>().ShouldBe(100, "the same upload, retried, goes through");
        (await StatusAsync(orderId)).ShouldBe("wait_sale");
    }

    /// <summary>A signed upload the node accepts but never answers (Ordo gives up after its timeout): the 503's message.</summary>
    private async Task<(string OrderId, JsonObject Transaction, JsonObject Signed, string Message)> UploadTheNodeTakesWithoutAnsweringAsync()
    {
        var (orderId, transaction) = await CreateAsync();
        var signed = Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()));
        _node.HoldsAcceptedBroadcasts = true;
        var body = new JsonObject { ["orderId"] = orderId, ["fromHash"] = signed["txID"]!.GetValue<string>(), ["signedData"] = signed.DeepClone() };
        using var response = await _channel.Http.PostAsync("/api/tronRent/uploadHash", ServerFixture.Body(body.ToJsonString()));
        ((int)response.StatusCode).ShouldBe(503);
        var message = (await ServerFixture.Json(response))["resMsg"]!.GetValue<string>();
        _node.HoldsAcceptedBroadcasts = false;
        return (orderId, transaction, signed, message);
    }

    [Fact]
    public async Task A_node_that_times_out_and_accepts_anyway_gets_an_unknown_outcome_and_the_re_upload_after_expiry_pays_back_once()
    {
        var (orderId, transaction, signed, message) = await UploadTheNodeTakesWithoutAnsweringAsync();
        message.ShouldContain("unknown");
        message.ShouldNotContain("nothing was done");
        _node.Broadcasts.Count.ShouldBe(1, "the node took the payment though it never said so");
        _server.Clock.Advance(_server.Options.Tronify.PaymentWindow + TimeSpan.FromSeconds(1));
        (await _server.Sweeper.SweepOnceAsync()).ShouldBe(1);
        (await StatusAsync(orderId)).ShouldBe("timeout");

        Refused(await UploadAsync(orderId, signed), "paid back in full");
        var payout = (await PayoutsAsync()).ShouldHaveSingleItem()!;
        (payout["amount"]!.GetValue<string>(), payout["address"]!.GetValue<string>()).ShouldBe(("1.92", _wallet.Address));
        _node.Lookups.ShouldBe([transaction["txID"]!.GetValue<string>()]);

        Refused(await UploadAsync(orderId, signed), "repeated");
        (await PayoutsAsync()).Count.ShouldBe(1, "the payment counts once");
        _node.Broadcasts.Count.ShouldBe(1, "an upload past its time is looked up, never sent");
    }

    [Fact]
    public async Task A_timed_out_broadcast_the_node_took_and_retried_in_time_opens_the_order()
    {
        var (orderId, _, signed, _) = await UploadTheNodeTakesWithoutAnsweringAsync();

        // The node answers the second broadcast DUP_TRANSACTION_ERROR: the payment stands.
        (await UploadAsync(orderId, signed))["resCode"]!.GetValue<int>().ShouldBe(100);
        (await StatusAsync(orderId)).ShouldBe("wait_sale");
        (await PayoutsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_upload_the_chain_does_not_know_is_refused_after_a_lookup_with_nothing_broadcast()
    {
        var (orderId, transaction) = await CreateAsync();
        var before = await _server.SnapshotAsync();
        _server.Clock.Advance(_server.Options.Tronify.PaymentWindow);

        Refused(await UploadAsync(orderId, Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()))), "expired");
        _node.Lookups.ShouldHaveSingleItem();
        _node.Broadcasts.ShouldBeEmpty();
        (await _server.SnapshotAsync()).ShouldBe(before);

        _node.Silent = true;
        using var response = await _channel.Http.PostAsync("/api/tronRent/uploadHash", ServerFixture.Body(new JsonObject
        {
            ["orderId"] = orderId, ["fromHash"] = transaction["txID"]!.GetValue<string>(),
            ["signedData"] = Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>())),
        }.ToJsonString()));
        ((int)response.StatusCode).ShouldBe(503, "a node down during the lookup: retry");
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_transaction_the_node_refuses_leaves_the_order_unpaid()
    {
        var (orderId, transaction) = await CreateAsync();
        _node.FailBroadcastsWith("SIGERROR", "Validate signature error");
        Refused(await UploadAsync(orderId, Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()))), "SIGERROR: Validate signature error");
        (await StatusAsync(orderId)).ShouldBe("wait_deposit_send");
        _node.AcceptBroadcasts();
        (await UploadAsync(orderId, Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()))))["resCode"]!.GetValue<int>().ShouldBe(100);
    }

    [Theory]
    [InlineData("extraTrxNum", "0.5")]
    [InlineData("extraTrxNum", "501")]
    [InlineData("extraTrxNum", "abc")]
    [InlineData("pledgeBandwidthNum", "1000")]
    [InlineData("pledgeNum", "-1")]
    [InlineData("pledgeHour", "2")]
    [InlineData("fromAddress", "TNotAnAddress")]
    public async Task Bad_order_fields_are_named_in_the_quote_and_the_create(string field, string value)
    {
        foreach (var method in new[] { "queryPreorderInfo", "addTronRentRecord" })
        {
            var body = Order();
            body[field] = value;
            Refused(await _channel.CallAsync(method, body, sign: false), field);
        }

        _node.Broadcasts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{}", "orderId")]
    [InlineData("""{"orderId":"nope","fromHash":"00","signedData":{}}""", "orderId")]
    [InlineData("""{"orderId":"aaaaaaaa_aaaa_aaaa_aaaa_aaaaaaaaaaaa","fromHash":"00"}""", "signedData")]
    [InlineData("""{"orderId":"aaaaaaaa_aaaa_aaaa_aaaa_aaaaaaaaaaaa","fromHash":"00","signedData":"signed"}""", "signedData")]
    [InlineData("""{"orderId":"aaaaaaaa_aaaa_aaaa_aaaa_aaaaaaaaaaaa","fromHash":7,"signedData":{}}""", "fromHash")]
    [InlineData("[]", "body")]
    public async Task Bad_uploads_are_named(string body, string field)
    {
        Refused(await _channel.RawAsync("uploadHash", body), field);
    }

    [Fact]
    public async Task An_upload_for_an_unknown_or_a_freedom_order_is_answered_as_missing()
    {
        var (_, transaction) = await CreateAsync();
        var signed = Signed(transaction, _wallet.Sign(transaction["txID"]!.GetValue<string>()));
        (await UploadAsync("aaaaaaaa_aaaa_aaaa_aaaa_aaaaaaaaaaaa", signed))["resCode"]!.GetValue<int>().ShouldBe(104);

        var funded = await _server.TronifyUserAsync(trx: 100m);
        var freedom = (await funded.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        (await UploadAsync(freedom, signed))["resCode"]!.GetValue<int>().ShouldBe(104);
        _node.Broadcasts.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_freedom_flow_still_needs_its_flag()
    {
        var body = Order();
        body.Remove("tradeType");
        body["orderPrice"] = "60";
        var unsigned = await _channel.CallAsync("addTronRentRecord", body, sign: false);
        Refused(unsigned, "flag");
    }

    private JsonObject WithFlag(JsonObject body)
    {
        body["sourceFlag"] = _channel.SourceFlag;
        return body;
    }
}

/// <summary>fastTrade on a server with no TRON node or no payment address: quotes work, orders are refused naming the setting.</summary>
public sealed class TronifyFastTradeUnconfiguredTests
{
    [Theory]
    [InlineData(false, "Tronify__TronNodeUrl")]
    [InlineData(true, "Tronify__PaymentAddress")]
    public async Task Without_the_setting_create_answers_101_naming_it(bool withNode, string setting)
    {
        await using var node = await StandInTronNode.StartAsync();
        await using var server = await ServerFixture.StartAsync(
            new ServerOptions { SweepInterval = TimeSpan.FromHours(1), Tronify = new TronifyOptions { TronNodeUrl = withNode ? node.Address.ToString() : null } });
        var channel = await server.TronifyUserAsync(trx: 0m);
        var wallet = TronTestKey.Random();
        var body = new JsonObject
        {
            ["orderType"] = "ENERGY", ["tradeType"] = "fastTrade", ["fromAddress"] = wallet.Address, ["pledgeAddress"] = Orders.Address,
            ["pledgeNum"] = 32000, ["extraTrxNum"] = "0", ["pledgeDay"] = "0", ["pledgeHour"] = "1", ["pledgeMinute"] = "0",
        };

        (await channel.CallAsync("queryPreorderInfo", (JsonObject)body.DeepClone(), sign: false))["data"]!["payCoinAmt"]!.GetValue<string>().ShouldBe("0.08");
        var refused = await channel.CallAsync("addTronRentRecord", body, sign: false);
        refused["resCode"]!.GetValue<int>().ShouldBe(101);
        refused["resMsg"]!.GetValue<string>().ShouldContain(setting);
        (await channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = wallet.Address }, sign: false))["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_gets_a_retryable_answer_and_no_order()
    {
        // A port nothing listens on: the connection is refused at once.
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = "http://127.0.0.1:9", PaymentAddress = TronTestKey.Random().Address },
        });
        var channel = await server.TronifyUserAsync(trx: 0m);
        var wallet = TronTestKey.Random();
        var body = new JsonObject
        {
            ["orderType"] = "ENERGY", ["tradeType"] = "fastTrade", ["fromAddress"] = wallet.Address, ["pledgeAddress"] = Orders.Address,
            ["pledgeNum"] = 32000, ["extraTrxNum"] = "0", ["pledgeDay"] = "1", ["pledgeHour"] = "0", ["pledgeMinute"] = "0", ["sourceFlag"] = channel.SourceFlag,
        };
        using var response = await channel.Http.PostAsync("/api/tronRent/addTronRentRecord", ServerFixture.Body(body.ToJsonString()));
        ((int)response.StatusCode).ShouldBe(503);
        var answer = await ServerFixture.Json(response);
        answer["resCode"]!.GetValue<int>().ShouldBe(503);
        answer["resMsg"]!.GetValue<string>().ShouldContain("retry");
        (await channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = wallet.Address }, sign: false))["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public void A_default_energy_price_of_zero_stops_the_server_at_start_rather_than_passing_for_a_node_fault()
    {
        // fastTrade would issue a transfer of 0 sun, which Build refuses; that was answered "TRON node unavailable".
        new TronifyOptions { DefaultEnergyPrice = 0m }.Refusal()!.ShouldContain("Tronify__DefaultEnergyPrice");
        new TronifyOptions { DefaultEnergyPrice = -1m }.Refusal()!.ShouldContain("Tronify__DefaultEnergyPrice");
    }

    [Fact]
    public async Task A_block_no_transaction_can_reference_is_the_nodes_fault_and_retryable()
    {
        await using var node = await StandInTronNode.StartAsync();
        node.Block = node.Block with { Id = "not-a-block-id" };
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = node.Address.ToString(), PaymentAddress = TronTestKey.Random().Address },
        });
        var channel = await server.TronifyUserAsync(trx: 0m);
        var body = new JsonObject
        {
            ["orderType"] = "ENERGY", ["tradeType"] = "fastTrade", ["fromAddress"] = TronTestKey.Random().Address, ["pledgeAddress"] = Orders.Address,
            ["pledgeNum"] = 32000, ["extraTrxNum"] = "0", ["pledgeDay"] = "1", ["pledgeHour"] = "0", ["pledgeMinute"] = "0", ["sourceFlag"] = channel.SourceFlag,
        };
        using var response = await channel.Http.PostAsync("/api/tronRent/addTronRentRecord", ServerFixture.Body(body.ToJsonString()));
        ((int)response.StatusCode).ShouldBe(503);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("1.00:00:01")]
    public void A_payment_window_out_of_bounds_stops_the_server_at_start(string window)
    {
        var options = new TronifyOptions { PaymentWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) };
        options.Refusal()!.ShouldContain("Tronify__PaymentWindow");
        new TronifyOptions().Refusal().ShouldBeNull();
        new TronifyOptions { PaymentAddress = "TNope" }.Refusal()!.ShouldContain("Tronify__PaymentAddress");
        new TronifyOptions { TronNodeUrl = "ftp://node" }.Refusal()!.ShouldContain("Tronify__TronNodeUrl");
    }
}

/// <summary>A buyer's wallet that leaves while its payment is being broadcast: the payment is still recorded.</summary>
public sealed class TronifyFastTradeDisconnectTests
{
    /// <summary>The stand-in node, but each broadcast waits for <see cref="Release"/>, or gives up when its token is cancelled.</summary>
    private sealed class GatedNode(ITronNode inner) : ITronNode
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TronBlockRef> GetNowBlockAsync(CancellationToken cancellationToken) => inner.GetNowBlockAsync(cancellationToken);

        public async Task<TronBroadcast> BroadcastAsync(JsonObject signedTransaction, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await inner.BroadcastAsync(signedTransaction, cancellationToken);
        }

        public Task<bool> KnowsTransactionAsync(string txId, CancellationToken cancellationToken) => inner.KnowsTransactionAsync(txId, cancellationToken);

        public Task<TronConstantCall> TriggerConstantContractAsync(string owner, string contract, string functionSelector, string parameter, CancellationToken cancellationToken) =>
            inner.TriggerConstantContractAsync(owner, contract, functionSelector, parameter, cancellationToken);
    }

    [Fact]
    public async Task A_wallet_that_disconnects_mid_broadcast_still_has_its_payment_recorded()
    {
        await using var node = await StandInTronNode.StartAsync();
        using var http = new HttpClient();
        var gated = new GatedNode(new JavaTronNode(http, node.Address));
        await using var server = await ServerFixture.StartAsync(
            new ServerOptions
            {
                SweepInterval = TimeSpan.FromHours(1),
                Tronify = new TronifyOptions { PaymentAddress = TronTestKey.Random().Address, TronNodeUrl = node.Address.ToString() },
            },
            overrides: services => services.AddSingleton<ITronNode>(gated));
        var channel = await server.TronifyUserAsync(trx: 0m);
        var wallet = TronTestKey.Random();
        var created = await channel.CallAsync("addTronRentRecord", new JsonObject
        {
            ["orderType"] = "ENERGY", ["tradeType"] = "fastTrade", ["fromAddress"] = wallet.Address, ["pledgeAddress"] = Orders.Address,
            ["pledgeNum"] = 32000, ["extraTrxNum"] = "0", ["pledgeDay"] = "1", ["pledgeHour"] = "0", ["pledgeMinute"] = "0",
        }, sign: false);
        var orderId = created["data"]!["orderId"]!.GetValue<string>();
        var signed = (JsonObject)created["data"]!["transaction"]!.DeepClone();
        signed["signature"] = new JsonArray(wallet.Sign(signed["txID"]!.GetValue<string>()));
        var body = new JsonObject { ["orderId"] = orderId, ["fromHash"] = signed["txID"]!.GetValue<string>(), ["signedData"] = signed };

        using (var leaving = new CancellationTokenSource())
        {
            var upload = channel.Http.PostAsync("/api/tronRent/uploadHash", ServerFixture.Body(body.ToJsonString()), leaving.Token);
            await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await leaving.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => upload);
        }

        gated.Release.SetResult();

        // The server finishes the request on its own after the wallet left: wait for it, bounded.
        string? status = null;
        for (var tries = 0; tries < 200 && status != "wait_sale"; tries++)
        {
            await Task.Delay(50);
            var list = await channel.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = wallet.Address, ["orderType"] = "2" }, sign: false);
            status = list["data"]!["data"]![0]!["orderStatus"]!.GetValue<string>();
        }

        status.ShouldBe("wait_sale", "the node took the payment, so Ordo records it though the wallet left");
        node.Broadcasts.ShouldHaveSingleItem();
    }
}
