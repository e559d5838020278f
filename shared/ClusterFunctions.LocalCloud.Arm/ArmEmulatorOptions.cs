using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Arm;

/// <summary>How the ARM emulator behaves: address, timings, regions, api-versions and the cluster API provisioner.</summary>
public sealed class ArmEmulatorOptions
{
    /// <summary>Loopback port to bind; 0 picks a free one (tests must use 0), or the one used last time in <see cref="DataDirectory"/>.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Where resource groups, managed clusters with their agent pools, long-running operations and the TLS
    /// certificate are kept across restarts; null keeps everything in memory. One emulator per directory.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a create or update stays in progress; zero finishes on the first poll.</summary>
    public TimeSpan ProvisioningTime { get; set; } = TimeSpan.Zero;

    /// <summary>How long a delete stays in progress; zero finishes on the first poll.</summary>
    public TimeSpan DeletionTime { get; set; } = TimeSpan.Zero;

    /// <summary>The Retry-After (seconds) sent with long-running operation responses, as AKS does.</summary>
    public int PollRetryAfterSeconds { get; set; } = 1;

    /// <summary>The clock that decides when operations finish (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Counts every request the emulator receives, by method; the same instance is exposed on the emulator.</summary>
    public RequestCounter RequestCounter { get; set; } = new();

    /// <summary>Starts a Kubernetes API for each cluster whose creation completes, and stops it on delete.</summary>
    public IClusterApiProvisioner ClusterApiProvisioner { get; set; } = new PlaceholderClusterApiProvisioner();

    /// <summary>Region names accepted in bodies (lower-case, no spaces, as ARM normalises them).</summary>
    public ISet<string> Locations { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "centralindia", "southindia", "westindia", "eastus", "eastus2", "westus2", "westus3", "centralus",
        "northeurope", "westeurope", "uksouth", "germanywestcentral", "swedencentral", "francecentral",
        "japaneast", "southeastasia", "eastasia", "australiaeast", "canadacentral", "brazilsouth",
    };

    /// <summary>
    /// Microsoft.ContainerService/managedClusters api-versions accepted. Azure.ResourceManager picks the
    /// first listed when it looks the version up, so the catalog's pinned stable version comes first;
    /// the newer ones are the defaults of other official SDKs (2026-06-01 for @azure/arm-containerservice 25.5).
    /// </summary>
    public IList<string> ManagedClusterApiVersions { get; } =
        ["2025-08-01", "2026-06-01", "2026-02-01", "2026-01-01", "2025-10-01", "2025-07-01", "2025-05-01", "2024-09-01", "2024-05-01"];
}
