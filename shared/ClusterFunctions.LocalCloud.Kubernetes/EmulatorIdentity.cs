namespace ClusterFunctions.LocalCloud.Kubernetes;

/// <summary>Who a request runs as: the user name and groups kube-apiserver's authenticator would produce.</summary>
/// <param name="UserName">e.g. "dev@example.com" or "system:serviceaccount:ns:name".</param>
/// <param name="Groups">Group names, e.g. "system:masters".</param>
public sealed record EmulatorIdentity(string UserName, IReadOnlyList<string> Groups)
{
    /// <summary>The default caller: a cluster administrator, as an admin kubeconfig would be.</summary>
    public static EmulatorIdentity Admin { get; } = new("kubernetes-admin", ["system:masters", "system:authenticated"]);

    /// <summary>Whether RBAC is bypassed, as it is for the system:masters group.</summary>
    public bool IsMaster => Groups.Contains("system:masters");
}
