using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ordo.Testing;

/// <summary>
/// A loopback stand-in for a java-tron node's HTTP API, enough for Tronify's <c>fastTrade</c>:
/// <c>POST /wallet/getnowblock</c> answers <see cref="Block"/>, and <c>POST /wallet/broadcasttransaction</c>
/// records the body and answers <c>{"result":true,"txid":…}</c> or the failure set by
/// <see cref="FailBroadcastsWith"/>, in java-tron's shape (message as hex of its text); <c>POST
/// /wallet/triggerconstantcontract</c> records the body and answers <see cref="EnergyUsed"/>, a revert
/// (<see cref="Reverts"/>) or the refusal set by <see cref="RefuseConstantCallsWith"/>. Like java-tron, it
/// knows every transaction it accepted: <c>POST /wallet/gettransactionbyid</c> answers it (<c>{}</c> for any
/// other), and a second broadcast of it is a <c>DUP_TRANSACTION_ERROR</c>. It listens on
/// 127.0.0.1 on a free port, for this process or an <c>ordo serve</c> child, until disposed.
/// </summary>
public sealed class StandInTronNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _broadcasts = [];
    private readonly List<JsonObject> _constantCalls = [];
    private readonly Dictionary<string, JsonObject> _accepted = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _lookups = [];
    private (string Code, string Message)? _failure;
    private (string Code, string Message)? _constantRefusal;

    private StandInTronNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the node listens (<c>http://127.0.0.1:port/</c>): the value for <c>Tronify__TronNodeUrl</c>.</summary>
    public Uri Address { get; }

    /// <summary>The block <c>getnowblock</c> answers; set it to move the chain on.</summary>
    public StandInBlock Block { get; set; } = StandInBlock.At(78_500_000, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3 * 3));

    /// <summary>When true, the node takes requests and never answers them (until the caller gives up or the node is disposed).</summary>
    public bool Silent { get; set; }

    /// <summary>
    /// When true, a broadcast is accepted (the node knows the transaction from then on) but its answer is
    /// held until the caller gives up: a node that times out and accepts anyway.
    /// </summary>
    public bool HoldsAcceptedBroadcasts { get; set; }

    /// <summary>Every txID <c>gettransactionbyid</c> was asked for, in order.</summary>
    public IReadOnlyList<string> Lookups
    {
        get
        {
            lock (_gate)
            {
                return [.. _lookups];
            }
        }
    }

    /// <summary>Every body <c>broadcasttransaction</c> received, accepted or not, in order.</summary>
    public IReadOnlyList<JsonObject> Broadcasts
    {
        get
        {
            lock (_gate)
            {
                return [.. _broadcasts.Select(body => body.DeepClone().AsObject())];
            }
        }
    }

    /// <summary>The energy a constant call answers (31,895: a USDT transfer to an address that already holds USDT).</summary>
    public long EnergyUsed { get; set; } = 31_895;

    /// <summary>When true, constant calls run and revert, as a transfer from an address without the tokens does.</summary>
    public bool Reverts { get; set; }

    /// <summary>Every body <c>triggerconstantcontract</c> received, in order.</summary>
    public IReadOnlyList<JsonObject> ConstantCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _constantCalls.Select(body => body.DeepClone().AsObject())];
            }
        }
    }

    public static async Task<StandInTronNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StandInTronNode? node = null;
        app.MapPost("/wallet/getnowblock", context => node!.NowBlockAsync(context));
        app.MapPost("/wallet/broadcasttransaction", context => node!.BroadcastAsync(context));
        app.MapPost("/wallet/triggerconstantcontract", context => node!.TriggerConstantContractAsync(context));
        app.MapPost("/wallet/gettransactionbyid", context => node!.GetTransactionByIdAsync(context));
        await app.StartAsync();
        node = new StandInTronNode(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return node;
    }

    /// <summary>From now on, broadcasts fail as java-tron's do, e.g. <c>("SIGERROR", "Validate signature error: …")</c>.</summary>
    public void FailBroadcastsWith(string code, string message)
    {
        lock (_gate)
        {
            _failure = (code, message);
        }
    }

    /// <summary>From now on, broadcasts are accepted again.</summary>
    public void AcceptBroadcasts()
    {
        lock (_gate)
        {
            _failure = null;
        }
    }

    /// <summary>From now on, constant calls are refused as java-tron refuses them, e.g. <c>("CONTRACT_VALIDATE_ERROR", "Smart contract is not exist.")</c>.</summary>
    public void RefuseConstantCallsWith(string code, string message)
    {
        lock (_gate)
        {
            _constantRefusal = (code, message);
        }
    }

    private async Task TriggerConstantContractAsync(HttpContext context)
    {
        if (!await AnswersAsync(context))
        {
            return;
        }

        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }

        (string Code, string Message)? refusal;
        lock (_gate)
        {
            _constantCalls.Add(body);
            refusal = _constantRefusal;
        }

        if (refusal is { } refused)
        {
            await WriteAsync(context, new JsonObject { ["result"] = new JsonObject { ["code"] = refused.Code, ["message"] = Hex(refused.Message) } });
            return;
        }

        await WriteAsync(context, new JsonObject
        {
            ["result"] = Reverts ? new JsonObject { ["result"] = true, ["message"] = Hex("REVERT opcode executed") } : new JsonObject { ["result"] = true },
            ["energy_used"] = EnergyUsed,
            ["constant_result"] = new JsonArray(Reverts ? "08c379a0" : new string('0', 63) + "1"),
            ["transaction"] = new JsonObject { ["ret"] = new JsonArray(new JsonObject { ["ret"] = Reverts ? "FAILED" : "SUCESS" }), ["visible"] = true },
        });
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    private async Task NowBlockAsync(HttpContext context)
    {
        if (!await AnswersAsync(context))
        {
            return;
        }

        var block = Block;
        await WriteAsync(context, new JsonObject
        {
            ["blockID"] = block.Id,
            ["block_header"] = new JsonObject
            {
                ["raw_data"] = new JsonObject
                {
                    ["number"] = block.Number,
                    ["txTrieRoot"] = new string('0', 64),
                    ["witness_address"] = "41" + new string('a', 40),
                    ["parentHash"] = StandInBlock.At(block.Number - 1, block.Timestamp.AddSeconds(-3)).Id,
                    ["version"] = 32,
                    ["timestamp"] = block.Timestamp.ToUnixTimeMilliseconds(),
                },
                ["witness_signature"] = new string('b', 130),
            },
        });
    }

    private async Task BroadcastAsync(HttpContext context)
    {
        if (!await AnswersAsync(context))
        {
            return;
        }

        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }

        (string Code, string Message)? failure;
        var txId = body["txID"]?.DeepClone();
        var id = txId is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        lock (_gate)
        {
            _broadcasts.Add(body);
            failure = _failure ?? (_accepted.ContainsKey(id) ? ("DUP_TRANSACTION_ERROR", "Dup transaction.") : null);
            if (failure is null)
            {
                _accepted[id] = body.DeepClone().AsObject();
            }
        }

        if (failure is null && HoldsAcceptedBroadcasts)
        {
            await HoldAsync(context);
            return;
        }

        await WriteAsync(context, failure is { } fail
            ? new JsonObject { ["code"] = fail.Code, ["txid"] = txId, ["message"] = Hex(fail.Message) }
            : new JsonObject { ["result"] = true, ["txid"] = txId });
    }

    /// <summary>java-tron's <c>{"value": txid}</c>: the transaction when known, <c>{}</c> when not.</summary>
    private async Task GetTransactionByIdAsync(HttpContext context)
    {
        if (!await AnswersAsync(context) || await ReadBodyAsync(context) is not { } body)
        {
            return;
        }

        var txId = body["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        JsonObject? known;
        lock (_gate)
        {
            _lookups.Add(txId);
            known = _accepted.GetValueOrDefault(txId)?.DeepClone().AsObject();
        }

        await WriteAsync(context, known ?? new JsonObject());
    }

    /// <summary>The JSON object sent, or null once java-tron's <c>{"Error": …}</c> for anything else has been answered.</summary>
    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException error)
        {
            await WriteAsync(context, new JsonObject { ["Error"] = "class com.alibaba.fastjson.JSONException : " + error.Message });
            return null;
        }

        if (body is null)
        {
            await WriteAsync(context, new JsonObject { ["Error"] = "class java.lang.NullPointerException : null" });
        }

        return body;
    }

    /// <summary>False when the node is silent: the request is held until the caller gives up or the node stops, then dropped.</summary>
    private async Task<bool> AnswersAsync(HttpContext context)
    {
        if (!Silent)
        {
            return true;
        }

        await HoldAsync(context);
        return false;
    }

    /// <summary>Holds the request unanswered until the caller gives up or the node stops, then drops it.</summary>
    private async Task HoldAsync(HttpContext context)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, held.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private static async Task WriteAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>A block as java-tron shows it: its number, its id (the number's 8 bytes, then 24 bytes of hash) and its time.</summary>
public sealed record StandInBlock(long Number, string Id, DateTimeOffset Timestamp)
{
    /// <summary>A block at <paramref name="number"/> with a made-up but fixed hash.</summary>
    public static StandInBlock At(long number, DateTimeOffset timestamp)
    {
        var hash = SHA256.HashData(BitConverter.GetBytes(number));
        return new StandInBlock(number, number.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexStringLower(hash)[16..], timestamp);
    }
}
