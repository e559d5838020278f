using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Kubernetes;

/// <summary>How a Kubernetes API emulator instance behaves.</summary>
public sealed class KubernetesEmulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one (tests must use 0).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Where the cluster's objects are kept across restarts, with the port (reused when free); null keeps them in
    /// memory. One emulator per directory.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long simulated controllers take to make a Deployment or StatefulSet ready; zero makes it immediate.</summary>
    public TimeSpan ReadinessDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Clock for readiness timers, timestamps and injected delays (a FakeTimeProvider in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Bearer tokens the emulator accepts and the identity each maps to; requests without a token get 401, as on AKS.</summary>
    public IReadOnlyDictionary<string, EmulatorIdentity> BearerTokens { get; init; } = new Dictionary<string, EmulatorIdentity>();

    /// <summary>
    /// Who requests with the admin token run as. The admin by default; a product that locks RBAC to a platform group
    /// can make the admin a member of it.
    /// </summary>
    public EmulatorIdentity DefaultIdentity { get; init; } = EmulatorIdentity.Admin;

    /// <summary>
    /// The administrator's bearer token, which kubeconfigs carry by default. Null (the default) makes a random one,
    /// kept in the data directory when there is one so that kubeconfigs stay valid across restarts.
    /// </summary>
    public string? AdminToken { get; init; }

    /// <summary>Whether non-admin requests are authorized against the stored RBAC objects (as kube-apiserver does).</summary>
    public bool EnforceRbac { get; init; } = true;

    /// <summary>Name used for the cluster, context and user in the generated kubeconfig.</summary>
    public string ClusterName { get; init; } = "localcloud";

    /// <summary>Fault injection rules; the same instance is exposed on the running emulator.</summary>
    public KubernetesFaults Faults { get; init; } = new();

    /// <summary>
    /// Counts every request the emulator receives, by method; the same instance is exposed on the running emulator.
    /// Several emulators may share one (LocalCloud counts all its clusters' APIs together).
    /// </summary>
    public RequestCounter RequestCounter { get; init; } = new();
}
