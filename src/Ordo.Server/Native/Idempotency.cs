using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

using Ordo.Core.Store;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>
/// <c>Idempotency-Key</c> on native POSTs. The first completed response is kept for 24 hours and
/// replayed for the same key and body; another body under the key is 422; a second request while
/// the first still runs is 409. Validation failures (400) and refusals before the work starts
/// (401, 403, 429) are not kept, so a corrected retry may reuse the key.
/// Keys in flight are tracked in this process's memory: one server owns its SQLite file.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            if (!http.Request.Headers.ContainsKey(Header))
            {
                return await next(context);
            }

            if (key.Length is 0 or > 255)
            {
                return Problems.InvalidRequest(Header, "must be 1 to 255 characters");
            }

            var scope = http.Caller().CredentialKey;
            var inFlight = http.RequestServices.GetRequiredService<InFlightKeys>();
            if (!inFlight.TryAdd((scope, key), 0))
            {
                return Problems.IdempotencyKeyInUse();
            }

            try
            {
                return await RunOnce(context, next, http, scope, key);
            }
            finally
            {
                inFlight.TryRemove((scope, key), out _);
            }
        })
        .ProducesProblem(409)
        .ProducesProblem(422);

    private static async ValueTask<object?> RunOnce(EndpointFilterInvocationContext context, EndpointFilterDelegate next, HttpContext http, string scope, string key)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: true, http.RequestAborted);
        if (body.TooLarge)
        {
            return Problems.BodyTooLarge(body.Error!);
        }

        http.Request.Body = new MemoryStream(body.Raw);
        var hash = Hash(http.Request.Method, http.Request.Path, body.Raw);
        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var stored = await store.FindAsync(scope, key, now - IdempotencyRecord.Retention, http.RequestAborted);
        if (stored is not null)
        {
            return stored.RequestHash == hash ? new ReplayResult(stored) : Problems.IdempotencyKeyReused();
        }

        var result = await next(context);
        if (result is not IResult executable)
        {
            return result;
        }

        // Run the result into a buffer, so what is sent is exactly what is kept.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        if (status is not (400 or 401 or 403 or 413 or 429) && status < 500)
        {
            await store.SaveAsync(
                new IdempotencyRecord(scope, key, hash, status, http.Response.ContentType ?? "application/json", Encoding.UTF8.GetString(buffer.ToArray()), now),
                http.RequestAborted);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private static string Hash(string method, string path, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {path.ToLowerInvariant()}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Keys whose first request is still running, in this server.</summary>
    public sealed class InFlightKeys : ConcurrentDictionary<(string Scope, string Key), byte>;

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = record.StatusCode;
            context.Response.ContentType = record.ContentType;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(record.Body, context.RequestAborted);
        }
    }
}
