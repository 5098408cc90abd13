using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Ordo.Server;

namespace Ordo.Server.Tests.Hosting;

public sealed class OperationsTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var http = _server.Client();
        (await http.GetJsonAsync("/healthz")).Body["status"]!.GetValue<string>().ShouldBe("up");
        (await http.GetJsonAsync("/readyz")).Body["status"]!.GetValue<string>().ShouldBe("ready");
    }

    [Fact]
    public void No_configuration_file_is_watched_for_changes()
    {
        // A reloading source watches every folder under the working directory, database files included.
        var configuration = (IConfigurationRoot)_server.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(file => !file.Source.ReloadOnChange);
    }

    [Fact]
    public async Task The_openapi_document_is_3_1_and_describes_every_native_endpoint()
    {
        using var http = _server.Client();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/v1/orders");
        paths.ShouldContain("/v1/orders/{ref}");
        paths.ShouldContain("/v1/orders/{ref}/cancel");
        paths.ShouldContain("/v1/orders/cancel");
        paths.ShouldContain("/v1/orders/{ref}/events");
        paths.ShouldContain("/v1/orders/{ref}/fills");
        paths.ShouldContain("/v1/accounts");
        paths.ShouldContain("/v1/markets/{name}");
        var order = document["components"]!["schemas"]!["OrderDto"]!["properties"]!;
        order["remaining_quantity"]!["type"]!.ToJsonString().ShouldContain("string", Case.Insensitive, "decimals are strings on the wire");
    }

    [Fact]
    public async Task Demo_mode_creates_an_account_with_keys_balances_and_markets()
    {
        await using var demo = await ServerFixture.StartAsync(new ServerOptions { Demo = true, SweepInterval = TimeSpan.FromHours(1) });
        using var http = demo.Client(Ordo.Server.Demo.DemoData.NativeKey);
        var (status, order) = await http.PostAsync("/v1/orders", """{"kind":"limit","market":"btcusdc","side":"buy","price":"30000","quantity":"0.01"}""");
        status.ShouldBe(HttpStatusCode.Created, order.ToJsonString());
        (await http.PostAsync($"/v1/orders/{order["id"]}/cancel")).Body["state"]!.GetValue<string>().ShouldBe("cancelled");
        (await http.PostAsync("/v1/orders", Orders.Rental())).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_docs_page_is_served()
    {
        using var http = _server.Client();
        var response = await http.GetAsync("/docs/index.html");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);

        var bare = await http.GetAsync("/docs"); // redirected to the page
        bare.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bare.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);
    }
}
