using System.Net;

using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx;

/// <summary>
/// Two servers on one database, as two nodes behind a load balancer: a nonce one node issued is
/// spent through the other, and only once, whichever node is asked again.
/// </summary>
public sealed class TanxTwoNodesTests : IAsyncLifetime
{
    private ServerFixture _first = null!;
    private ServerFixture _second = null!;

    public async Task InitializeAsync()
    {
        _first = await ServerFixture.StartAsync();
        _second = await _first.AnotherNodeAsync();
        await _first.MarketAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_login_nonce_from_one_node_logs_in_on_the_other_once()
    {
        var (_, key, address) = await TanxUser.RegisterAsync(_first);
        using var first = _first.Client();
        using var second = _second.Client();
        var (_, nonce) = await TanxUser.Send(first, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{address}}"}""");
        var signature = Ethereum.PersonalSign(nonce["payload"]!.GetValue<string>(), key);
        var login = $$"""{"eth_address":"{{address}}","user_signature":"{{signature}}"}""";

        var (status, answer) = await TanxUser.Send(second, HttpMethod.Post, "/sapi/v1/auth/login/", login);
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        answer["message"]!.GetValue<string>().ShouldBe("Login successful");

        foreach (var node in new[] { second, first })
        {
            var (again, refusal) = await TanxUser.Send(node, HttpMethod.Post, "/sapi/v1/auth/login/", login);
            again.ShouldBe(HttpStatusCode.Unauthorized, "the nonce was spent on the second node");
            refusal["message"]!.GetValue<string>().ShouldBe("Nonce expired or already used: request a new one");
        }
    }

    [Fact]
    public async Task An_order_nonce_from_one_node_places_one_order_on_the_other()
    {
        var user = await TanxUser.CreateAsync(_first);
        var (status, issued) = await user.PostAsync("/sapi/v1/orders/nonce/", """{"market":"btcusdc","ord_type":"limit","price":"60000","side":"buy","volume":"0.01"}""");
        status.ShouldBe(HttpStatusCode.OK, issued.ToJsonString());
        var (nonce, msgHash) = (issued["payload"]!["nonce"]!.GetValue<long>(), issued["payload"]!["msg_hash"]!.GetValue<string>());
        var create = $$$"""{"nonce":{{{nonce}}},"msg_hash":"{{{msgHash}}}","signature":{"r":"0x1f","s":"0x2e"}}""";

        using var second = _second.Client();
        second.DefaultRequestHeaders.Authorization = user.Http.DefaultRequestHeaders.Authorization;
        var (placed, order) = await TanxUser.Send(second, HttpMethod.Post, "/sapi/v1/orders/create/", create);
        placed.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        order["payload"]!["price"]!.GetValue<string>().ShouldBe("60000");
        order["payload"]!["origin_volume"]!.GetValue<string>().ShouldBe("0.01");
        var before = await _first.SnapshotAsync();

        foreach (var node in new[] { second, user.Http })
        {
            var (again, refusal) = await TanxUser.Send(node, HttpMethod.Post, "/sapi/v1/orders/create/", create);
            again.ShouldBe(HttpStatusCode.BadRequest, refusal.ToJsonString());
            refusal["message"]!.GetValue<string>().ShouldStartWith("nonce: unknown, expired or already used");
        }

        (await _first.SnapshotAsync()).ShouldBe(before, "the second create placed nothing");
    }
}
