using System.Security.Cryptography;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// The default provisioner: starts nothing and returns an address in the reserved ".invalid" domain
/// with a fresh random token. Good only for tests of the ARM surface; LocalCloud replaces it with a
/// provisioner that starts a real Kubernetes API emulator.
/// </summary>
public sealed class PlaceholderClusterApiProvisioner : IClusterApiProvisioner
{
    /// <inheritdoc />
    public Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        var server = new Uri($"https://{cluster.ClusterName.ToLowerInvariant().Replace('_', '-')}.localcloud.invalid:443");
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        return Task.FromResult(new ClusterApiEndpoint(server, null, token));
    }

    /// <inheritdoc />
    public Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
