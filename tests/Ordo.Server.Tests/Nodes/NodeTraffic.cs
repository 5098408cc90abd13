using System.Text.Json.Nodes;

using Ordo.Server.Tests.Hosting;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Requests of the node tests, each a <see cref="CrashOp"/> (so <see cref="CrashInvariants"/> checks what
/// they did), sent to a chosen node. A request that gets no answer (its node is dead) or finds its key in
/// use is sent again, with the same <c>Idempotency-Key</c>, to the next node. Every answer given under one
/// key must be the same answer: the first is kept in the op, any other that differs is a mismatch.
/// </summary>
public sealed class NodeTraffic
{
    private readonly object _gate = new();
    private readonly List<CrashOp> _log = [];
    private readonly List<string> _mismatches = [];
    private readonly Dictionary<int, HttpClient[]> _clients = [];
    private readonly CrashLoad _accounts;
    private int _number;
    private int _serverErrors;
    private int _unavailable;
    private int _answeredAfterKill;

    public NodeTraffic(CrashLoad accounts, NodeCluster cluster, int seed)
    {
        _accounts = accounts;
        Seed = seed;
        NodeCount = cluster.Nodes.Count;
        _clients[CrashOp.Executor] = cluster.Clients(accounts.ExecutorKey);
        _clients[CrashOp.Operator] = cluster.Clients(NodeCluster.AdminKey);
        for (var i = 0; i < CrashLoad.Tenants; i++)
        {
            _clients[i] = cluster.Clients(accounts.Keys[i]);
        }
    }

    public int Seed { get; }

    public int NodeCount { get; }

    public IReadOnlyList<CrashOp> Log { get { lock (_gate) { return [.. _log]; } } }

    /// <summary>Answers under one key that differ from the first answer under it.</summary>
    public IReadOnlyList<string> Mismatches { get { lock (_gate) { return [.. _mismatches]; } } }

    /// <summary>Answers of 5xx other than 503 <c>store_unavailable</c>.</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Answers of 503 <c>store_unavailable</c> (retryable: nothing was done), each sent again.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>A node that died: requests to it still go out (and fail), as a load balancer's would before it notices.</summary>
    public int? DeadNode { get; set; }

    /// <summary>Answers given by live nodes after <see cref="DeadNode"/> was set.</summary>
    public int AnsweredAfterKill => Volatile.Read(ref _answeredAfterKill);

    /// <summary>Attempts that went to the dead node and got no answer.</summary>
    public int FailedOnDeadNode;

    public HttpClient Client(int sender, int node) => _clients[sender][node];

    public CrashOp Place(int tenant, string kind, decimal quantity, string body, bool keyed) => Track(n => new CrashOp
    {
        Number = n,
        Kind = CrashOpKind.Place,
        Sender = tenant,
        Path = "/v1/orders",
        Body = body,
        IdempotencyKey = keyed ? $"place-{Seed}-{n}" : null,
        AccountId = _accounts.AccountIds[tenant],
        OrderKind = kind,
        Quantity = quantity,
    });

    public CrashOp Limit(int tenant, string market, string side, decimal price, bool keyed) => Track(n =>
    {
        // The quantity is the order's marker: no other place uses it.
        var quantity = 0.01m + (n * 0.0001m);
        return new CrashOp
        {
            Number = n,
            Kind = CrashOpKind.Place,
            Sender = tenant,
            Path = "/v1/orders",
            Body = $$"""{"kind":"limit","market":"{{market}}","side":"{{side}}","price":"{{Text(price)}}","quantity":"{{Text(quantity)}}"}""",
            IdempotencyKey = keyed ? $"place-{Seed}-{n}" : null,
            AccountId = _accounts.AccountIds[tenant],
            OrderKind = "Limit",
            Quantity = quantity,
        };
    });

    public CrashOp Rental(int tenant, bool keyed) => Track(n => new CrashOp
    {
        Number = n,
        Kind = CrashOpKind.Place,
        Sender = tenant,
        Path = "/v1/orders",
        Body = $$"""{"kind":"rental","quantity":"{{1000 + n}}","price":"0.01","duration_seconds":3600,"receive_address":"{{Orders.Address}}"}""",
        IdempotencyKey = keyed ? $"place-{Seed}-{n}" : null,
        AccountId = _accounts.AccountIds[tenant],
        OrderKind = "Rental",
        Quantity = 1000 + n,
    });

    public CrashOp Cancel(int tenant, long orderId, bool keyed) => Track(n => new CrashOp
    {
        Number = n,
        Kind = CrashOpKind.Cancel,
        Sender = tenant,
        Path = $"/v1/orders/{orderId}/cancel",
        Body = """{"reason":"nodes test"}""",
        IdempotencyKey = keyed ? $"cancel-{Seed}-{n}" : null,
        OrderId = orderId,
    });

    /// <summary>An executor's delivery of <paramref name="quantity"/> of a rental.</summary>
    public CrashOp Fill(long orderId, decimal quantity, bool keyed) => Track(n => new CrashOp
    {
        Number = n,
        Kind = CrashOpKind.Fill,
        Sender = CrashOp.Executor,
        Path = $"/v1/orders/{orderId}/fills",
        Body = $$"""{"quantity":"{{Text(quantity)}}","external_id":"x{{n}}"}""",
        IdempotencyKey = keyed ? $"fill-{Seed}-{n}" : null,
        OrderId = orderId,
        ExternalId = $"x{n}",
    });

    /// <summary>
    /// Sends <paramref name="op"/> to <paramref name="node"/>, and again to the next node while it gets no
    /// answer: a keyed op after a failed connection or its key in use by the other send; any op after 503
    /// <c>store_unavailable</c>, whose answer promises nothing was done (the marker check holds it to that).
    /// </summary>
    public async Task SendAsync(CrashOp op, int node)
    {
        for (var attempt = 0; attempt < NodeCount * 4; attempt++, node = (node + 1) % NodeCount)
        {
            var answer = await SendOnceAsync(op, node);
            if (answer is { Status: 503 } unavailable && unavailable.Body.Contains("store_unavailable", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _unavailable);
                continue;
            }

            var keyInUse = answer is { Status: 409 } a && a.Body.Contains("idempotency_key_in_use", StringComparison.Ordinal);
            if (answer is { Status: < 500 } given && !keyInUse)
            {
                Answered(op, given.Status, given.Body, node);
                return;
            }

            if (op.IdempotencyKey is null)
            {
                return; // sent again, it could act twice; left unanswered
            }
        }
    }

    private async Task<(int Status, string Body)?> SendOnceAsync(CrashOp op, int node)
    {
        lock (_gate)
        {
            op.Attempts++;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, op.Path) { Content = ServerFixture.Body(op.Body) };
            if (op.IdempotencyKey is { } key)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            using var response = await Client(op.Sender, node).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 && (int)response.StatusCode != 503)
            {
                Interlocked.Increment(ref _serverErrors);
            }

            return ((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            if (node == DeadNode)
            {
                Interlocked.Increment(ref FailedOnDeadNode);
            }

            return null;
        }
    }

    private void Answered(CrashOp op, int status, string body, int node)
    {
        if (DeadNode is { } dead && node != dead)
        {
            Interlocked.Increment(ref _answeredAfterKill);
        }

        lock (_gate)
        {
            if (op.Status is null)
            {
                op.Status = status;
                op.Answer = body;
                if (op.Kind == CrashOpKind.Place && status == 201)
                {
                    op.OrderId = JsonNode.Parse(body)!["id"]!.GetValue<long>();
                }
            }
            else if (op.Status != status || !JsonNode.DeepEquals(JsonNode.Parse(op.Answer!), JsonNode.Parse(body)))
            {
                _mismatches.Add($"{op}: answered {op.Status} {op.Answer}, then {status} {body} on node {node}");
            }
        }
    }

    private CrashOp Track(Func<int, CrashOp> make)
    {
        var op = make(Interlocked.Increment(ref _number));
        lock (_gate)
        {
            _log.Add(op);
        }

        return op;
    }

    private static string Text(decimal value) => Ordo.Core.Decimals.ToText(value);
}
