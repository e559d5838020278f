namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// Provides the Kubernetes API behind each emulated managed cluster: called once when a cluster's
/// creation completes and once when it is deleted. The LocalCloud composition plugs in one that
/// starts a Kubernetes API emulator; the default only hands out a placeholder address.
/// </summary>
public interface IClusterApiProvisioner
{
    /// <summary>Starts (or returns) the API server for the cluster and the credentials a kubeconfig needs.</summary>
    Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default);

    /// <summary>Stops the cluster's API server; called after the cluster is deleted.</summary>
    Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default);
}
