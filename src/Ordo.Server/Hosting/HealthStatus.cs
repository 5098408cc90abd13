namespace Ordo.Server.Hosting;

/// <summary>The answer of <c>/healthz</c> and <c>/readyz</c>: <c>{"status": "up"}</c>, <c>"ready"</c> or <c>"not_ready"</c>.</summary>
public sealed record HealthStatus(string Status);
