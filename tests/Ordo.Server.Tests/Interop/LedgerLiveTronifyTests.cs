using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using Ordo.Server.Hosting;
using Ordo.Server.Tronify;
using Ordo.Testing;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Interop;

/// <summary>
/// Ledger Live's own Tronify client, npm <c>@ledgerhq/coin-tron</c> 8.0.0 (<c>tronifyProvider</c> of
/// <c>lib/logic/energyRent/tronify.js</c> over <c>lib/network/tronify/index.js</c>), run unchanged
/// against <c>ordo serve</c> with tronweb 6.2.0 (coin-tron's pinned dependency) checking and signing
/// the payment as the wallet does (<c>scripts/ledger-tronify-energy-rent.mjs</c>); the java-tron node
/// is <see cref="StandInTronNode"/>. Then the seed page's <c>cancelOrder</c> and the payout.
/// </summary>
public sealed class LedgerLiveTronifyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "interop-admin-key";
    private const string Script = "ledger-tronify-energy-rent.mjs";

    /// <summary>
    /// <c>npm install @ledgerhq/coin-tron@8.0.0</c> fails (it pins coin-module-framework 8.4.0, which
    /// the registry does not serve), so coin-tron is unpacked over what its client code needs:
    /// coin-module-framework 9.1.0 (its <c>config</c>), live-network with its axios peer, logs, errors,
    /// and tronweb.
    /// </summary>
    public static readonly NpmPackages Packages = new(
        ["@ledgerhq/coin-module-framework@9.1.0", "@ledgerhq/live-network@3.1.0", "@ledgerhq/logs@6.19.0", "@ledgerhq/errors@7.0.0", "axios@1.13.5", "tronweb@6.2.0"],
        Unpack: ["@ledgerhq/coin-tron@8.0.0"]);

    /// <summary>
    /// The rental the wallet asks for: its defaults in <c>lib/logic/estimateFees.js</c> (a 600-second
    /// window, 0.8 TRX bundled for bandwidth, the sender receives the energy) and about what a TRC-20
    /// transfer to a new holder needs (the wallet sends its own estimate).
    /// </summary>
    private const long Energy = 64_800;

    private readonly ScratchDatabase _database = new();
    private readonly string _privateKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly string _paymentAddress = TronTestKey.Random().Address;
    private string _packages = null!;
    private StandInTronNode _node = null!;
    private ServerProcess _server = null!;
    private TronifyUser _buyer = null!;

    /// <summary>The wallet paying: the same key the script signs with.</summary>
    private TronTestKey Wallet => new(_privateKey);

    public async Task InitializeAsync()
    {
        _packages = await Packages.EnsureInstalledAsync(output.WriteLine);
        _node = await StandInTronNode.StartAsync();
        _server = await ServerProcess.StartAsync(_database.Path, AdminKey, new Dictionary<string, string>
        {
            ["Tronify__TronNodeUrl"] = _node.Address.ToString(),
            ["Tronify__PaymentAddress"] = _paymentAddress,
        });
        _buyer = await ChannelAsync("ledgerLive");
    }

    public async Task DisposeAsync()
    {
        _server?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task Quote_create_sign_submit_paid_then_the_seed_pages_cancel_pays_out_the_unsold_share_less_the_fee()
    {
        var wallet = Wallet;
        var seller = await ChannelAsync("seller");

        var paid = await RunAsync("pay", new());
        paid["payerAddress"]!.GetValue<string>().ShouldBe(wallet.Address, "tronweb and Ordo derive the same address from the key");

        // getQuote: 600 s is the 10-minute window; 64800 energy x 60 sun per day x 1/144 day = 0.027 TRX, plus the 0.8.
        var quote = paid["quote"]!;
        (quote["energy"]!.GetValue<string>(), quote["durationSeconds"]!.GetValue<int>(), quote["payCoinCode"]!.GetValue<string>(), quote["payCoinAmt"]!.GetValue<string>())
            .ShouldBe(("64800", 600, "TRX", "0.827"));
        (quote["fees"]!["energy"]!.GetValue<string>(), quote["fees"]!["trx"]!.GetValue<string>()).ShouldBe(("0.027", "0.8"));

        // createOrder: tronweb rebuilds the protobuf from raw_data and gets Ordo's raw_data_hex and txID.
        var order = paid["order"]!;
        var orderId = order["orderId"]!.GetValue<string>();
        var transaction = order["transaction"]!.AsObject();
        var checkedBy = paid["checked"]!;
        checkedBy["txCheck"]!.GetValue<bool>().ShouldBeTrue(checkedBy.ToJsonString());
        checkedBy["txID"]!.GetValue<string>().ShouldBe(transaction["txID"]!.GetValue<string>());
        checkedBy["rawDataHex"]!.GetValue<string>().ShouldBe(transaction["raw_data_hex"]!.GetValue<string>());
        (checkedBy["type"]!.GetValue<string>(), checkedBy["owner"]!.GetValue<string>(), checkedBy["to"]!.GetValue<string>(), checkedBy["amount"]!.GetValue<long>())
            .ShouldBe(("TransferContract", wallet.Address, _paymentAddress, 827_000L));
        (checkedBy["expiration"]!.GetValue<long>() - checkedBy["timestamp"]!.GetValue<long>())
            .ShouldBe((long)new TronifyOptions().PaymentWindow.TotalMilliseconds);

        // submitPayment: refusals reject with the client's own error, and nothing of them reaches the chain.
        var refusals = paid["refusals"]!;
        Rejected(refusals["forged"]!, "forged signature");
        Rejected(refusals["otherTransaction"]!, "other transaction");
        Rejected(refusals["repeated"]!, "repeated");
        paid["submitted"]!["ok"]!.GetValue<bool>().ShouldBeTrue(paid["submitted"]!.ToJsonString());
        var statuses = paid["statuses"]!;
        (statuses["beforePayment"]!.GetValue<string>(), statuses["afterRefusals"]!.GetValue<string>(), statuses["afterPayment"]!.GetValue<string>())
            .ShouldBe(("pending", "pending", "paid"));

        // The node received exactly the issued transaction with the wallet's signature, once.
        var broadcast = _node.Broadcasts.ShouldHaveSingleItem();
        var signed = (JsonObject)transaction.DeepClone();
        signed["signature"] = paid["signature"]!.DeepClone();
        JsonNode.DeepEquals(broadcast, signed).ShouldBeTrue($"broadcast {broadcast.ToJsonString()}\nsigned {signed.ToJsonString()}");

        // A quarter is sold; then the seed page's cancel.
        (await seller.SellAsync(orderId, Energy / 4))["resCode"]!.GetValue<int>().ShouldBe(100);
        var cancelled = await RunAsync("cancel", new() { ["ORDER_ID"] = orderId, ["TRONIFY_SECRET"] = _buyer.Secret });
        var flag = TronifyFlag.Compute($"orderId={orderId}&sourceFlag={_buyer.SourceFlag}", _buyer.Secret);
        cancelled["flag"]!.GetValue<string>().ShouldBe(flag, "the script's MD5 recipe is Ordo's");
        cancelled["wrongFlag"]!["resCode"]!.GetValue<int>().ShouldBe(102);
        cancelled["statusAfterWrongFlag"]!.GetValue<string>().ShouldBe("paid");
        var seedPageAnswer = new JsonObject { ["resCode"] = 100, ["resMsg"] = "Success", ["data"] = new JsonObject { ["flag"] = flag, ["orderId"] = orderId, ["sourceFlag"] = _buyer.SourceFlag } };
        JsonNode.DeepEquals(cancelled["cancelled"], seedPageAnswer).ShouldBeTrue(cancelled["cancelled"]!.ToJsonString());
        JsonNode.DeepEquals(cancelled["again"], seedPageAnswer).ShouldBeTrue("a second cancel answers the same");
        // The client maps only wait_deposit_send, wait_sale, complete and timeout (ORDER_STATUS in
        // tronify.js); Ordo's "cancel" reads as "unknown" there.
        cancelled["status"]!.GetValue<string>().ShouldBe("unknown");

        // The unsold three quarters of 0.027 TRX less the 10% fee, owed to the buyer's wallet, once;
        // before it, the bundled 0.8 TRX forwarded to the receiver (the wallet itself) when the payment arrived.
        using var admin = new HttpClient { BaseAddress = _server.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var payouts = (await ServerFixture.Json(await admin.GetAsync("/v1/payouts")))["data"]!.AsArray()
            .Select(p => (p!["amount"]!.GetValue<string>(), p["asset"]!.GetValue<string>(), p["address"]!.GetValue<string>(), p["reason"]!.GetValue<string>()));
        payouts.ShouldBe([("0.018225", "TRX", wallet.Address, "cancel"), ("0.8", "TRX", wallet.Address, "forward")]);
        var listed = await ChildProcess.RunAsync("dotnet", [typeof(OrdoServer).Assembly.Location, "payouts", "--db", _database.Path], AppContext.BaseDirectory, TimeSpan.FromMinutes(1));
        listed.ExitCode.ShouldBe(0, listed.Stderr);
        var rows = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        rows.Length.ShouldBe(2, listed.Stdout);
        rows[0].ShouldEndWith($"\t{_buyer.AccountId}\t0.018225\tTRX\t{wallet.Address}\tcancel");
        _node.Broadcasts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_payment_the_node_refuses_or_does_not_answer_rejects_through_the_client_and_the_same_signed_payment_goes_through_later()
    {
        // About what a TRC-20 transfer to an address already holding the token needs: below 32000,
        // above Tronify's minimum of 15000 (coin-tron's lib/network/tronify/types.d.ts).
        var created = await RunAsync("create", new() { ["ENERGY"] = "31895" });
        var orderId = created["order"]!["orderId"]!.GetValue<string>();
        var signed = created["signed"]!.AsObject();
        Task<JsonObject> SubmitAsync() => RunAsync("submit", new() { ["ORDER_ID"] = orderId, ["SIGNED_TRANSACTION"] = signed.ToJsonString() });

        // java-tron refuses it: the client's TronifyApiError with the node's reason; the order still waits.
        _node.FailBroadcastsWith("SIGERROR", "Validate signature error: miss sig or contract");
        var refused = await SubmitAsync();
        Rejected(refused["submitted"]!, "SIGERROR");
        refused["status"]!.GetValue<string>().ShouldBe("pending");

        // The node does not answer: Ordo's 503 reaches the wallet as live-network's LedgerAPI5xx, retryable.
        _node.AcceptBroadcasts();
        _node.Silent = true;
        var unanswered = await SubmitAsync();
        _node.Silent = false;
        var failed = unanswered["submitted"]!;
        failed["ok"]!.GetValue<bool>().ShouldBeFalse(failed.ToJsonString());
        (failed["name"]!.GetValue<string>(), failed["status"]!.GetValue<int>()).ShouldBe(("LedgerAPI5xx", 503));
        unanswered["status"]!.GetValue<string>().ShouldBe("pending");

        var accepted = await SubmitAsync();
        accepted["submitted"]!["ok"]!.GetValue<bool>().ShouldBeTrue(accepted.ToJsonString());
        accepted["status"]!.GetValue<string>().ShouldBe("paid");
        _node.Broadcasts.Count.ShouldBe(2, "the refused body and the accepted one; the silent node recorded nothing");
        _node.Broadcasts.ShouldAllBe(b => JsonNode.DeepEquals(b, signed));
    }

    /// <summary>A rejection by the client: its <c>TronifyApiError</c> carrying Ordo's resCode 101 and reason.</summary>
    private static void Rejected(JsonNode attempt, string reason)
    {
        attempt["ok"]!.GetValue<bool>().ShouldBeFalse(attempt.ToJsonString());
        (attempt["name"]!.GetValue<string>(), attempt["isTronifyApiError"]!.GetValue<bool>(), attempt["resCode"]!.GetValue<int>()).ShouldBe(("TronifyApiError", true, 101));
        attempt["message"]!.GetValue<string>().ShouldContain(reason);
    }

    /// <summary>Runs one step of the script as the buyer's channel and answers the JSON line it printed.</summary>
    private async Task<JsonObject> RunAsync(string step, Dictionary<string, string> environment)
    {
        environment["ORDO_URL"] = _server.Address.ToString().TrimEnd('/');
        environment["TRONIFY_SOURCE_FLAG"] = _buyer.SourceFlag;
        environment["WALLET_PRIVATE_KEY"] = _privateKey;
        environment.TryAdd("ENERGY", Energy.ToString(System.Globalization.CultureInfo.InvariantCulture));
        environment["DURATION_SECONDS"] = "600";
        environment["EXTRA_TRX"] = "0.8";
        environment["STEP"] = step;
        output.WriteLine($"running Ledger Live's Tronify client against ordo serve: {step}");
        var run = await NodeScript.RunAsync(_packages, Script, environment, TimeSpan.FromMinutes(2));
        run.ExitCode.ShouldBe(0, run.ToString());
        var answer = run.Json();
        output.WriteLine(answer.ToJsonString());
        return answer;
    }

    /// <summary>An account with a Tronify channel (no balance: fastTrade buyers pay on chain), made over the admin API.</summary>
    private async Task<TronifyUser> ChannelAsync(string sourceFlag)
    {
        var server = _server;
        using var admin = new HttpClient { BaseAddress = server.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var account = (await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = sourceFlag })))["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{account}/credentials", new { dialect = "tronify", source_flag = sourceFlag }));
        return new TronifyUser(account, sourceFlag, credential["secret"]!.GetValue<string>(), new HttpClient { BaseAddress = server.Address });
    }
}
