using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Ordo.Server.Hosting;
using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary><c>--db</c> naming PostgreSQL: the server runs on it, and refuses to start without the shared secrets key.</summary>
public sealed class PostgresHostingTests : IDisposable
{
    private readonly ScratchPostgres _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("postgres://u:p@db.example:5432/ordo", true)]
    [InlineData("postgresql://db.example/ordo", true)]
    [InlineData("Host=db.example;Database=ordo;Username=u", true)]
    [InlineData("Server=db.example;Database=ordo", true)]
    [InlineData("./ordo.db", false)]
    [InlineData("/var/lib/ordo/ordo.db", false)]
    public void The_database_setting_selects_the_store(string database, bool postgres) =>
        Stores.IsPostgres(database).ShouldBe(postgres);

    [Fact]
    public void A_connection_string_Npgsql_cannot_read_stops_the_server_instead_of_opening_a_file()
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = "Hots=db.example;Database=ordo", SecretsKey = Convert.ToBase64String(new byte[32]) };
        Should.Throw<ArgumentException>(() => OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders()))
            .Message.ShouldContain("not a PostgreSQL connection string");
    }

    [Fact]
    public void A_server_on_PostgreSQL_without_a_secrets_key_refuses_to_start_and_says_why()
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = _database.ConnectionString };
        var refused = Should.Throw<InvalidOperationException>(() => OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders()));
        refused.Message.ShouldContain("ORDO_SECRETS_KEY");
    }

    [Fact]
    public async Task An_operator_command_opens_the_PostgreSQL_store()
    {
        using var opened = Stores.OpenForCommand(_database.ConnectionString);
        (await opened.Store.GetAccountAsync(1)).ShouldNotBeNull("the platform account, made by the migrations");
    }

    [Fact]
    public async Task A_server_on_PostgreSQL_places_and_cancels_with_a_refund()
    {
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = _database.ConnectionString,
            AdminKey = "pg-admin-key-0123456789",
            SecretsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            SweepInterval = TimeSpan.FromHours(1),
        };
        await using var app = OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders());
        await app.StartAsync();
        using var admin = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        admin.DefaultRequestHeaders.Add("Authorization", "Bearer " + options.AdminKey);

        // /readyz is 503 until the books are loaded in the background: wait for that, then it must say ready.
        await app.Services.GetRequiredService<BookWarmup>().Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        (await admin.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "pg-tenant" }));
        var accountId = account["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/credentials", new { dialect = "native", scopes = new[] { "orders:read", "orders:write" } }));
        (await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/deposits", new { asset = "TRX", amount = "100", external_id = "dep-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var tenant = new HttpClient { BaseAddress = admin.BaseAddress };
        tenant.DefaultRequestHeaders.Add("Authorization", "Bearer " + credential["key"]!.GetValue<string>());

        var order = await new Tenant(accountId, "", tenant).PlaceAsync(Orders.Rental());
        order["amount_paid"].Dec().ShouldBe(10m);
        var (status, cancelled) = await tenant.PostAsync($"/v1/orders/{order["id"]}/cancel", "{}");
        status.ShouldBe(HttpStatusCode.OK, cancelled.ToJsonString());
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");

        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{accountId}/balances");
        balances["balances"]!.AsArray().Single(b => b!["asset"]!.GetValue<string>() == "TRX")!["available"].Dec().ShouldBe(100m, "the whole payment came back");
        await app.StopAsync();
    }
}
