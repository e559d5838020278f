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

    /// <summary>Bearer tokens the emulator accepts and the identity each maps to; requests without a token run as <see cref="EmulatorIdentity.Admin"/>.</summary>
    public IReadOnlyDictionary<string, EmulatorIdentity> BearerTokens { get; init; } = new Dictionary<string, EmulatorIdentity>();

    /// <summary>
    /// Who requests without a token, or with <see cref="AdminToken"/>, run as. The admin by default; a
    /// product that locks RBAC to a platform group can make the default caller a member of it.
    /// </summary>
    public EmulatorIdentity DefaultIdentity { get; init; } = EmulatorIdentity.Admin;

    /// <summary>The token the generated kubeconfig carries by default (KubernetesClient refuses a user without credentials).</summary>
    public string AdminToken { get; init; } = "localcloud-admin";

    /// <summary>Whether non-admin requests are authorized against the stored RBAC objects (as kube-apiserver does).</summary>
    public bool EnforceRbac { get; init; } = true;

    /// <summary>Name used for the cluster, context and user in the generated kubeconfig.</summary>
    public string ClusterName { get; init; } = "localcloud";

    /// <summary>Fault injection rules; the same instance is exposed on the running emulator.</summary>
    public KubernetesFaults Faults { get; init; } = new();
}
