using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordo.Server.Tronify;

/// <summary>
/// Tronify's envelope: HTTP 200 (500 only for a server fault) with <c>{resCode, resMsg, data}</c>,
/// and <c>pagination</c> beside <c>data</c> on the listings.
/// </summary>
public sealed class TronifyResult(int code, string message, object? data = null) : IResult
{
    public int HttpStatus { get; init; } = 200;

    public int? RetryAfterSeconds { get; init; }

    public TronifyPagination? Pagination { get; init; }

    public static TronifyResult Success(object data) => new(TronifyCodes.Success, "Success", data);

    public static TronifyResult Invalid(string message) => new(TronifyCodes.InvalidParameter, $"invalid parameter: {message}");

    public static TronifyResult OrderNotFound() => new(TronifyCodes.OrderNotFound, "order does not exist");

    public static TronifyResult ServerFault() => new(TronifyCodes.ServerError, "internal error; the X-Request-Id header identifies it in the logs") { HttpStatus = 500 };

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = HttpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var envelope = new TronifyEnvelope(code, message, data, Pagination);
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, TronifyJson.Options, context.RequestAborted);
    }
}

public sealed record TronifyEnvelope(
    int ResCode,
    string ResMsg,
    object? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TronifyPagination? Pagination);

public sealed record TronifyPagination(int Page, int PageSize, int Total);
