using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// The crash loop's traffic: tenants placing rentals, limit orders (crossing, in two markets),
/// p2p and purchase orders, with and without <c>Idempotency-Key</c>; cancels; fills by an
/// executor (rentals), by the store itself (purchase payments) and by an operator (p2p stages).
/// Every request is logged as a <see cref="CrashOp"/>; those that got no answer wait for a retry.
/// </summary>
public sealed class CrashLoad(int seed, string adminKey)
{
    public const int Tenants = 3;
    public static readonly string[] Markets = ["btcusdc", "ethusdc"];

    private readonly object _gate = new();
    private readonly List<CrashOp> _log = [];
    private readonly List<CrashOp> _pending = [];
    private readonly List<(long Id, int Tenant, string Kind, decimal Quantity)> _orders = [];
    private int _number;

    /// <summary>The server life now running: 1 to the number of cycles, then the final one.</summary>
    public int Cycle { get; set; }

    public long[] AccountIds { get; } = new long[Tenants];
    public string[] Keys { get; } = new string[Tenants];
    public long ExecutorAccountId { get; private set; }
    public string ExecutorKey { get; private set; } = "";

    public IReadOnlyList<CrashOp> Log { get { lock (_gate) { return [.. _log]; } } }

    public int PendingCount { get { lock (_gate) { return _pending.Count; } } }

    /// <summary>Server answers of 5xx (retried like no answer); none are expected.</summary>
    public int ServerErrors;

    /// <summary>Accounts with keys and deposits, and the markets; on the first server, before any kill.</summary>
    public async Task SetUpAsync(Uri server)
    {
        using var admin = Client(server, adminKey);
        foreach (var market in Markets)
        {
            (await admin.PutAsJsonAsync($"/v1/markets/{market}", new
            {
                @base = market[..3].ToUpperInvariant(),
                quote = "USDC",
                price_precision = 2,
                volume_precision = 4,
                min_volume = "0.0001",
                maker_fee = "0.001",
                taker_fee = "0.002",
            })).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < Tenants; i++)
        {
            (AccountIds[i], Keys[i]) = await AccountAsync(admin, $"crash-tenant-{i}", "orders:read,orders:write,fills:write");
            foreach (var (asset, amount) in new[] { ("TRX", "100000000"), ("USDC", "100000000"), ("BTC", "100000"), ("ETH", "100000") })
            {
                (await admin.PostAsJsonAsync($"/v1/accounts/{AccountIds[i]}/deposits", new { asset, amount, external_id = $"seed-{i}-{asset}" }))
                    .EnsureSuccessStatusCode();
            }
        }

        (ExecutorAccountId, ExecutorKey) = await AccountAsync(admin, "crash-executor", "orders:read,fills:write");
    }

