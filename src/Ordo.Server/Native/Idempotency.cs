using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Ordo.Core.Store;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>
/// <c>Idempotency-Key</c> on native POSTs. The first completed response is kept for 24 hours and
/// replayed for the same key and body; another body under the key is 422; a second request while
/// the first still runs is 409. Validation failures (400) and refusals before the work starts
/// (401, 403, 429) are not kept, so a corrected retry may reuse the key.
/// A handler that changes something keeps its answer in the change's own transaction
/// (<see cref="AnswerInSameWrite{T}"/>), so a crash can never leave a change without its answer
/// and a retry replays instead of acting twice. Answers of requests that changed nothing are kept
/// in a write of their own afterwards.
/// The key is claimed in the database, with the change: a second request under the same key that
/// runs at the same time on another node (or after this one's check) finds the first's record taken
/// when it saves its own, its change is undone, and it answers with the first's kept answer.
/// Keys in flight on this node are also tracked in memory, to answer 409 without running at all.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <param name="withoutSecrets">The kept answer drops these top-level fields (issued secrets are shown once, never replayed).</param>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, params string[] withoutSecrets) =>
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
                return await RunOnce(context, next, http, scope, key, withoutSecrets);
            }
            finally
            {
                inFlight.TryRemove((scope, key), out _);
            }
        })
        .ProducesProblem(409)
        .ProducesProblem(422);

    /// <summary>
    /// For a handler whose command changes something: a step for the command's own transaction that
    /// keeps the answer <paramref name="render"/> makes of the result. Null when the request carries no key.
    /// </summary>
    public static Action<IOrderTransaction, T>? AnswerInSameWrite<T>(this HttpContext http, Func<T, IResult> render)
    {
        if (http.Items[typeof(PendingKey)] is not PendingKey pending)
        {
            return null;
        }

        return (tx, result) =>
        {
            var (status, contentType, body) = RenderDetached(http, render(result));
            if (Keeps(status))
            {
                if (!tx.SaveIdempotency(pending.Record(status, contentType, Strip(body, pending.WithoutSecrets))))
                {
                    // Another request under this key committed first: undo this change, replay that one's answer.
                    throw new IdempotencyKeyTakenException(pending.Scope, pending.Key);
                }

                pending.Kept = true;
            }
        };
    }

    private static async ValueTask<object?> RunOnce(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, HttpContext http, string scope, string key, string[] withoutSecrets)
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

        var pending = new PendingKey(scope, key, hash, now, withoutSecrets);
        http.Items[typeof(PendingKey)] = pending;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (IdempotencyKeyTakenException)
        {
            return await FirstAnswerAsync(store, scope, key, hash, now, http.RequestAborted);
        }
        if (pending.Kept || result is not IResult executable)
        {
            return result;
        }

        // Nothing kept the answer with a change: run the result into a buffer, so what is sent is exactly what is kept.
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
        if (Keeps(status))
        {
            var text = Strip(Encoding.UTF8.GetString(buffer.ToArray()), withoutSecrets);
            if (!await store.SaveAsync(pending.Record(status, http.Response.ContentType ?? "application/json", text), http.RequestAborted))
            {
                // Another request under this key (on another node) kept its answer first: one key, one answer.
                return await FirstAnswerAsync(store, scope, key, hash, now, http.RequestAborted);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>The answer kept by the request that took the key first; 409 while it is not committed yet (it is on this node's writer).</summary>
    private static async Task<IResult> FirstAnswerAsync(IIdempotencyStore store, string scope, string key, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = await store.FindAsync(scope, key, now - IdempotencyRecord.Retention, cancellationToken);
        return first is null ? Problems.IdempotencyKeyInUse() : first.RequestHash == hash ? new ReplayResult(first) : Problems.IdempotencyKeyReused();
    }

    /// <summary>Refusals before any work, bad input and server faults are not kept: a corrected retry may reuse the key.</summary>
    private static bool Keeps(int status) => status is not (400 or 401 or 403 or 413 or 429) && status < 500;

    /// <summary>
    /// Runs a result into memory on a context of its own, so it can be kept inside a store write
    /// (on the writer's thread: the result writes to a memory stream and never waits).
    /// </summary>
    private static (int Status, string ContentType, string Body) RenderDetached(HttpContext http, IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = http.RequestServices, TraceIdentifier = http.TraceIdentifier };
        using var body = new MemoryStream();
        context.Response.Body = body;
        result.ExecuteAsync(context).GetAwaiter().GetResult();
        return (context.Response.StatusCode, context.Response.ContentType ?? "application/json", Encoding.UTF8.GetString(body.ToArray()));
    }

    private static string Strip(string body, string[] fields)
    {
        if (fields.Length == 0 || JsonNode.Parse(body) is not JsonObject json)
        {
            return body;
        }

        foreach (var field in fields)
        {
            json.Remove(field);
        }

        return json.ToJsonString();
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

    /// <summary>The key a request is being served under, until its answer is kept.</summary>
    private sealed class PendingKey(string scope, string key, string hash, DateTimeOffset at, string[] withoutSecrets)
    {
        public string[] WithoutSecrets => withoutSecrets;

        public string Scope => scope;

        public string Key => key;

        /// <summary>
        /// Set on the writer when the answer was put in the change's transaction. It is read only after
        /// the handler's write returned, which is after the commit: a write that fails throws past this
        /// filter (a 503 or 500, never kept), so a set flag always means a committed answer.
        /// </summary>
        public volatile bool Kept;

        public IdempotencyRecord Record(int status, string contentType, string body) => new(scope, key, hash, status, contentType, body, at);
    }

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
