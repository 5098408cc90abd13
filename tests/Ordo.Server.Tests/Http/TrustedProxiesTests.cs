using System.Net;

using Ordo.Server.Http;

namespace Ordo.Server.Tests.Http;

/// <summary>
/// Behind a load balancer: a request from a trusted proxy counts against the address its
/// <c>X-Forwarded-For</c> names, so clients keep their own throttle budgets; from anyone else the
/// header is ignored, so a client cannot buy a fresh budget by sending it.
/// </summary>
public sealed class TrustedProxiesTests
{
    private const int Burst = 2;

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_each_have_their_own_budget()
    {
        await using var server = await StartAsync(trusted: "127.0.0.1");
        await ExhaustAsync(server, "203.0.113.1");

        (await BadKeyAsync(server, "203.0.113.2")).ShouldBe(HttpStatusCode.Unauthorized, "another client behind the proxy");
    }

    [Fact]
    public async Task A_trusted_network_is_written_as_cidr()
    {
        await using var server = await StartAsync(trusted: "10.9.0.0/16, 127.0.0.0/8");
        await ExhaustAsync(server, "198.51.100.7");

        (await BadKeyAsync(server, "198.51.100.8")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_trusted_proxies_the_header_changes_nothing()
    {
        await using var server = await StartAsync(trusted: null);
        await ExhaustAsync(server, "203.0.113.1");

        (await BadKeyAsync(server, "203.0.113.2")).ShouldBe(HttpStatusCode.TooManyRequests, "the connection's own address is spent");
    }

    [Fact]
    public async Task A_proxy_that_is_not_in_the_list_is_not_believed()
    {
        await using var server = await StartAsync(trusted: "10.0.0.5");
        await ExhaustAsync(server, "203.0.113.1");

        (await BadKeyAsync(server, "203.0.113.2")).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("10.0.0.5, lb.internal")]
    [InlineData("10.0.0.0/99")]
    public void A_setting_that_names_no_address_stops_the_server_at_start(string setting)
    {
        var refused = Should.Throw<InvalidOperationException>(() => TrustedProxies.Options(setting));
        refused.Message.ShouldContain(TrustedProxies.Setting);
    }

    private static Task<ServerFixture> StartAsync(string? trusted) => ServerFixture.StartAsync(new ServerOptions
    {
        ClientAddressLimit = 1,
        ClientAddressWindow = TimeSpan.FromHours(1),
        ClientAddressBurst = Burst,
        TrustedProxies = trusted,
        SweepInterval = TimeSpan.FromHours(1),
    });

    private static async Task ExhaustAsync(ServerFixture server, string client)
    {
        for (var i = 0; i < Burst; i++)
        {
            (await BadKeyAsync(server, client)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await BadKeyAsync(server, client)).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static async Task<HttpStatusCode> BadKeyAsync(ServerFixture server, string forwardedFor)
    {
        using var http = server.Client("ordo_not_a_key");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/orders");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
