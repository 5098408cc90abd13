using System.Globalization;
using System.Text.Json;

namespace Ordo.Server.Feee;

/// <summary>
/// Feee's envelope, for success and error alike: HTTP 200 (500 only for a server fault) with
/// <c>{code, msg, request_id, data, pagination}</c>; the request id is also the <c>X-Request-Id</c> header.
/// </summary>
public sealed class FeeeResult(int code, string message, object? data = null) : IResult
{
    public int HttpStatus { get; init; } = 200;

    public int? RetryAfterSeconds { get; init; }

    public static FeeeResult Ok(object data) => new(FeeeCodes.Ok, "ok", data);

    public static FeeeResult Invalid(string message) => new(FeeeCodes.InvalidParameter, $"invalid parameter: {message}");

    public static FeeeResult OrderNotFound() => new(FeeeCodes.OrderNotFound, "order does not exist");

    public static FeeeResult ServerFault() => new(FeeeCodes.ServerError, "internal error; the request id identifies it in the logs") { HttpStatus = 500 };

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = HttpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var envelope = new FeeeEnvelope(code, message, context.TraceIdentifier, data, null);
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, FeeeJson.Options, context.RequestAborted);
    }
}

public sealed record FeeeEnvelope(int Code, string Msg, string RequestId, object? Data, object? Pagination);
