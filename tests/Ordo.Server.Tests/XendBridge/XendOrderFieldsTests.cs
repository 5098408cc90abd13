using System.Net;
using System.Text.Json.Nodes;

using Ordo.Core.Orders;
using Ordo.Server.XendBridge;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>
/// The order fields real clients read beyond the platform's page: the provider's names, contacts and
/// payment methods from its configuration, the customer's contact, both stamp spellings, and stage
/// stamps from the order's history.
/// </summary>
public sealed class XendOrderFieldsTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private XendThirdParty _party = null!;
    private Tenant _provider = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(XendProviders.Options());
        _provider = await _server.TenantAsync("fills:write");
        _party = await XendThirdParty.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_buy_shows_the_provider_and_its_bank_account_for_the_pay_in_currency()
    {
        var (status, answer) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", XendThirdParty.Initiation("ada@example.com"));
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        var order = answer["data"]!;
        order["providerFirstName"]!.GetValue<string>().ShouldBe("Ada");
        order["providerLastName"]!.GetValue<string>().ShouldBe("Okafor");
        order["providerEmail"]!.GetValue<string>().ShouldBe("ada@provider.example");
        order["provider"]!.ToJsonString().ShouldBe("""{"name":"Ada Okafor","email":"ada@provider.example"}""");
        order["providerContact"]!.ToJsonString().ShouldBe("""{"phoneNumber":"\u002B2348011111111","whatsappNumber":"\u002B2348022222222"}""");
        order["customerContact"]!.ToJsonString().ShouldBe("""{"email":"ada@example.com","name":"buyer","phoneNumber":"\u002B2348012345678"}""");

        var methods = order["providerPaymentMethods"]!;
        methods["paymentMethod"]!.GetValue<string>().ShouldBe("BankTransfer");
        methods["paymentType"]!.GetValue<string>().ShouldBe("Fiat");
        Pairs(methods["paymentData"]!).ShouldBe(
            ["bankName=First Test Bank", "accountNumber=0123456789", "accountName=Ada Okafor", "currency=NGN", "network=LOCAL"]);
        methods["orderPaymentMethod"]!["accountNumber"]!.GetValue<string>().ShouldBe("0123456789");
        methods["orderPaymentMethod"]!["bankName"]!.GetValue<string>().ShouldBe("First Test Bank");

        var now = _server.Clock.GetUtcNow();
        order["initiatedAtTimeStamp"]!.GetValue<long>().ShouldBe(now.ToUnixTimeMilliseconds());
        order["initiatedAtTimestamp"]!.GetValue<long>().ShouldBe(now.ToUnixTimeMilliseconds());
        order["orderExpiryTimeStamp"]!.GetValue<long>().ShouldBe(now.AddMinutes(15).ToUnixTimeMilliseconds());
        foreach (var stamp in new[] { "fundProviderAtTimeStamp", "fundCustomerAtTimeStamp", "orderCompletedAtTimeStamp", "providerTransactionMetadata" })
        {
            order.AsObject().ContainsKey(stamp).ShouldBeTrue(stamp);
            order[stamp].ShouldBeNull(stamp);
        }
    }

    [Fact]
    public async Task A_sell_shows_the_providers_wallet_for_the_pay_in_currency_and_network()
    {
        var body = XendThirdParty.Initiation("bob@example.com", "10", "USDT", "NGN").Replace("\"payInCurrencyNetwork\":\"LOCAL\"", "\"payInCurrencyNetwork\":\"POLYGON\"");
        var (status, answer) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Sell/Initiate", body);
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        var methods = answer["data"]!["providerPaymentMethods"]!;
        methods["paymentMethod"]!.GetValue<string>().ShouldBe("Crypto");
        Pairs(methods["paymentData"]!).ShouldBe([$"walletAddress={XendProviders.PolygonWallet}", "network=POLYGON", "currency=USDT"]);
        methods["orderPaymentMethod"]!.ToJsonString().ShouldBe($$"""{"walletAddress":"{{XendProviders.PolygonWallet}}","network":"POLYGON","currency":"USDT"}""");
    }

    [Fact]
    public async Task A_pay_in_the_provider_has_no_method_for_gets_empty_methods()
    {
        // The provider has no cedi account: the order is initiated, with nothing to pay into.
        var (status, answer) = await _party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", XendThirdParty.Initiation("cedi@example.com", "150", "GHS"));
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        answer["data"]!["providerPaymentMethods"]!.ToJsonString().ShouldBe("""{"paymentMethod":null,"paymentType":null,"paymentData":[],"orderPaymentMethod":null}""");
        answer["data"]!["providerContact"]!["phoneNumber"]!.GetValue<string>().ShouldBe("+2348011111111");
    }

    [Fact]
    public async Task Stage_stamps_are_the_times_the_order_reached_its_stages()
    {
        var reference = await _party.BuyAsync("dan@example.com");
        _server.Clock.Advance(TimeSpan.FromMinutes(3));
        var paid = _server.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        (await _party.ConfirmAsync("dan@example.com", reference)).Status.ShouldBe(HttpStatusCode.OK);

        var order = await PendingAsync("dan@example.com");
        order["fundProviderAtTimeStamp"]!.GetValue<long>().ShouldBe(paid);
        order["fundCustomerAtTimeStamp"].ShouldBeNull();

        _server.Clock.Advance(TimeSpan.FromMinutes(2));
        await StageAsync(reference, "fund_received_from_user");
        _server.Clock.Advance(TimeSpan.FromMinutes(4));
        var sent = _server.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await StageAsync(reference, "funded_user");
        _server.Clock.Advance(TimeSpan.FromMinutes(1));

        order = await PendingAsync("dan@example.com");
        order["fundProviderAtTimeStamp"]!.GetValue<long>().ShouldBe(paid, "a later stage does not move an earlier stamp");
        order["fundCustomerAtTimeStamp"]!.GetValue<long>().ShouldBe(sent);
        order["orderCompletedAtTimeStamp"].ShouldBeNull();
    }

    [Fact]
    public void A_completed_order_shows_when_it_completed()
    {
        // Completed orders are no longer pending, so no endpoint shows them; the view still reads the stamp from the history.
        var at = DateTimeOffset.Parse("2026-11-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var order = new Order { Number = "XB_" + new string('a', 32), Dialect = "xendbridge", Kind = OrderKind.P2p, Side = OrderSide.Buy, State = OrderState.Completed, CreatedAt = at };
        var system = Actor.System;
        var view = XendOrder.From(order, [
            new OrderEvent(1, EventTypes.Created, OrderState.Acknowledged, system, null, at, new Dictionary<string, string>()),
            new OrderEvent(1, EventTypes.StageChanged, OrderState.FundedProvider, system, null, at.AddMinutes(1), new Dictionary<string, string>()),
            new OrderEvent(1, EventTypes.StageChanged, OrderState.FundedUser, system, null, at.AddMinutes(5), new Dictionary<string, string>()),
            new OrderEvent(1, EventTypes.Completed, OrderState.Completed, system, null, at.AddMinutes(6), new Dictionary<string, string>()),
        ]);
        view.FundProviderAtTimeStamp.ShouldBe(at.AddMinutes(1).ToUnixTimeMilliseconds());
        view.FundCustomerAtTimeStamp.ShouldBe(at.AddMinutes(5).ToUnixTimeMilliseconds());
        view.OrderCompletedAtTimeStamp.ShouldBe(at.AddMinutes(6).ToUnixTimeMilliseconds());
        view.ProviderPaymentMethods.PaymentData.ShouldBeEmpty("an order kept no methods: none are shown");
    }

    private static string[] Pairs(JsonNode data) =>
        data.AsArray().Select(p => $"{p!["name"]!.GetValue<string>()}={p["value"]!.GetValue<string>()}").ToArray();

    private async Task<JsonNode> PendingAsync(string email)
    {
        var (_, pending) = await _party.SendAsync(HttpMethod.Get, $"/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress={email}");
        return pending["data"]!["orderResponse"]!;
    }

    private async Task StageAsync(string reference, string stage)
    {
        var (moved, body) = await _provider.Http.PostAsync($"/v1/orders/{reference}/fills", $$"""{"stage":"{{stage}}","external_id":"{{stage}}"}""");
        moved.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }
}
