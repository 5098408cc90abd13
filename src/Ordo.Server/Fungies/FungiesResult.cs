using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.Fungies;

/// <summary>Fungies' envelope: <c>{status: "success", data}</c>, or HTTP 400/401/403/404/429 with <c>{status: "error", error: {message}}</c>.</summary>
public sealed class FungiesResult : EnvelopeResult
{
    private readonly object _body;

    private FungiesResult(object body) => _body = body;

    public static FungiesResult Ok(object data) => new(new FungiesSuccess("success", data));

    public static FungiesResult Error(int status, string message) => new(new FungiesError("error", new FungiesMessage(message))) { HttpStatus = status };

    public static FungiesResult Invalid(string message) => Error(400, message);

    public static FungiesResult OrderNotFound() => Error(404, "Order not found");

    public static FungiesResult ServerFault() => Error(500, "Internal error; the X-Request-Id header identifies it in the logs");

    public static FungiesResult Unavailable(int seconds) =>
        Error(503, "Service temporarily unavailable; nothing was done, retry later").WithRetryAfter(seconds);

    public FungiesResult WithRetryAfter(int seconds) => new(_body) { HttpStatus = HttpStatus, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => FungiesJson.Options;

    protected override object Envelope(HttpContext context) => _body;
}

public sealed record FungiesSuccess(string Status, object Data);

public sealed record FungiesError(string Status, FungiesMessage Error);

public sealed record FungiesMessage(string Message);

public static class FungiesJson
{
    /// <summary>Source-generated only: a shape not registered in <see cref="FungiesJsonContext"/> throws.</summary>
    public static JsonSerializerOptions Options => FungiesJsonContext.Default.Options;
}

/// <summary>Every shape Fungies' dialect writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FungiesSuccess))]
[JsonSerializable(typeof(FungiesError))]
[JsonSerializable(typeof(FungiesOrderData))]
[JsonSerializable(typeof(FungiesPage))]
[JsonSerializable(typeof(FungiesPageWithCount))]
public sealed partial class FungiesJsonContext : JsonSerializerContext;
