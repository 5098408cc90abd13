using System.Text.Json.Nodes;

using Ordo.Server.Tronify.Chain;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tronify.Chain;

public sealed class JavaTronNodeTests : IAsyncLifetime
{
    private const string Usdt = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    private const string Sender = "TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYv";

    private readonly HttpClient _http = new();
    private StandInTronNode _node = null!;

    public async Task InitializeAsync() => _node = await StandInTronNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Reads_the_now_block()
    {
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        _node.Block = StandInBlock.At(81_234_567, at);

        var block = await new JavaTronNode(_http, _node.Address).GetNowBlockAsync(CancellationToken.None);

        block.Number.ShouldBe(81_234_567);
        block.BlockId.ShouldBe(_node.Block.Id);
        block.BlockId.ShouldStartWith("0000000004d78a87"); // java-tron's ids begin with the number
        block.Timestamp.ShouldBe(at);
    }

    [Fact]
    public async Task Broadcasts_a_signed_transfer_built_on_that_block()
    {
        var buyer = TronTestKey.Random();
        var tron = new JavaTronNode(_http, _node.Address);
        var block = await tron.GetNowBlockAsync(CancellationToken.None);
        var transfer = TronTransfers.Build(buyer.Address, "TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYv", 7_000_000, block, block.Timestamp, TimeSpan.FromMinutes(10));
        var signed = transfer.ToJson();
        signed["signature"] = new JsonArray(buyer.Sign(transfer.TxId));

        var answer = await tron.BroadcastAsync(signed, CancellationToken.None);

        answer.ShouldBe(new TronBroadcast(true, null, null));
        var sent = _node.Broadcasts.ShouldHaveSingleItem();
        JsonNode.DeepEquals(sent, signed).ShouldBeTrue();
        sent["raw_data"]!["ref_block_bytes"]!.GetValue<string>().ShouldBe(_node.Block.Id[12..16]);
    }

    [Fact]
    public async Task Looks_a_transaction_up_by_its_id_and_a_second_broadcast_of_it_is_a_duplicate()
    {
        var tron = new JavaTronNode(_http, _node.Address);
        var txId = new string('a', 64);
        (await tron.KnowsTransactionAsync(txId, CancellationToken.None)).ShouldBeFalse("java-tron answers {} for an unknown txID");

        (await tron.BroadcastAsync(new JsonObject { ["txID"] = txId }, CancellationToken.None)).Accepted.ShouldBeTrue();
        (await tron.KnowsTransactionAsync(txId, CancellationToken.None)).ShouldBeTrue();
        (await tron.KnowsTransactionAsync(new string('b', 64), CancellationToken.None)).ShouldBeFalse();
        _node.Lookups.ShouldBe([txId, txId, new string('b', 64)]);
        (await tron.BroadcastAsync(new JsonObject { ["txID"] = txId }, CancellationToken.None)).Code.ShouldBe("DUP_TRANSACTION_ERROR");
    }

    [Fact]
    public async Task Reads_java_trons_refusal_with_its_message_decoded()
    {
        _node.FailBroadcastsWith("SIGERROR", "Validate signature error: miss sig or contract");

        var answer = await new JavaTronNode(_http, _node.Address).BroadcastAsync(new JsonObject { ["txID"] = "ab" }, CancellationToken.None);

        answer.ShouldBe(new TronBroadcast(false, "SIGERROR", "Validate signature error: miss sig or contract"));
        _node.Broadcasts.Count.ShouldBe(1);

        _node.AcceptBroadcasts();
        (await new JavaTronNode(_http, _node.Address).BroadcastAsync(new JsonObject { ["txID"] = "cd" }, CancellationToken.None)).Accepted.ShouldBeTrue();
    }

