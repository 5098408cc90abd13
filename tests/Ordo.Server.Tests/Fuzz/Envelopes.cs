using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>
/// Whether an answer is in its dialect's own envelope (spec: every dialect's file), and whether it
/// is a refusal. Native: RFC 9457 problems; Feee and Tronify: HTTP 200 with their code in the
/// body; tanX, Fungies, XendBridge: their envelopes with HTTP statuses.
/// </summary>
public static class Envelopes
{
    /// <summary>What is wrong with the answer, or null; <paramref name="refused"/> says whether it is an error answer.</summary>
    public static string? Check(Dialect dialect, HttpResponseMessage response, string text, out bool refused)
    {
        refused = true;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"HTTP {status}";
        }

        if (!response.Headers.TryGetValues("X-Request-Id", out var ids) || ids.ToList() is not [{ Length: > 0 } requestId])
        {
            return $"HTTP {status} without a single X-Request-Id header";
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return $"HTTP {status}, body is not JSON";
        }

        if (json is not JsonObject body)
        {
            return $"HTTP {status}, body is not a JSON object";
        }

        // A replayed idempotent answer is the first answer as it was sent, with that request's id in its body.
        var replayed = response.Headers.Contains("Idempotent-Replayed");
        var type = response.Content.Headers.ContentType?.MediaType;
        return dialect switch
        {
            Dialect.Native => Native(body, status, type, replayed ? Str(body, "request_id") ?? "" : requestId, out refused),
            Dialect.Feee => Feee(body, status, requestId, out refused),
            Dialect.Tronify => Tronify(body, status, out refused),
            Dialect.Tanx => Tanx(body, status, out refused),
            Dialect.Fungies => Fungies(body, status, out refused),
            _ => Xend(body, status, out refused),
        };
    }

    private static string? Native(JsonObject body, int status, string? type, string requestId, out bool refused)
    {
        refused = status >= 400;
        if (!refused)
        {
            return type == "application/json" ? null : $"HTTP {status} with content type {type}";
        }

        if (type != "application/problem+json")
        {
            return $"HTTP {status} with content type {type}, not a problem";
        }

        return Str(body, "type") is { } problemType && problemType.StartsWith("urn:ordo:problem:", StringComparison.Ordinal)
            && Str(body, "title") is not null && Str(body, "detail") is not null && Str(body, "code") is not null
            && Num(body, "status") == status && Str(body, "request_id") == requestId
                ? null
                : $"HTTP {status}, not a native problem";
    }

    private static string? Feee(JsonObject body, int status, string requestId, out bool refused)
    {
        refused = Num(body, "code") != 0;
        return status == 200
            && Keys(body) == "code,msg,request_id,data,pagination"
            && Num(body, "code") is not null && Str(body, "msg") is not null && Str(body, "request_id") == requestId
                ? null
                : $"HTTP {status}, not Feee's envelope";
    }

    private static string? Tronify(JsonObject body, int status, out bool refused)
    {
        refused = Num(body, "resCode") != 100;
        return status == 200
            && Keys(body) is "resCode,resMsg,data" or "resCode,resMsg,data,pagination"
            && Num(body, "resCode") is not null && Str(body, "resMsg") is not null
                ? null
                : $"HTTP {status}, not Tronify's envelope";
    }

    private static string? Tanx(JsonObject body, int status, out bool refused)
    {
        refused = status >= 400;
        return Keys(body) is "status,message,payload" or "status,message,payload,token"
            && Str(body, "status") == (refused ? "error" : "success") && Str(body, "message") is not null
                ? null
                : $"HTTP {status}, not tanX's envelope";
    }

    private static string? Fungies(JsonObject body, int status, out bool refused)
    {
        refused = status >= 400;
        var ok = refused
            ? Keys(body) == "status,error" && Str(body, "status") == "error" && body["error"] is JsonObject error
                && Keys(error) == "message" && Str(error, "message") is not null
            : status == 200 && Keys(body) == "status,data" && Str(body, "status") == "success" && body["data"] is JsonObject;
        return ok ? null : $"HTTP {status}, not Fungies' envelope";
    }

    private static string? Xend(JsonObject body, int status, out bool refused)
    {
        refused = status >= 400;
        return Keys(body) == "data,status,message" && Str(body, "status") == ((HttpStatusCode)status).ToString() && Str(body, "message") is not null
            ? null
            : $"HTTP {status}, not XendBridge's envelope";
    }

    private static string Keys(JsonObject body) => string.Join(",", body.Select(p => p.Key));

    private static string? Str(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? Num(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;
}
