using System.Diagnostics.Metrics;

using OpenTelemetry;
using OpenTelemetry.Metrics;

using Ordo.Core.Engine;
using Ordo.Core.Store;

namespace Ordo.Server.Telemetry;

/// <summary>
/// Metrics: the engine's meter, the store's commits (latency, batch size) and ASP.NET Core's
/// request metrics per route. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public sealed class Telemetry : IDisposable
{
    public const string StoreMeterName = "Ordo.Store";

    private static readonly Meter StoreMeter = new(StoreMeterName);
    private static readonly Histogram<double> CommitLatency = StoreMeter.CreateHistogram<double>("ordo.store.commit.duration", "ms", "Time to commit one batch");
    private static readonly Histogram<int> BatchSize = StoreMeter.CreateHistogram<int>("ordo.store.commit.batch_size", "{writes}", "Writes per commit");

    private readonly MeterProvider? _provider;

    public Telemetry(ICommitReports store)
    {
        store.Committed += (size, elapsed) =>
        {
            CommitLatency.Record(elapsed.TotalMilliseconds);
            BatchSize.Record(size);
        };
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            _provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(EngineMetrics.MeterName, StoreMeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter()
                .Build();
        }
    }

    public void Dispose() => _provider?.Dispose();
}
