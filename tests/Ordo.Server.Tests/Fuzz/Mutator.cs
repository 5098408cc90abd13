using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>
/// Turns a target's valid request into a bad one, from a seeded <see cref="Random"/> so a run can be
/// replayed: a field mutated (wrong type, huge, negative or non-numeric number, long, control or
/// non-ASCII string, removed, renamed, doubled, deeply nested), the body broken (malformed,
/// truncated, not UTF-8, not an object, nested, oversized), a header (content type, credentials,
/// request id, idempotency key) missing, doubled or wrong, or the path or method wrong.
/// </summary>
public static partial class Mutator
{
    public static FuzzRequest Next(FuzzTarget target, Random random)
    {
        var request = new FuzzRequest { Target = target, Method = target.Method, PathAndQuery = "", Headers = target.Headers.ToList() };
        var fields = Pairs(target.HasBody ? target.Body! : target.Query ?? []);
        if (target.Dialect == Dialect.Native && target.HasBody && random.Next(4) == 0)
        {
            // Some writes carry an idempotency key: a fresh one, or one reused across requests (422 when the body differs).
            request.Headers.Add(("Idempotency-Key", random.Next(2) == 0 ? $"fuzz-{random.Next()}" : "fuzz-shared-key"));
        }

        var plan = random.Next(100);
        var bodyMutation = false;
        var sign = target.Sign is not null && random.Next(10) < 9;
        if (plan < 55)
        {
            MutateField(fields, random, request, target.HasBody);
            if (random.Next(4) == 0)
            {
                MutateField(fields, random, request, target.HasBody);
            }
        }
        else if (plan < 78)
        {
            bodyMutation = target.HasBody;
            if (!target.HasBody)
            {
                MutateQuery(fields, random, request);
            }
        }
        else if (plan < 92)
        {
            MutateHeaders(target, random, request);
        }
        else
        {
            MutatePathOrMethod(target, random, request);
        }

        if (!sign && target.Sign is not null)
        {
            request.Mutations.Add("not signed");
        }

        var path = target.PathValue is null ? target.Path : target.Path.Replace("{param}", Uri.EscapeDataString(target.PathValue), StringComparison.Ordinal);
        if (request.PathAndQuery.Length > 0)
        {
            path = request.PathAndQuery; // set by a path mutation
        }

        if (target.HasBody)
        {
            if (sign && target.Sign!(Serialize(fields)) is { } flag)
            {
                fields.Add(("\"flag\"", $"\"{flag}\""));
            }

            request.Body = Encoding.UTF8.GetBytes(Serialize(fields));
            if (request.ContentTypes.Count == 0 && !request.Mutations.Any(m => m.StartsWith("content-type", StringComparison.Ordinal)))
            {
                request.ContentTypes.Add("application/json");
            }

            if (bodyMutation)
            {
                MutateBody(random, request);
            }

            request.PathAndQuery = path;
        }
        else
        {
            request.PathAndQuery = path + QueryString(fields, request);
        }

        return request;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
