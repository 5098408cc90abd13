using System.Diagnostics.Metrics;

namespace Ordo.Core.Engine;

/// <summary>
/// The engine's own measurements, as .NET meters (in-process counters, no I/O): the host decides
/// whether and where to export them.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "Ordo.Engine";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Cancels = Meter.CreateCounter<long>("ordo.cancels", description: "Cancel requests by outcome");
    private static readonly Counter<long> Fills = Meter.CreateCounter<long>("ordo.fills", description: "Fill reports by outcome");
    private static readonly Counter<long> Places = Meter.CreateCounter<long>("ordo.places", description: "Place requests by outcome");

    internal static void Cancel(CancelStatus status) => Cancels.Add(1, new KeyValuePair<string, object?>("outcome", status.ToString()));

    internal static void Fill(FillStatus status) => Fills.Add(1, new KeyValuePair<string, object?>("outcome", status.ToString()));

    internal static void Place(PlaceStatus status) => Places.Add(1, new KeyValuePair<string, object?>("outcome", status.ToString()));
}
