using System.Text.Json;

using Ordo.Server.Http;

namespace Ordo.Server.Feee;

/// <summary>
/// Feee's envelope, for success and error alike: HTTP 200 (500 for a server fault, 503 when unavailable) with
/// <c>{code, msg, request_id, data, pagination}</c>; the request id is also the <c>X-Request-Id</c> header.
/// </summary>
public sealed class FeeeResult(int code, string message, object? data = null) : EnvelopeResult
{
    public static FeeeResult Ok(object data) => new(FeeeCodes.Ok, "ok", data);

    public static FeeeResult Invalid(string message) => new(FeeeCodes.InvalidParameter, $"invalid parameter: {message}");

    public static FeeeResult OrderNotFound() => new(FeeeCodes.OrderNotFound, "order does not exist");

    public static FeeeResult ServerFault() => new(FeeeCodes.ServerError, "internal error; the request id identifies it in the logs") { HttpStatus = 500 };

    public static FeeeResult Unavailable(int seconds) =>
        new(FeeeCodes.Unavailable, "service temporarily unavailable; nothing was done, retry later") { HttpStatus = 503, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => FeeeJson.Options;

    protected override object Envelope(HttpContext context) => new FeeeEnvelope(code, message, context.TraceIdentifier, data, null);
}

public sealed record FeeeEnvelope(int Code, string Msg, string RequestId, object? Data, object? Pagination);
