using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>A parsed resource URL: /api/v1[/namespaces/{ns}]/{plural}[/{name}[/{sub}]] or the /apis/{g}/{v} form.</summary>
internal sealed record ResourcePath(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses a path; returns null when it is not a resource path, throws 404 for unknown resources.</summary>
    public static ResourcePath? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        string[] rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return null;
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(group.Length == 0 && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3)
        {
            throw StatusErrors.PathNotFound(path);
        }

        var type = ResourceTypes.Find(group, version, rest[0]) ?? throw StatusErrors.PathNotFound(path);
        if (ns is not null && !type.Namespaced)
        {
            throw StatusErrors.PathNotFound(path);
        }

        return new ResourcePath(type, ns, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null);
    }
}
