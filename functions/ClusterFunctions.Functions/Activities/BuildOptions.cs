using System.ComponentModel.DataAnnotations;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Where the catalog is and how often a build polls the cloud (bound from the "Build" section).</summary>
public sealed class BuildOptions
{
    [Required]
    public string CatalogDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>Durable-timer interval between infrastructure state reads (AKS takes minutes; 10 s is plenty).</summary>
    public TimeSpan InfrastructurePollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Durable-timer interval between readiness checks of a bundle.</summary>
    public TimeSpan GatePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long infrastructure may take before the step fails.</summary>
    public TimeSpan InfrastructureTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How often the announcer looks for terminated builds: the longest a subscriber waits for a terminated build's ClusterFailed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TerminatedBuildsPollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
