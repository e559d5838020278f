using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Kubernetes;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud;

/// <summary>
/// Gives every managed cluster the ARM emulator creates its own Kubernetes API emulator, as AKS gives each cluster an
/// API server. With a data directory each cluster's objects live in <c>DIR/kubernetes/NAME-HASH</c> (the hash of the
/// ARM id tells apart clusters of one name in different groups) until the cluster is deleted.
/// </summary>
public sealed class KubernetesClusterApiProvisioner(LocalCloudOptions options) : IClusterApiProvisioner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RunningKubernetesEmulator>>> clusters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every request the clusters' API servers have received, together, by method.</summary>
    public RequestCounter RequestCounter { get; } = new();

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
            DataDirectory = DataDirectory(cluster),
            RequestCounter = RequestCounter,
        }))).Value;
        return new ClusterApiEndpoint(emulator.Url, emulator.CertificatePem, emulator.AdminToken);
    }

    /// <summary>The cluster was deleted: stop its API server and delete its objects.</summary>
    public async Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        await StopAsync(cluster, cancellationToken);
        if (DataDirectory(cluster) is { } directory && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The ARM emulator is stopping: stop the API server and keep its objects for the next start.</summary>
    public async Task StopAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        if (clusters.TryRemove(cluster.ResourceId, out var emulator))
        {
            await (await emulator.Value).StopAsync(cancellationToken);
        }
    }

    private string? DataDirectory(ClusterApiRequest cluster) => options.DataDirectory is { } root
        ? Path.Combine(root, "kubernetes", $"{cluster.ClusterName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cluster.ResourceId.ToLowerInvariant())))[..8]}")
        : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var emulator in clusters.Values.Where(e => e.IsValueCreated))
        {
            RunningKubernetesEmulator running;
            try
            {
                running = await emulator.Value;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                continue; // It never started (the caller that asked for it was told why): nothing to stop.
            }

            await running.DisposeAsync();
        }

        clusters.Clear();
    }
}
