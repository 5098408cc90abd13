using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Ordo.Server;
using Ordo.Server.Demo;
using Ordo.Server.Hosting;

namespace Ordo.Benchmarks;

/// <summary>
/// Whole requests through the real server in-process (<see cref="TestServer"/>: no sockets, no
/// Kestrel), on a demo database in a temporary SQLite file, so the memory diagnoser's bytes per
/// operation are what one request costs the server (routing, authentication, the store, the engine,
/// JSON), plus the test client's own small share, the same before and after a change.
/// <list type="bullet">
/// <item><c>Place</c>: a durable native rental order (escrow).</item>
/// <item><c>FirstCancel</c>: the first cancel of an open rental order, with its refund (each
/// iteration places the orders it then cancels).</item>
/// <item><c>RepeatedCancel</c>: a cancel of an order already cancelled (no write).</item>
/// <item><c>GetOrder</c>: <c>GET /v1/orders/{id}</c>.</item>
/// <item><c>FeeeQuery</c> and <c>FeeeRepeatedCancel</c>: Feee's own calls (query string and JSON body, Feee's envelope).</item>
/// </list>
/// </summary>
[Config(typeof(Config))]
public class HttpBenchmarks
{
    private const int CancelsPerIteration = 200;

    private const string RentalBody =
        """{"kind":"rental","quantity":"100","price":"0.01","duration_seconds":3600,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}""";

    private string _folder = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private long _cancelledId;
    private long _openId;
    private long[] _toCancel = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ordo-bench-").FullName;
        var options = new ServerOptions
        {
            Demo = true,
            Urls = "http://127.0.0.1:18199",
            Database = Path.Combine(_folder, "bench.db"),
            RateLimitPerSecond = 0,
            SweepInterval = TimeSpan.FromHours(1),
        };
        var quiet = Console.Out;
        Console.SetOut(TextWriter.Null); // the demo's banner
        _app = OrdoServer.Build(options, logging: logging => logging.ClearProviders(), overrides: services => services.AddSingleton<IServer, TestServer>());
        _app.StartAsync().GetAwaiter().GetResult();
        Console.SetOut(quiet);
        _client = ((TestServer)_app.Services.GetRequiredService<IServer>()).CreateClient();

        _cancelledId = PlaceOne();
        Send(HttpMethod.Post, $"/v1/orders/{_cancelledId}/cancel", "{}");
        _openId = PlaceOne();
        Send(HttpMethod.Post, "/open/v2/order/cancel", $$"""{"order_no":"{{DemoData.FeeeOrderNo}}"}""");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup(Target = nameof(FirstCancel))]
    public void PlaceToCancel() => _toCancel = Enumerable.Range(0, CancelsPerIteration).Select(_ => PlaceOne()).ToArray();

    [Benchmark]
    public void Place() => Send(HttpMethod.Post, "/v1/orders", RentalBody, expect: 201);

    [Benchmark(OperationsPerInvoke = CancelsPerIteration)]
    public void FirstCancel()
    {
        foreach (var id in _toCancel)
        {
            Send(HttpMethod.Post, $"/v1/orders/{id}/cancel", "{}");
        }
    }

    [Benchmark]
    public void RepeatedCancel() => Send(HttpMethod.Post, $"/v1/orders/{_cancelledId}/cancel", "{}");

    [Benchmark]
    public void GetOrder() => Send(HttpMethod.Get, $"/v1/orders/{_openId}", null);

    [Benchmark]
    public void FeeeQuery() => Send(HttpMethod.Post, $"/open/v2/order/query?order_no={DemoData.FeeeOrderNo}", null);

    [Benchmark]
    public void FeeeRepeatedCancel() => Send(HttpMethod.Post, "/open/v2/order/cancel", $$"""{"order_no":"{{DemoData.FeeeOrderNo}}"}""");

    private long PlaceOne()
    {
        var body = Send(HttpMethod.Post, "/v1/orders", RentalBody, expect: 201);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    private byte[] Send(HttpMethod method, string path, string? body, int expect = 200)
    {
        using var request = new HttpRequestMessage(method, path);
        if (path.StartsWith("/open/", StringComparison.Ordinal))
        {
            request.Headers.Add("key", DemoData.FeeeKey);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DemoData.NativeKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        // TestServer's client is asynchronous only; a blocking wait here costs the same before and after.
        using var response = _client.SendAsync(request).GetAwaiter().GetResult();
        var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if ((int)response.StatusCode != expect)
        {
            throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        }

        return bytes;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        }
    }
}
