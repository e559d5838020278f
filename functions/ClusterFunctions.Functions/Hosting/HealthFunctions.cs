using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Hosting;

/// <summary><c>/api/health/live</c> and <c>/api/health/ready</c>: the probes, open to anyone (they say nothing about clusters).</summary>
public sealed class HealthFunctions(HealthCheck check)
{
    /// <summary>The functions the caller check lets through.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { nameof(Live), nameof(Ready) };

    [Function(nameof(Live))]
    public IResult Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request) =>
        Results.Ok(new { status = "Healthy" });

    [Function(nameof(Ready))]
    public IResult Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) => check.Run();
}
