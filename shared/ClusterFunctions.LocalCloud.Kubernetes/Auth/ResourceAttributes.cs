namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>What an authorization decision is about, as SubjectAccessReview's resourceAttributes.</summary>
internal sealed record ResourceAttributes(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    /// <summary>kube-apiserver's wording of a denial: 'User "x" cannot create resource "roles" in API group "..." in the namespace "y"'.</summary>
    public string DenialMessage(string user)
    {
        var resource = Subresource is null ? Resource : $"{Resource}/{Subresource}";
        var scope = string.IsNullOrEmpty(Namespace) ? "at the cluster scope" : $"in the namespace \"{Namespace}\"";
        return $"User \"{user}\" cannot {Verb} resource \"{resource}\" in API group \"{Group}\" {scope}";
    }
}
