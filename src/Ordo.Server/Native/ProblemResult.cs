namespace Ordo.Server.Native;

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>) with the native API's extensions:
/// a stable <c>code</c>, and where useful the <c>order</c>, the field <c>errors</c> or a <c>retry_after</c>.
/// </summary>
public sealed class ProblemResult(int status, string code, string title, string detail) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public OrderDto? Order { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>Seconds for the <c>Retry-After</c> header (rate limits).</summary>
    public int? RetryAfterSeconds { get; init; }

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = status;
        if (RetryAfter is { } at)
        {
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((at - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var shape = new ProblemShape(
            $"urn:ordo:problem:{code}", title, status, detail, code, context.TraceIdentifier, Order, Errors, RetryAfter);
        await context.Response.WriteAsJsonAsync(shape, NativeJsonContext.Default.ProblemShape, "application/problem+json", context.RequestAborted);
    }
}

/// <summary>The body of a problem, as documented in the OpenAPI description.</summary>
public sealed record ProblemShape(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code,
    string RequestId,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] OrderDto? Order,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RetryAfter);
