using System.Security.Cryptography;
using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Kubernetes;

/// <summary>
/// Kubernetes clients kept per kubeconfig, so the calls a worker makes to one cluster share one client and its open
/// TLS connections. A client per call parsed the kubeconfig (YAML) and made a TLS handshake every time: together about a
/// third of the worker's CPU in the e2e bench, and a handshake on each readiness read. The key is a hash of the
/// kubeconfig and context, so other credentials (rotated, or a cluster created again) get a client of their own. A
/// client nobody holds for <see cref="IdleLifetime"/> is disposed, and at most <see cref="MaxIdle"/> wait unused.
/// </summary>
internal sealed class KubernetesClients(TimeProvider time)
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(2);

    public const int MaxIdle = 32;

    /// <summary>The clients of this process.</summary>
    public static KubernetesClients Shared { get; } = new(TimeProvider.System);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Pooled> pool = new(StringComparer.Ordinal);

    /// <summary>A client for <paramref name="connection"/>; dispose the lease when the call is done (not the client).</summary>
    public Lease Rent(ClusterConnection connection)
    {
        var key = KeyOf(connection);
        lock (gate)
        {
            Sweep();
            if (pool.TryGetValue(key, out var pooled))
            {
                return pooled.Lend();
            }
        }

        var created = Create(connection);
        lock (gate)
        {
            if (pool.TryGetValue(key, out var raced))
            {
                created.Dispose();
                return raced.Lend();
            }

            var pooled = new Pooled(this, created);
            pool[key] = pooled;
            return pooled.Lend();
        }
    }

    /// <summary>How many clients are kept, held or not.</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return pool.Count;
            }
        }
    }

    private static k8s.Kubernetes Create(ClusterConnection connection)
    {
        using var kubeconfig = connection.OpenKubeconfig();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, connection.Context);
        return new k8s.Kubernetes(configuration);
    }

    private static string KeyOf(ClusterConnection connection)
    {
        using var kubeconfig = connection.OpenKubeconfig();
        return $"{Convert.ToHexString(SHA256.HashData(kubeconfig))}|{connection.Context}";
    }

    /// <summary>Disposes clients idle past their lifetime, then the longest idle beyond <see cref="MaxIdle"/>. Under the lock.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        var idle = pool.Where(p => p.Value.Leases == 0).OrderBy(p => p.Value.ReturnedAt).ToList();
        var surplus = idle.Count - MaxIdle;
        foreach (var (key, pooled) in idle)
        {
            if (surplus-- > 0 || now - pooled.ReturnedAt >= IdleLifetime)
            {
                pool.Remove(key);
                pooled.Client.Dispose();
            }
        }
    }

    private void Return(Pooled pooled)
    {
        lock (gate)
        {
            pooled.Leases--;
            pooled.ReturnedAt = time.GetUtcNow();
        }
    }

    /// <summary>A kept client; its counts change under the owner's lock.</summary>
    internal sealed class Pooled(KubernetesClients owner, k8s.Kubernetes client)
    {
        public k8s.Kubernetes Client => client;

        public int Leases { get; set; }

        public DateTimeOffset ReturnedAt { get; set; }

        public Lease Lend()
        {
            Leases++;
            return new Lease(this);
        }

        public void Return() => owner.Return(this);
    }

    /// <summary>A client lent for one call.</summary>
    public sealed class Lease : IDisposable
    {
        private Pooled? pooled;

        internal Lease(Pooled pooled)
        {
            this.pooled = pooled;
        }

        public k8s.Kubernetes Client => (pooled ?? throw new ObjectDisposedException(nameof(Lease))).Client;

        public void Dispose() => Interlocked.Exchange(ref pooled, null)?.Return();
    }
}