    private static async Task<(long, string)> AccountAsync(HttpClient admin, string name, string scopes)
    {
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name }));
        var id = account["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "native", scopes = scopes.Split(',') }));
        return (id, credential["key"]!.GetValue<string>());
    }

    /// <summary>Runs <paramref name="workers"/> senders and one retrier until <paramref name="stop"/> fires.</summary>
    public Task RunAsync(Uri server, int cycle, int workers, CancellationToken stop)
    {
        var clients = Clients(server);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, cycle, w));
            while (!stop.IsCancellationRequested)
            {
                if (Next(random) is { } op)
                {
                    await SendAsync(op, clients);
                }
            }
        })).ToList();
        tasks.Add(Task.Run(() => RetryAsync(clients, stop)));
        return Task.WhenAll(tasks);
    }

    /// <summary>Sends every request still without an answer again, as it was (same key, same body).</summary>
    public async Task RetryAsync(Dictionary<int, HttpClient> clients, CancellationToken stop)
    {
        List<CrashOp> due;
        lock (_gate)
        {
            due = [.. _pending];
            _pending.Clear();
        }

        foreach (var op in due)
        {
            if (stop.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _pending.Add(op);
                }

                continue;
            }

            await SendAsync(op, clients);
        }
    }

    public Dictionary<int, HttpClient> Clients(Uri server)
    {
        var clients = new Dictionary<int, HttpClient>
        {
            [CrashOp.Executor] = Client(server, ExecutorKey),
            [CrashOp.Operator] = Client(server, adminKey),
        };
        for (var i = 0; i < Tenants; i++)
        {
            clients[i] = Client(server, Keys[i]);
        }

        return clients;
    }

    private static HttpClient Client(Uri server, string key)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task SendAsync(CrashOp op, Dictionary<int, HttpClient> clients)
    {
        op.Attempts++;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, op.Path) { Content = ServerFixture.Body(op.Body) };
            if (op.IdempotencyKey is { } key)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            using var response = await clients[op.Sender].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                Interlocked.Increment(ref ServerErrors);
                Unanswered(op);
                return;
            }

            Answered(op, (int)response.StatusCode, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Unanswered(op);
        }
    }

    private void Answered(CrashOp op, int status, string text)
    {
        lock (_gate)
        {
            op.Status = status;
            op.Answer = text;
            op.AnsweredInCycle = Cycle;
            if (op.Kind == CrashOpKind.Place && status == 201)
            {
                op.OrderId = JsonNode.Parse(text)!["id"]!.GetValue<long>();
                _orders.Add((op.OrderId.Value, op.Sender, op.OrderKind!, op.Quantity));
            }
        }
    }

    /// <summary>No answer: retried later, except a place without a key (sending it again could place it twice).</summary>
    private void Unanswered(CrashOp op)
    {
        lock (_gate)
        {
            if (op.Kind != CrashOpKind.Place || op.IdempotencyKey is not null)
            {
                _pending.Add(op);
            }
        }
    }

    /// <summary>The next request: a weighted choice, with each place's quantity unique (its marker).</summary>
    private CrashOp? Next(Random random)
    {
        var n = Interlocked.Increment(ref _number);
        var tenant = random.Next(Tenants);
        var roll = random.Next(100);
        CrashOp? op = roll switch
        {
            < 14 => Place(n, tenant, random, "Rental", 1000 + n,
                $$"""{"kind":"rental","quantity":"{{1000 + n}}","price":"0.01","duration_seconds":3600,"receive_address":"{{Orders.Address}}"}"""),
            < 40 => Limit(n, tenant, random),
            < 48 => Place(n, tenant, random, "P2p", 5000 + n,
                $$"""{"kind":"p2p","side":"buy","pay_currency":"NGN","receive_currency":"USDT","amount":"{{5000 + n}}","customer_email":"c{{n}}@crash.example"}"""),
            < 56 => Place(n, tenant, random, "Purchase", 1 + n,
                $$"""{"kind":"purchase","currency":"USD","amount":"10.00","items":{{1 + n}},"country":"DE"}"""),
            < 74 => Cancel(n, random),
            _ => Fill(n, random),
        };
        if (op is not null)
        {
            lock (_gate)
            {
                _log.Add(op);
            }
        }

        return op;
    }

    private CrashOp Limit(int n, int tenant, Random random)
    {
        var market = Markets[random.Next(Markets.Length)];
        var side = random.Next(2) == 0 ? "buy" : "sell";
        var quantity = 0.01m + (n * 0.0001m);

        // A few market orders, never with a price; the rest limit orders around 100 so they cross.
        if (random.Next(10) == 0)
        {
            return Place(n, tenant, random, "Limit", quantity,
                $$"""{"kind":"limit","market":"{{market}}","side":"{{side}}","type":"market","quantity":"{{Text(quantity)}}"}""");
        }

        var price = 98m + (random.Next(401) / 100m);
        return Place(n, tenant, random, "Limit", quantity,
            $$"""{"kind":"limit","market":"{{market}}","side":"{{side}}","price":"{{Text(price)}}","quantity":"{{Text(quantity)}}"}""");
    }

    private CrashOp Place(int n, int tenant, Random random, string kind, decimal quantity, string body) => new()
    {
        Number = n,
        Kind = CrashOpKind.Place,
        Sender = tenant,
        SentInCycle = Cycle,
        Path = "/v1/orders",
        Body = body,
        IdempotencyKey = random.Next(2) == 0 ? $"place-{seed}-{n}" : null,
        AccountId = AccountIds[tenant],
        OrderKind = kind,
        Quantity = quantity,
    };

    private CrashOp? Cancel(int n, Random random)
    {
        if (Pick(random, _ => true) is not { } order)
        {
            return null;
        }

        return new CrashOp
        {
            Number = n,
            Kind = CrashOpKind.Cancel,
            Sender = order.Tenant,
            SentInCycle = Cycle,
            Path = $"/v1/orders/{order.Id}/cancel",
            Body = """{"reason":"crash loop"}""",
            IdempotencyKey = random.Next(3) == 0 ? $"cancel-{seed}-{n}" : null,
            OrderId = order.Id,
        };
    }

    private CrashOp? Fill(int n, Random random)
    {
        if (Pick(random, o => o.Kind != "Limit") is not { } order)
        {
            return null;
        }

        // Rentals are filled by the executor, purchase payments by the store's own key, p2p stages by an operator.
        var (sender, body) = order.Kind switch
        {
            "Rental" => (CrashOp.Executor, $$"""{"quantity":"{{Text(random.Next(3) == 0 ? order.Quantity : Math.Floor(order.Quantity / (2 + random.Next(3))))}}","external_id":"x{{n}}"}"""),
            "Purchase" => (order.Tenant, $$"""{"stage":"paid","external_id":"x{{n}}"}"""),
            _ => (CrashOp.Operator, $$"""{"stage":"funded_provider","external_id":"x{{n}}"}"""),
        };
        return new CrashOp
        {
            Number = n,
            Kind = CrashOpKind.Fill,
            Sender = sender,
            SentInCycle = Cycle,
            Path = $"/v1/orders/{order.Id}/fills",
            Body = body,
            IdempotencyKey = random.Next(3) == 0 ? $"fill-{seed}-{n}" : null,
            OrderId = order.Id,
            ExternalId = $"x{n}",
        };
    }

    private (long Id, int Tenant, string Kind, decimal Quantity)? Pick(Random random, Func<(long Id, int Tenant, string Kind, decimal Quantity), bool> which)
    {
        lock (_gate)
        {
            // Mostly recent orders, so cancels and fills meet open ones and race each other.
            var recent = _orders.Skip(Math.Max(0, _orders.Count - 60)).Where(which).ToList();
            return recent.Count == 0 ? null : recent[random.Next(recent.Count)];
        }
    }

    private static string Text(decimal value) => Ordo.Core.Decimals.ToText(value);
}
