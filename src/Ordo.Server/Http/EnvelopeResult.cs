using System.Globalization;
using System.Text.Json;

namespace Ordo.Server.Http;

/// <summary>
/// A platform's JSON envelope written as the response: HTTP 200 for every outcome the platform
/// answers in its body (500 only for a server fault), and <c>Retry-After</c> when rate limited.
/// </summary>
public abstract class EnvelopeResult : IResult
{
    public int HttpStatus { get; init; } = 200;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>The dialect's options, resolved by its source-generated context only (no reflection).</summary>
    protected abstract JsonSerializerOptions Json { get; }

    protected abstract object Envelope(HttpContext context);

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = HttpStatus;
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        // The envelope's metadata comes from the dialect's context (a lookup, cached by the options);
        // ASP.NET Core writes it straight to the response's pipe.
        var envelope = Envelope(context);
        return context.Response.WriteAsJsonAsync(envelope, Json.GetTypeInfo(envelope.GetType()), "application/json; charset=utf-8", context.RequestAborted);
    }
}
