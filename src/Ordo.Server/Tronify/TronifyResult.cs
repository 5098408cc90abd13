using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// Tronify's envelope: HTTP 200 (500 for a server fault, 503 when unavailable) with <c>{resCode, resMsg, data}</c>;
/// the listings answer <c>data: {data: [rows], pagination}</c>, as Ledger Live's wallet reads them.
/// </summary>
public sealed class TronifyResult(int code, string message, object? data = null) : EnvelopeResult
{
    public static TronifyResult Success(object data) => new(TronifyCodes.Success, "Success", data);

    public static TronifyResult Invalid(string message) => new(TronifyCodes.InvalidParameter, $"invalid parameter: {message}");

    public static TronifyResult OrderNotFound() => new(TronifyCodes.OrderNotFound, "order does not exist");

    public static TronifyResult ServerFault() => new(TronifyCodes.ServerError, "internal error; the X-Request-Id header identifies it in the logs") { HttpStatus = 500 };

    public static TronifyResult Unavailable(int seconds) =>
        new(TronifyCodes.Unavailable, "service temporarily unavailable; nothing was done, retry later") { HttpStatus = 503, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => TronifyJson.Options;

    protected override object Envelope(HttpContext context) => new TronifyEnvelope(code, message, data);
}

public sealed record TronifyEnvelope(int ResCode, string ResMsg, object? Data);

/// <summary>A page of a listing (<c>mypayorder</c>, <c>trades</c>).</summary>
public sealed record TronifyPage(IReadOnlyList<TronifyRow> Data, TronifyPagination Pagination);

public sealed record TronifyPagination(int Page, int PageSize, int Total);
