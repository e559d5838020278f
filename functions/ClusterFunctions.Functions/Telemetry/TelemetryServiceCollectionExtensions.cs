using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>
/// Traces (triggers, every activity, the ARM and Kubernetes HTTP calls beneath them) and metrics, sent
/// where "Telemetry:Exporter" says: "otlp" (endpoint from the standard OTEL_EXPORTER_OTLP_* variables),
/// "console" for local runs, or nowhere by default.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddClusterFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = configuration["Telemetry:Exporter"] ?? "none";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ClusterTelemetry.Name))
            .WithTracing(tracing =>
            {
                // The worker's own source: its invocation span carries the trace context the host sends with each call
                // (the caller's traceparent for HTTP and Service Bus), so builds and their activities join that trace.
                tracing.AddSource(ClusterTelemetry.Name, "Microsoft.Azure.Functions.Worker").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (exporter == "otlp")
                {
                    tracing.AddOtlpExporter();
                }
                else if (exporter == "console")
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ClusterTelemetry.Name);
                if (exporter == "otlp")
                {
                    metrics.AddOtlpExporter();
                }
                else if (exporter == "console")
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }
}
