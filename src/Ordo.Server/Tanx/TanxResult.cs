using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.Tanx;

/// <summary>
/// tanX's envelope, <c>{status, message, payload}</c>, with HTTP statuses: 400 invalid request or not
/// cancellable, 401 authentication, 404 unknown order, 429 rate limited, 500 server fault, 503 unavailable. Errors
/// carry <c>payload: ""</c>, except the invalid-token answer, whose payload names the token.
/// </summary>
public sealed class TanxResult(string message, object? payload) : EnvelopeResult
{
    public const string InvalidTokenMessage = "Given token not valid for any token type";

    public object? Token { get; init; }

    public static TanxResult Ok(string message, object payload) => new(message, payload);

    public static TanxResult Error(int status, string message) => new(message, "") { HttpStatus = status };

    public static TanxResult Invalid(string message) => Error(400, message);

    public static TanxResult OrderNotFound() => Error(404, "Order not found");

    public static TanxResult TooManyRequests(int retryAfterSeconds) => new("Too many requests", "") { HttpStatus = 429, RetryAfterSeconds = retryAfterSeconds };

    public static TanxResult NotProvided() => Error(401, "Authentication credentials were not provided.");

    public static TanxResult InvalidToken(string tokenType) => new(InvalidTokenMessage, new TokenProblem(
        tokenType == TanxTokens.Refresh ? "RefreshToken" : "AccessToken", tokenType, "Token is invalid or expired", "token_not_valid"))
    {
        HttpStatus = 401,
    };

    public static TanxResult ServerFault() => Error(500, "Something went wrong; the X-Request-Id header identifies it in the logs");

    public static TanxResult Unavailable(int seconds) =>
        new("Service temporarily unavailable; nothing was done, retry later", "") { HttpStatus = 503, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => TanxJson.Options;

    protected override object Envelope(HttpContext context) =>
        new TanxEnvelope(HttpStatus < 400 ? "success" : "error", message, payload, Token);
}

public sealed record TanxEnvelope(
    string Status,
    string Message,
    object? Payload,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Token);

public sealed record TokenProblem(string TokenClass, string TokenType, string Message, string Code);

public static class TanxJson
{
    // Relaxed escaping keeps "+00:00" readable; these bodies are JSON for API clients, never HTML.
    // The context is made with these options (an encoder has no source-generation setting).
    private static readonly TanxJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Source-generated only: a shape not registered in <see cref="TanxJsonContext"/> throws.</summary>
    public static JsonSerializerOptions Options => Context.Options;
}

/// <summary>Every shape tanX's dialect writes, and the bodies <c>ordo tanx-login</c> sends.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TanxEnvelope))]
[JsonSerializable(typeof(TokenProblem))]
[JsonSerializable(typeof(TanxLogin))]
[JsonSerializable(typeof(TanxTokenPair))]
[JsonSerializable(typeof(TanxNoncePayload))]
[JsonSerializable(typeof(TanxOrder))]
[JsonSerializable(typeof(TanxOrder[]))]
[JsonSerializable(typeof(List<TanxOrder>))]
[JsonSerializable(typeof(List<TanxTrade>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(TanxProfile))]
[JsonSerializable(typeof(TanxBalance))]
[JsonSerializable(typeof(List<TanxBalance>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Cli.TanxNonceRequest))]
[JsonSerializable(typeof(Cli.TanxLoginRequest))]
public sealed partial class TanxJsonContext : JsonSerializerContext;
