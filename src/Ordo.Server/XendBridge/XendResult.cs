using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.XendBridge;

/// <summary>XendBridge's envelope: <c>{data, status, message}</c>, where <c>status</c> names the HTTP status it is sent with.</summary>
public sealed class XendResult(object? data, string message) : EnvelopeResult
{
    public static XendResult Ok(object data, string message = "") => new(data, message);

    public static XendResult Error(HttpStatusCode status, string message) => new(null, message) { HttpStatus = (int)status };

    public static XendResult Invalid(string message) => Error(HttpStatusCode.BadRequest, message);

    public static XendResult OrderNotFound() => Error(HttpStatusCode.NotFound, "Order not found");

    public static XendResult ServerFault() => Error(HttpStatusCode.InternalServerError, "Internal error; the X-Request-Id header identifies it in the logs");

    public static XendResult Unavailable(int seconds) =>
        new(null, "Service temporarily unavailable; nothing was done, retry later") { HttpStatus = (int)HttpStatusCode.ServiceUnavailable, RetryAfterSeconds = seconds };

    protected override JsonSerializerOptions Json => XendJson.Options;

    protected override object Envelope(HttpContext context) => new XendEnvelope(data, ((HttpStatusCode)HttpStatus).ToString(), message);
}

public sealed record XendEnvelope(object? Data, string Status, string Message);

public static class XendJson
{
    /// <summary>Source-generated only: a shape not registered in <see cref="XendJsonContext"/> throws.</summary>
    public static JsonSerializerOptions Options => XendJsonContext.Default.Options;
}

/// <summary>Every shape XendBridge's dialect writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(XendEnvelope))]
[JsonSerializable(typeof(XendOrder))]
[JsonSerializable(typeof(XendPending))]
[JsonSerializable(typeof(bool))]
public sealed partial class XendJsonContext : JsonSerializerContext;

/// <summary>The payment methods kept with an order (written at initiation, read back to show it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(XendPaymentMethods))]
public sealed partial class XendStoredJson : JsonSerializerContext;
