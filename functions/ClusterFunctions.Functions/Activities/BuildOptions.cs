using System.ComponentModel.DataAnnotations;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Where the catalog is and how often a build polls the cloud (bound from the "Build" section).</summary>
public sealed class BuildOptions
{
    [Required]
    public string CatalogDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>
    /// Durable-timer interval between infrastructure state reads (AKS takes minutes; 10 s is plenty), and the longest
    /// pause between the reads of one activity's wait, which start faster (<see cref="GetInfrastructureStateActivity.IntervalAfter"/>).
    /// </summary>
    public TimeSpan InfrastructurePollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one infrastructure state read may wait inside its activity, reading again at the pace of
    /// <see cref="GetInfrastructureStateActivity.IntervalAfter"/>, while an operation is in progress. Beyond it the orchestrator waits on
    /// a durable timer: fewer timer rounds (each a queue poll and two orchestration turns) for operations of seconds,
    /// while an AKS create of minutes still frees the worker between reads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan InfrastructureWaitPerRead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Durable-timer interval between readiness checks of a bundle.</summary>
    public TimeSpan GatePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one readiness check may wait inside its activity for the gate to pass, checking every
    /// <see cref="GateCheckInterval"/>, before it hands back to the orchestrator's durable timer. Most gates pass within
    /// seconds, and each durable-timer round costs queue polls and orchestration turns (up to a second per level).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan GateWaitPerCheck { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between the Kubernetes reads of one readiness check's wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan GateCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long infrastructure may take before the step fails.</summary>
    public TimeSpan InfrastructureTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How often the announcer looks for terminated builds: the longest a subscriber waits for a terminated build's ClusterFailed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TerminatedBuildsPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long before a cluster's expiry its ClusterExpiring warning goes out: long enough for its requester to
    /// extend it. A ttl shorter than four times this warns a quarter of the ttl ahead instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromHours(1);
}
