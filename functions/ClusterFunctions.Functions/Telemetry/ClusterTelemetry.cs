using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>The app's traces and metrics: builds started, succeeded and failed, and how long each step took.</summary>
public static class ClusterTelemetry
{
    public const string Name = "ClusterFunctions";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> BuildsStarted = Meter.CreateCounter<long>("clusterfunctions.builds.started", description: "Builds scheduled");

    public static readonly Counter<long> BuildsSucceeded = Meter.CreateCounter<long>("clusterfunctions.builds.succeeded", description: "Builds that announced ClusterReady");

    public static readonly Counter<long> BuildsFailed = Meter.CreateCounter<long>("clusterfunctions.builds.failed", description: "Builds that announced ClusterFailed");

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("clusterfunctions.step.duration", unit: "s", description: "Duration of each build step");
}
