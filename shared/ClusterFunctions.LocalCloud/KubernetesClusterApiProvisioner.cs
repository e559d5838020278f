using System.Collections.Concurrent;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.LocalCloud;

/// <summary>Gives every managed cluster the ARM emulator creates its own Kubernetes API emulator, as AKS gives each cluster an API server.</summary>
public sealed class KubernetesClusterApiProvisioner(LocalCloudOptions options) : IClusterApiProvisioner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RunningKubernetesEmulator>>> clusters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The running API servers by ARM resource id (for tests and <c>./cluster emulate all</c>).</summary>
    public IReadOnlyDictionary<string, RunningKubernetesEmulator> Clusters =>
        clusters.Where(c => c.Value.Value.IsCompletedSuccessfully).ToDictionary(c => c.Key, c => c.Value.Value.Result, StringComparer.OrdinalIgnoreCase);

    public async Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        var emulator = await clusters.GetOrAdd(cluster.ResourceId, _ => new Lazy<Task<RunningKubernetesEmulator>>(() => KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions
        {
            ClusterName = cluster.ClusterName,
            ReadinessDelay = options.ReadinessDelay,
            TimeProvider = options.TimeProvider,
            DefaultIdentity = PlatformIdentity.Identity,
        }))).Value;
        return new ClusterApiEndpoint(emulator.Url, null, new KubernetesEmulatorOptions().AdminToken);
    }

    public async Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        if (clusters.TryRemove(cluster.ResourceId, out var emulator))
        {
            await (await emulator.Value).StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var emulator in clusters.Values.Where(e => e.IsValueCreated))
        {
            await (await emulator.Value).DisposeAsync();
        }

        clusters.Clear();
    }
}
