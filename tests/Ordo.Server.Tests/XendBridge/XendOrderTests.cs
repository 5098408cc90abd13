using System.Net;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>XendBridge p2p orders over HTTP: initiate, pending, confirm, cancel in every stage, isolation, races, expiry.</summary>
public sealed class XendOrderTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private XendThirdParty _party = null!;
    private Tenant _provider = null!;

    public async Task InitializeAsync()
    {
        // The provider is the first account of the fresh database, so the configuration can name it.
        _server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            XendBridge = new Ordo.Server.XendBridge.XendOptions { ProviderAccount = Ordo.Core.Ledger.SystemAccounts.FirstTenant },
        });
        _provider = await _server.TenantAsync("fills:write");
        _provider.AccountId.ShouldBe(Ordo.Core.Ledger.SystemAccounts.FirstTenant);
        _party = await XendThirdParty.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Initiate_shows_the_order_and_a_customer_has_one_open_order_at_a_time()
    {
        var (status, answer) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", XendThirdParty.Initiation("Ada@Example.com"));
        status.ShouldBe(HttpStatusCode.OK);
        answer["status"]!.GetValue<string>().ShouldBe("OK");
        answer["message"]!.GetValue<string>().ShouldBe("");
        var order = answer["data"]!;
        order["orderReference"]!.GetValue<string>().ShouldMatch("^XB_[0-9a-f]{32}$");
        order["orderType"]!.GetValue<string>().ShouldBe("Buy");
        order["payableAmount"]!.GetValue<decimal>().ShouldBe(16000m);
        order["receivableAmount"]!.GetValue<decimal>().ShouldBe(10m, "16000 NGN at 1600 NGN per USDT");
        order["p2POrderStatus"]!.GetValue<string>().ShouldBe("Acknowledged");
        order["disputeStatus"]!.GetValue<string>().ShouldBe("NoDispute");
        order["initiatedAtTimestamp"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        order["orderExpiryTimestamp"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().AddMinutes(15).ToUnixTimeMilliseconds());
        order["consumerDepositMethod"]!["paymentMethod"]!.GetValue<string>().ShouldBe("BankTransfer");
        order["provider"]!["name"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var (second, refusal) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Sell/Initiate", XendThirdParty.Initiation("ada@example.com", "10", "USDT", "NGN"));
        second.ShouldBe(HttpStatusCode.BadRequest);
        refusal["status"]!.GetValue<string>().ShouldBe("BadRequest");
        refusal["data"].ShouldBeNull();

        var (_, pending) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=ada@example.com");
        pending["data"]!["orderStatus"]!.GetValue<string>().ShouldBe("ProcessingRequest");
        pending["data"]!["orderResponse"]!["orderReference"]!.GetValue<string>().ShouldBe(order["orderReference"]!.GetValue<string>());
        var (_, free) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=bob@example.com");
        free["data"]!["orderStatus"]!.GetValue<string>().ShouldBe("Available");
        free["data"]!["orderResponse"].ShouldBeNull();

        var (sell, sold) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Sell/Initiate", XendThirdParty.Initiation("bob@example.com", "10", "USDT", "NGN"));
        sell.ShouldBe(HttpStatusCode.OK);
        sold["data"]!["orderReference"]!.GetValue<string>().ShouldStartWith("XS_");
        sold["data"]!["receivableAmount"]!.GetValue<decimal>().ShouldBe(16000m);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("funded_provider", false)]
    [InlineData("fund_received_from_user", false)]
    [InlineData("funded_user", false)]
    [InlineData("completed", false)]
    public async Task Cancel_in_every_stage(string? stage, bool cancels)
    {
        var reference = await _party.BuyAsync("carol@example.com");
        foreach (var step in new[] { "funded_provider", "fund_received_from_user", "funded_user", "completed" }.TakeWhile(_ => stage is not null))
        {
            if (step == "funded_provider")
            {
                (await _party.ConfirmAsync("carol@example.com", reference)).Body["message"]!.GetValue<string>().ShouldBe("Payment Updated Successfully");
            }
            else
            {
                var (moved, body) = await _provider.Http.PostAsync($"/v1/orders/{reference}/fills", $$"""{"stage":"{{step}}","external_id":"{{step}}"}""");
                moved.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            }

            if (step == stage)
            {
                break;
            }
        }

        var (status, answer) = await _party.CancelAsync("carol@example.com", reference);
        status.ShouldBe(HttpStatusCode.OK);
        answer["data"]!.GetValue<bool>().ShouldBe(cancels);
        answer["message"]!.GetValue<string>().ShouldBe(cancels ? "" : "Order cannot be cancelled after payment has been made");
        if (cancels)
        {
            (await _party.CancelAsync("carol@example.com", reference)).Body.ToJsonString().ShouldBe("""{"data":true,"status":"OK","message":""}""", "idempotent");
            var order = await OrderAsync(reference);
            order.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task A_wrong_email_or_another_third_partys_reference_is_not_found()
    {
        var reference = await _party.BuyAsync("dave@example.com");
        var stranger = await XendThirdParty.CreateAsync(_server);
        var wrongEmail = await _party.CancelAsync("eve@example.com", reference);
        var foreign = await stranger.CancelAsync("dave@example.com", reference);
        var unknown = await _party.CancelAsync("dave@example.com", "XB_00000000000000000000000000000000");
        foreach (var (status, body) in new[] { wrongEmail, foreign, unknown })
        {
            status.ShouldBe(HttpStatusCode.NotFound);
            body.ToJsonString().ShouldBe("""{"data":null,"status":"NotFound","message":"Order not found"}""");
        }

        (await stranger.ConfirmAsync("dave@example.com", reference)).Status.ShouldBe(HttpStatusCode.NotFound);
        var (_, pending) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=dave@example.com");
        pending["data"]!["orderResponse"]!["p2POrderStatus"]!.GetValue<string>().ShouldBe("Acknowledged", "nothing changed");
    }

    [Fact]
    public async Task Confirm_racing_cancel_never_both_win()
    {
        for (var round = 0; round < 30; round++)
        {
            var email = $"race{round}@example.com";
            var reference = await _party.BuyAsync(email);
            var confirm = _party.ConfirmAsync(email, reference);
            var cancel = _party.CancelAsync(email, reference);
            var (confirmStatus, confirmed) = await confirm;
            var (_, cancelled) = await cancel;
            var confirmWon = confirmStatus == HttpStatusCode.OK && confirmed["data"]!.GetValue<bool>();
            var cancelWon = cancelled["data"]!.GetValue<bool>();
            (confirmWon ^ cancelWon).ShouldBeTrue($"round {round}: exactly one wins ({confirmed.ToJsonString()} / {cancelled.ToJsonString()})");
            var order = await OrderAsync(reference);
            order["stage"]!.GetValue<string>().ShouldBe(confirmWon ? "funded_provider" : "cancelled");
            if (cancelWon)
            {
                confirmed.ToJsonString().ShouldBe("""{"data":null,"status":"BadRequest","message":"Order has been cancelled"}""");
            }
            else
            {
                cancelled["message"]!.GetValue<string>().ShouldBe("Order cannot be cancelled after payment has been made");
            }
        }
    }

    [Fact]
    public async Task An_unpaid_order_is_cancelled_by_the_system_after_fifteen_minutes()
    {
        var reference = await _party.BuyAsync("frank@example.com");
        _server.Clock.Advance(TimeSpan.FromMinutes(14));
        await _server.Sweeper.SweepOnceAsync();
        var (_, still) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=frank@example.com");
        still["data"]!["orderStatus"]!.GetValue<string>().ShouldBe("ProcessingRequest");

        _server.Clock.Advance(TimeSpan.FromMinutes(1));
        await _server.Sweeper.SweepOnceAsync();
        var order = await OrderAsync(reference);
        order["stage"]!.GetValue<string>().ShouldBe("cancelled");
        order["cancelled_by"]!.GetValue<string>().ShouldBe("system");
        (await _party.ConfirmAsync("frank@example.com", reference)).Body["message"]!.GetValue<string>().ShouldBe("Order has been cancelled");
        (await _party.CancelAsync("frank@example.com", reference)).Body["data"]!.GetValue<bool>().ShouldBeTrue();
        var (_, free) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=frank@example.com");
        free["data"]!["orderStatus"]!.GetValue<string>().ShouldBe("Available");
    }

    /// <summary>The order as an operator sees it through the native API.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> OrderAsync(string reference)
    {
        using var admin = _server.Admin();
        var (status, order) = await admin.GetJsonAsync($"/v1/orders/{reference}");
        status.ShouldBe(HttpStatusCode.OK);
        return order;
    }
}
