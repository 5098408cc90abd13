namespace Ordo.Server.Http;

/// <summary>Every response carries <c>X-Request-Id</c>: the caller's own if it sent a sane one, else a new one.</summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = incoming.Length is > 0 and <= 128 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : Guid.NewGuid().ToString();
        context.TraceIdentifier = id;

        // Set as the headers go out, not now: the exception handler clears the headers of a failed request.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
