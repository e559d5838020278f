namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>The outcome of an RBAC check and the rule that allowed it (empty when denied).</summary>
internal sealed record AuthorizationDecision(bool Allowed, string Reason);
