using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// A java-tron node through its HTTP API (<c>/wallet/getnowblock</c>, <c>/wallet/broadcasttransaction</c>,
/// <c>/wallet/gettransactionbyid</c>, <c>/wallet/triggerconstantcontract</c>).
/// Each call gives up after <see cref="Timeout"/>: a silent node must not hold a buyer's request,
/// so it becomes a <see cref="TronNodeUnavailableException"/> the caller can answer as "try again".
/// </summary>
public sealed class JavaTronNode : ITronNode
{
    /// <summary>How long a call waits for the node unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    public JavaTronNode(HttpClient http, Uri baseUrl)
        : this(http, baseUrl, DefaultTimeout)
    {
    }

    public JavaTronNode(HttpClient http, Uri baseUrl, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _http = http;

        // A base with a path (http://host/tron) keeps it: relative paths resolve under a trailing slash.
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public async Task<TronBlockRef> GetNowBlockAsync(CancellationToken cancellationToken)
    {
        var answer = await PostAsync("wallet/getnowblock", new JsonObject(), cancellationToken);
        var header = answer["block_header"]?["raw_data"];
        if (Text(answer["blockID"]) is not { Length: 64 } blockId || !blockId.All(char.IsAsciiHexDigit)
            || Number(header?["number"]) is not { } number || Number(header?["timestamp"]) is not { } timestamp)
        {
            throw new TronNodeUnavailableException("the TRON node answered getnowblock without a block id, number and timestamp");
        }

        return new TronBlockRef(number, blockId.ToLowerInvariant(), DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
    }

    public async Task<TronBroadcast> BroadcastAsync(JsonObject signedTransaction, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("wallet/broadcasttransaction", signedTransaction, cancellationToken);
        if (answer["result"] is JsonValue result && result.TryGetValue<bool>(out var accepted) && accepted)
        {
            return new TronBroadcast(true, null, null);
        }

        // java-tron answers a transaction it cannot even read with {"Error": "..."}, not a code.
        if (Text(answer["Error"]) is { } error)
        {
            return new TronBroadcast(false, "OTHER_ERROR", error);
        }

        return new TronBroadcast(false, Text(answer["code"]), DecodeMessage(Text(answer["message"])));
    }

    public async Task<bool> KnowsTransactionAsync(string txId, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("wallet/gettransactionbyid", new JsonObject { ["value"] = txId }, cancellationToken);
        if (Text(answer["Error"]) is { } error)
        {
            throw new TronNodeUnavailableException($"the TRON node refused gettransactionbyid: {error}");
        }

        // An unknown txID is {}; a known one is the transaction itself.
        return string.Equals(Text(answer["txID"]), txId, StringComparison.OrdinalIgnoreCase);
    }

    public async Task<TronConstantCall> TriggerConstantContractAsync(
        string owner, string contract, string functionSelector, string parameter, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("wallet/triggerconstantcontract", new JsonObject
        {
            ["owner_address"] = owner,
            ["contract_address"] = contract,
            ["function_selector"] = functionSelector,
            ["parameter"] = parameter,
            ["visible"] = true,
        }, cancellationToken);
        if (Text(answer["Error"]) is { } error)
        {
            return new TronConstantCall(false, 0, "OTHER_ERROR", error);
        }

        if (answer["result"] is not JsonObject result)
        {
            throw new TronNodeUnavailableException("the TRON node answered triggerconstantcontract without a result");
        }

        // A call that ran but reverted still says result: true; its message and the transaction's ret say FAILED.
        var message = DecodeMessage(Text(result["message"]));
        var ran = result["result"] is JsonValue ok && ok.TryGetValue<bool>(out var succeeded) && succeeded;
        var failed = answer["transaction"] is JsonObject transaction && transaction["ret"] is JsonArray { Count: > 0 } rets
            && rets[0] is JsonObject first && Text(first["ret"]) == "FAILED";
        if (!ran || failed || message is not null)
        {
            return new TronConstantCall(false, 0, Text(result["code"]) ?? (failed ? "FAILED" : null), message);
        }

        // Protobuf's JSON leaves out a zero: no energy_used is 0.
        return new TronConstantCall(true, Number(answer["energy_used"]) ?? 0, null, null);
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var url = new Uri(_baseUrl, path);
        try
        {
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await _http.PostAsync(url, content, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new TronNodeUnavailableException($"the TRON node answered {path} with HTTP {(int)response.StatusCode}");
            }

            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            return JsonNode.Parse(text) as JsonObject
                ?? throw new TronNodeUnavailableException($"the TRON node answered {path} with something other than a JSON object");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TronNodeUnavailableException($"the TRON node did not answer {path} within {Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException error)
        {
            throw new TronNodeUnavailableException($"the TRON node could not be reached for {path}: {error.Message}", error);
        }
        catch (JsonException error)
        {
            throw new TronNodeUnavailableException($"the TRON node answered {path} with something other than JSON", error);
        }
    }

    /// <summary>java-tron writes a broadcast's message as the hex of its UTF-8 text; anything else is kept as it came.</summary>
    private static string? DecodeMessage(string? message)
    {
        if (message is not { Length: > 0 } || message.Length % 2 != 0 || !message.All(char.IsAsciiHexDigit))
        {
            return message;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromHexString(message));
        }
        catch (DecoderFallbackException)
        {
            return message;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;
}
