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

    protected abstract JsonSerializerOptions Json { get; }

    protected abstract object Envelope(HttpContext context);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = HttpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var envelope = Envelope(context);
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, envelope.GetType(), Json, context.RequestAborted);
    }
}
