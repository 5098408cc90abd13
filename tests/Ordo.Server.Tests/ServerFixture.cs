using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Ordo.Core.Store;
using Ordo.Server;
using Ordo.Server.Expiry;
using Ordo.Server.Hosting;
using Ordo.Store.Sqlite;
using Ordo.Testing;

namespace Ordo.Server.Tests;

/// <summary>
/// A real server on a loopback port with a real database and a clock the test moves: a SQLite file,
/// or with <c>ORDO_TEST_STORE=postgres</c> a fresh schema on the test PostgreSQL server.
/// </summary>
public sealed class ServerFixture : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary>Which store the HTTP suites run on: <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public const string StoreVariable = "ORDO_TEST_STORE";

    private readonly IDisposable? _database;
    private readonly WebApplication _app;

    private ServerFixture(ServerOptions options, string? folder, Action<IServiceCollection>? overrides, ServerFixture? first = null)
    {
        // A second node shares the first's database and clock; the first removes the database.
        Clock = first?.Clock ?? new ManualClock();
        if (first is not null)
        {
            Options = first.Options with { };
        }
        else if (OnPostgres)
        {
            var schema = new ScratchPostgres();
            _database = schema;
            // Every node on PostgreSQL needs the same secrets key; a SQLite server makes a key file.
            Options = options with { Database = schema.ConnectionString, SecretsKey = options.SecretsKey ?? TestSecretsKey };
        }
        else
        {
            var file = new ScratchDatabase(folder);
            _database = file;
            Options = options with { Database = file.Path };
        }

        Options = Options with { Urls = "http://127.0.0.1:0", AdminKey = AdminKey };
        _app = OrdoServer.Build(Options, Clock, logging => logging.ClearProviders(), overrides);
    }

    /// <summary>Whether <c>ORDO_TEST_STORE=postgres</c> puts these servers on PostgreSQL.</summary>
    public static bool OnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(StoreVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    private static string TestSecretsKey => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public ManualClock Clock { get; }

    public ServerOptions Options { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The SQLite file, or on PostgreSQL the connection string (what <c>--db</c> would name).</summary>
    public string DatabasePath => Options.Database;

    public ExpirySweeper Sweeper => _app.Services.GetRequiredService<ExpirySweeper>();

    public IServiceProvider Services => _app.Services;

    /// <param name="folder">Where the database's folder is made (default: the temporary folder).</param>
    /// <param name="overrides">Service registrations that replace the server's own (fault injection).</param>
    public static async Task<ServerFixture> StartAsync(ServerOptions? options = null, string? folder = null, Action<IServiceCollection>? overrides = null)
    {
        var fixture = new ServerFixture(options ?? new ServerOptions { SweepInterval = TimeSpan.FromHours(1) }, folder, overrides);
        await fixture._app.StartAsync();
        fixture.BaseAddress = new Uri(fixture._app.Urls.First());
        await fixture.BooksLoadedAsync();
        return fixture;
    }

    /// <summary>Another server (a second node) on this one's database and clock, with its own port and process state.</summary>
    public async Task<ServerFixture> AnotherNodeAsync(Action<IServiceCollection>? overrides = null)
    {
        var node = new ServerFixture(Options, folder: null, overrides, first: this);
        await node._app.StartAsync();
        node.BaseAddress = new Uri(node._app.Urls.First());
        await node.BooksLoadedAsync();
        return node;
    }

    /// <summary>
    /// Waits for the background book warm-up, so a test starts on a ready server (/readyz says 503 until
    /// then: a test asserting readiness raced it). The bound turns a hang into a failure.
    /// </summary>
    private Task BooksLoadedAsync() => _app.Services.GetRequiredService<BookWarmup>().Loaded.WaitAsync(TimeSpan.FromSeconds(60));

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Admin() => Client(AdminKey);

    /// <summary>A new account with a native key of the given scopes and the given deposits.</summary>
    public async Task<Tenant> TenantAsync(string scopes = "orders:read,orders:write", params (string Asset, decimal Amount)[] deposits)
    {
        using var admin = Admin();
        var account = await Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "tenant", email = "t@example.com" }));
        var id = account["id"]!.GetValue<long>();
        var credential = await Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "native", scopes = scopes.Split(',') }));
        foreach (var (asset, amount) in deposits)
        {
            (await admin.PostAsJsonAsync($"/v1/accounts/{id}/deposits", new { asset, amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), external_id = $"seed-{asset}" }))
                .EnsureSuccessStatusCode();
        }

        return new Tenant(id, credential["key"]!.GetValue<string>(), Client(credential["key"]!.GetValue<string>()));
    }

    /// <summary>Orders, ledger and every tenant's balances as one string: equal snapshots mean nothing was written.</summary>
    public async Task<string> SnapshotAsync()
    {
        using var opened = Stores.OpenForCommand(DatabasePath);
        var store = opened.Store;
        var orders = await store.ListOrdersAsync(new OrderQuery { Limit = 1000 });
        var ledger = await store.GetLedgerAsync();
        var accounts = new List<string>();
        for (var id = 100L; await store.GetAccountAsync(id) is not null; id++)
        {
            accounts.Add(string.Join(",", (await store.GetBalancesAsync(id)).Select(b => $"{b.Asset}:{b.Available}:{b.Locked}")));
        }

        return $"{orders.Count}|{string.Join(";", orders.Select(o => $"{o.Id}:{o.State}:{o.Version}"))}|{ledger.Count}|{string.Join("/", accounts)}";
    }

    /// <summary>An account's balance of one asset, read through the admin API.</summary>
    public async Task<(decimal Available, decimal Locked)> BalanceAsync(long accountId, string asset = "TRX")
    {
        using var admin = Admin();
        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{accountId}/balances");
        var row = balances["balances"]!.AsArray().FirstOrDefault(b => b!["asset"]!.GetValue<string>() == asset);
        return row is null ? (0m, 0m) : (row["available"].Dec(), row["locked"].Dec());
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"no JSON in {(int)response.StatusCode}: {text}");
    }

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _database?.Dispose();
    }
}

public sealed record Tenant(long AccountId, string Key, HttpClient Http);
