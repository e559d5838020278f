namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// Provides the Kubernetes API behind each emulated managed cluster: called once when a cluster's
/// creation completes (and again when an emulator restarts on its data directory) and once when it is deleted. The LocalCloud composition plugs in one that
/// starts a Kubernetes API emulator; the default only hands out a placeholder address.
/// </summary>
public interface IClusterApiProvisioner
{
    /// <summary>Starts (or returns) the API server for the cluster and the credentials a kubeconfig needs.</summary>
    Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default);

    /// <summary>Stops the cluster's API server and forgets it; called after the cluster is deleted.</summary>
    Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops the cluster's API server when the emulator stops while the cluster still exists; a provisioner that
    /// keeps clusters' objects on disk keeps them, and <see cref="ProvisionAsync"/> brings them back on restart.
    /// </summary>
    Task StopAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default) => ReleaseAsync(cluster, cancellationToken);
}
