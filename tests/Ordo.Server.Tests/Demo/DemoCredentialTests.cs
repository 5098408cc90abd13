using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Ordo.Server.Demo;
using Ordo.Server.Feee;
using Ordo.Server.Hosting;
using Ordo.Server.Tests.Tanx;
using Ordo.Testing;

namespace Ordo.Server.Tests.Demo;

/// <summary>
/// Demo credentials have published secrets: a database seeded by <c>--demo</c> and then served
/// without it refuses every one of them, while credentials an operator issued keep working; and
/// demo mode listens on loopback only.
/// </summary>
public sealed class DemoCredentialTests
{
    private const string Admin = "demo-test-admin-key";

    [Fact]
    public async Task Demo_keys_work_only_while_the_server_runs_with_demo()
    {
        using var database = new ScratchDatabase();
        long account;
        await using (var demo = await StartAsync(database, demo: true))
        {
            using var native = Client(demo, DemoData.NativeKey);
            (await native.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK);
            using var admin = Client(demo, DemoData.AdminKey);
            var (_, tenant) = await admin.PostAsync("/v1/accounts", """{"name":"real"}""");
            account = tenant["id"]!.GetValue<long>();
        }

        await using (var plain = await StartAsync(database, demo: false))
        {
            using var bootstrap = Client(plain, Admin);
            var (_, issued) = await bootstrap.PostAsync($"/v1/accounts/{account}/credentials", """{"dialect":"native"}""");
            using var operatorIssued = Client(plain, issued["key"]!.GetValue<string>());
            (await operatorIssued.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK, "credentials an operator issued are not demo ones");

            foreach (var key in new[] { DemoData.NativeKey, DemoData.AdminKey })
            {
                using var native = Client(plain, key);
                (await native.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.Unauthorized, key);
            }

            using var feee = Client(plain, null);
            feee.DefaultRequestHeaders.Add("key", DemoData.FeeeKey);
            using var feeeAnswer = await feee.GetAsync("/open/v2/api/query");
            (await ServerFixture.Json(feeeAnswer))["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidKey);

            using var fungies = Client(plain, null);
            fungies.DefaultRequestHeaders.Add("x-fngs-public-key", DemoData.FungiesPublicKey);
            (await fungies.GetAsync("/v0/orders/list")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            using var xend = Client(plain, null);
            xend.DefaultRequestHeaders.Add("secretKey", DemoData.XendSecretKey);
            (await xend.GetAsync("/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=a%40example.com")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            using var tronify = Client(plain, null);
            var (_, channel) = await tronify.PostAsync("/api/tronRent/pledgeConfig", $$"""{"sourceFlag":"{{DemoData.TronifySourceFlag}}","address":"{{DemoData.Address}}"}""");
            channel["resCode"]!.GetValue<int>().ShouldBe(Ordo.Server.Tronify.TronifyCodes.UnknownSourceFlag);

            using var tanx = Client(plain, null);
            (await TanxUser.Send(tanx, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{DemoData.TanxAddress}}"}""")).Status
                .ShouldBe(HttpStatusCode.Unauthorized, "the demo wallet's private key is published");
        }

        await using (var again = await StartAsync(database, demo: true))
        {
            using var native = Client(again, DemoData.NativeKey);
            (await native.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK, "back in demo mode, the demo keys work again");
        }
    }

    [Fact]
    public async Task A_demo_wallets_token_stops_when_the_server_runs_without_demo()
    {
        using var database = new ScratchDatabase();
        string access;
        await using (var demo = await StartAsync(database, demo: true))
        {
            using var http = Client(demo, null);
            (access, _) = await TanxUser.LoginAsync(http, DemoData.TanxPrivateKey);
        }

        await using var plain = await StartAsync(database, demo: false);
        using var client = Client(plain, null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("JWT", access);
        (await TanxUser.Send(client, HttpMethod.Get, "/sapi/v1/orders/", null)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null)]
    [InlineData("http://localhost:8080;http://[::1]:8080;http://127.0.0.2:0", null)]
    [InlineData("http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:8080;http://[::]:8080", "http://[::]:8080")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://example.com:80", "http://example.com:80")]
    [InlineData("http://10.1.2.3:80", "http://10.1.2.3:80")]
    public void Only_loopback_addresses_pass(string urls, string? refused) =>
        LoopbackUrls.FirstNonLoopback(urls).ShouldBe(refused);

    [Fact]
    public void Building_a_demo_server_on_a_public_address_fails()
    {
        using var database = new ScratchDatabase();
        Should.Throw<InvalidOperationException>(() => OrdoServer.Build(new ServerOptions { Demo = true, Urls = "http://0.0.0.0:0", Database = database.Path }))
            .Message.ShouldContain("loopback addresses only");
    }

    private static HttpClient Client(WebApplication app, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static async Task<WebApplication> StartAsync(ScratchDatabase database, bool demo)
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = database.Path, Demo = demo, AdminKey = Admin, SweepInterval = TimeSpan.FromHours(1) };
        var app = OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders());
        await app.StartAsync();
        return app;
    }
}