    [Fact]
    public async Task Triggers_a_constant_contract_call_with_the_body_java_tron_expects_and_reads_its_energy()
    {
        _node.EnergyUsed = 64_285;
        var parameter = Trc20Transfer.Parameter(Usdt, 1);

        var call = await new JavaTronNode(_http, _node.Address).TriggerConstantContractAsync(
            Sender, Usdt, Trc20Transfer.FunctionSelector, parameter, CancellationToken.None);

        call.ShouldBe(new TronConstantCall(true, 64_285, null, null));
        var sent = _node.ConstantCalls.ShouldHaveSingleItem();
        JsonNode.DeepEquals(sent, new JsonObject
        {
            ["owner_address"] = Sender,
            ["contract_address"] = Usdt,
            ["function_selector"] = "transfer(address,uint256)",
            ["parameter"] = new string('0', 24) + "a614f803b6fd780986a42c78ec9c7f77e6ded13c" + new string('0', 63) + "1",
            ["visible"] = true,
        }).ShouldBeTrue(sent.ToJsonString());
    }

    [Fact]
    public async Task Reads_a_constant_calls_refusal_and_a_revert_with_their_messages_decoded()
    {
        var tron = new JavaTronNode(_http, _node.Address);
        _node.Reverts = true;
        (await tron.TriggerConstantContractAsync(Sender, Usdt, Trc20Transfer.FunctionSelector, "00", CancellationToken.None))
            .ShouldBe(new TronConstantCall(false, 0, "FAILED", "REVERT opcode executed"));

        _node.RefuseConstantCallsWith("CONTRACT_VALIDATE_ERROR", "Smart contract is not exist.");
        (await tron.TriggerConstantContractAsync(Sender, Usdt, Trc20Transfer.FunctionSelector, "00", CancellationToken.None))
            .ShouldBe(new TronConstantCall(false, 0, "CONTRACT_VALIDATE_ERROR", "Smart contract is not exist."));
        _node.ConstantCalls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_silent_node_is_given_up_on_with_a_clear_error()
    {
        _node.Silent = true;
        var tron = new JavaTronNode(_http, _node.Address, TimeSpan.FromMilliseconds(300));

        var error = await Should.ThrowAsync<TronNodeUnavailableException>(() => tron.GetNowBlockAsync(CancellationToken.None));
        error.Message.ShouldContain("did not answer wallet/getnowblock");
        await Should.ThrowAsync<TronNodeUnavailableException>(() => tron.BroadcastAsync(new JsonObject(), CancellationToken.None));
        (await Should.ThrowAsync<TronNodeUnavailableException>(() => tron.TriggerConstantContractAsync(Sender, Usdt, Trc20Transfer.FunctionSelector, "00", CancellationToken.None)))
            .Message.ShouldContain("did not answer wallet/triggerconstantcontract");
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation()
    {
        _node.Silent = true;
        using var cancel = new CancellationTokenSource();
        var call = new JavaTronNode(_http, _node.Address, TimeSpan.FromMinutes(1)).GetNowBlockAsync(cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_node_that_is_gone_or_not_java_tron_is_unavailable()
    {
        var gone = await StandInTronNode.StartAsync();
        var address = gone.Address;
        await gone.DisposeAsync();
        await Should.ThrowAsync<TronNodeUnavailableException>(() => new JavaTronNode(_http, address).GetNowBlockAsync(CancellationToken.None));

        // A base path the node does not serve: 404.
        await Should.ThrowAsync<TronNodeUnavailableException>(() => new JavaTronNode(_http, new Uri(_node.Address, "elsewhere/")).GetNowBlockAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_it()
    {
        // Nothing listens under /tron/ on the stand-in, so the path must reach it (404) rather than be dropped (200).
        await Should.ThrowAsync<TronNodeUnavailableException>(() => new JavaTronNode(_http, new Uri(_node.Address, "tron")).GetNowBlockAsync(CancellationToken.None));
        (await new JavaTronNode(_http, new Uri(_node.Address.AbsoluteUri.TrimEnd('/'))).GetNowBlockAsync(CancellationToken.None)).Number.ShouldBe(_node.Block.Number);
    }
}
