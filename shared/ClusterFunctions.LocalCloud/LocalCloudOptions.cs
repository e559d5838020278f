namespace ClusterFunctions.LocalCloud;

/// <summary>How the whole LocalCloud listens and how slow its simulated cloud is.</summary>
public sealed class LocalCloudOptions
{
    /// <summary>ARM emulator port (HTTPS); 0 picks a free one.</summary>
    public int ArmPort { get; set; }

    /// <summary>Service Bus emulator port (AMQP); 0 picks a free one.</summary>
    public int ServiceBusPort { get; set; }

    /// <summary>How long a managed cluster takes to provision.</summary>
    public TimeSpan ProvisioningTime { get; set; } = TimeSpan.Zero;

    /// <summary>How long each cluster's Deployments and StatefulSets take to become ready.</summary>
    public TimeSpan ReadinessDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// When set, the LocalCloud survives a restart: Service Bus messages, the ARM emulator's groups, clusters and
    /// operations (in <c>arm/</c>) and each cluster's Kubernetes objects (in <c>kubernetes/</c>).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Shared access key of the Service Bus emulator.</summary>
    public string ServiceBusKey { get; set; } = "localcloud-development-key";

    /// <summary>Clock for every emulator (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
