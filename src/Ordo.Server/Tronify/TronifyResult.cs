using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// Tronify's envelope: HTTP 200 (500 for a server fault, 503 when unavailable) with <c>{resCode, resMsg, data}</c>,
/// and <c>pagination</c> beside <c>data</c> on the listings.
/// </summary>
public sealed class TronifyResult(int code, string message, object? data = null) : EnvelopeResult
{
    public TronifyPagination? Pagination { get; init; }

    public static TronifyResult Success(object data) => new(TronifyCodes.Success, "Success", data);

    public static TronifyResult Invalid(string message) => new(TronifyCodes.InvalidParameter, $"invalid parameter: {message}");

    public static TronifyResult OrderNotFound() => new(TronifyCodes.OrderNotFound, "order does not exist");

    public static TronifyResult ServerFault() => new(TronifyCodes.ServerError, "internal error; the X-Request-Id header identifies it in the logs") { HttpStatus = 500 };

    public static TronifyResult Unavailable(int seconds) =>
        new(TronifyCodes.Unavailable, "service temporarily unavailable; nothing was done, retry later") { HttpStatus = 503, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => TronifyJson.Options;

    protected override object Envelope(HttpContext context) => new TronifyEnvelope(code, message, data, Pagination);
}

public sealed record TronifyEnvelope(
    int ResCode,
    string ResMsg,
    object? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TronifyPagination? Pagination);

public sealed record TronifyPagination(int Page, int PageSize, int Total);
