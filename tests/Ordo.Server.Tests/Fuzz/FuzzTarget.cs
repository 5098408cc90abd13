using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>Which envelope an endpoint answers in.</summary>
public enum Dialect
{
    Native,
    Feee,
    Tronify,
    Tanx,
    Fungies,
    XendBridge,
}

/// <summary>
/// One endpoint and a valid request to it, which the fuzz mutates. <see cref="Path"/> may hold one
/// <c>{param}</c>, whose valid value is <see cref="PathValue"/>; GETs carry <see cref="Query"/>, writes
/// <see cref="Body"/>. <see cref="Sign"/> re-signs a mutated body (Tronify), so mutations reach the parser.
/// </summary>
public sealed record FuzzTarget(
    Dialect Dialect,
    string Method,
    string Path,
    IReadOnlyList<(string Name, string Value)> Headers,
    JsonObject? Body = null,
    JsonObject? Query = null,
    string? PathValue = null,
    Func<string, string?>? Sign = null)
{
    public string Name => $"{Method} {Path}";

    public bool HasBody => Method is "POST" or "PUT" or "PATCH";
}
